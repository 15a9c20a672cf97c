"""Notices of illegal content (EU DSA Art. 16, 17): the page, the receipt, the decision, export."""

from __future__ import annotations

import json
import re

import pytest

from tests.actions import Admin, csrf_token_in
from tests.conftest import MODERATOR_PASSWORD
from tests.mailbox import text_part
from tests.newsroom import confirm_notice, labels, post, public_ids, reader, text_of
from tests.test_mail_readers import deliver
from widget import storage
from widget.accounts.moderators import create_moderator
from widget.storage.models.newsroom import Notice

NOTIFIER = "notifier@example.org"
VALID = {
    "category": "defamation",
    "explanation": "It says I stole from the co-op; that is false and defames me.",
    "name": "Nora Notifier",
    "email": NOTIFIER,
    "good_faith": "y",
}


def _page(client, comment_id: int, **params):
    return client.get("/notices/new", query_string={"comment": comment_id, **params})


def _send(client, comment_id: int, lang: str | None = None, **fields):
    page = _page(client, comment_id, **({"lang": lang} if lang else {}))
    token = csrf_token_in(page.get_data(as_text=True))
    query = {"comment": comment_id, **({"lang": lang} if lang else {})}
    body = {**VALID, **fields, "csrf_token": token}
    body = {name: value for name, value in body.items() if value is not None}
    return client.post("/notices/new", query_string=query, data=body)


def _reference(response) -> str:
    found = re.search(r"DSA-\d{8}-[A-Z0-9]{8}", response.get_data(as_text=True))
    assert found, response.get_data(as_text=True)
    return found.group(0)


def test_the_page_quotes_the_comment_with_every_field_and_no_script(client):
    comment = post(reader(client, 1), text="The mayor *is* a thief.")
    page = _page(client, comment["id"])
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<em>is</em> a thief" in html and "Ana Reader" in html
    assert "<script" not in html
    assert (
        "script-src" in page.headers["Content-Security-Policy"]
        or "default-src" in page.headers["Content-Security-Policy"]
    )
    for name in ("csrf_token", "category", "explanation", "name", "email", "good_faith"):
        assert f'name="{name}"' in html
    for category in ("hate", "terrorism", "defamation", "privacy", "ip", "other"):
        assert f'value="{category}"' in html
    assert "Illegal hate speech" in text_of(page)


def test_the_page_speaks_spanish(client):
    comment = post(reader(client, 1))
    page = _page(client, comment["id"], lang="es")
    assert "Notificación de contenido ilegal" in text_of(page)
    assert 'lang="es"' in page.get_data(as_text=True)
    browser = client.get(
        "/notices/new", query_string={"comment": comment["id"]}, headers={"Accept-Language": "es"}
    )
    assert "Difamación" in text_of(browser)


def test_unpublished_and_unknown_comments_have_no_notice_page(app, client):
    comment = post(reader(client, 1))
    with app.app_context():
        storage.find_comment(comment["id"]).status = "spam"
        storage.commit()
    assert _page(client, comment["id"]).status_code == 404
    assert client.get("/notices/new?comment=999999").status_code == 404
    assert client.get("/notices/new?comment=x").status_code == 404
    assert client.get("/notices/new").status_code == 404


def test_a_post_without_its_csrf_token_is_refused(app, client):
    comment = post(reader(client, 1))
    response = client.post(f"/notices/new?comment={comment['id']}", data=VALID)
    assert response.status_code == 400
    with app.app_context():
        assert storage.db.session.query(Notice).count() == 0


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"explanation": ""}, "This field is required."),
        ({"good_faith": None}, "This field is required."),
        ({"category": "gossip"}, "Please choose a category."),
        ({"category": None}, "Please choose a category."),
        ({"email": "not an address"}, "This is not a valid email address."),
        ({"explanation": "x" * 5001}, "This is longer than 5,000 characters."),
        ({"name": "Nora\u202eevil"}, "The name contains characters that are not allowed."),
    ],
)
def test_invalid_notices_show_the_form_again_with_the_message(app, client, fields, message):
    comment = post(reader(client, 1))
    response = _send(client, comment["id"], **fields)
    assert response.status_code == 400
    assert message in text_of(response)
    assert 'aria-invalid="true"' in response.get_data(as_text=True) or "category" in str(fields)
    with app.app_context():
        assert storage.db.session.query(Notice).count() == 0


def test_name_and_email_are_optional(app, client):
    comment = post(reader(client, 1))
    response = _send(client, comment["id"], name="", email="")
    assert response.status_code == 201
    with app.app_context():
        notice = storage.db.session.query(Notice).one()
        assert (notice.name, notice.email) == ("", "")


def test_a_notice_gets_a_reference_and_holds_the_comment_once_confirmed(app, client, admin):
    ana = reader(client, 1)
    comment = post(ana, text="Libel here")
    response = _send(client, comment["id"])
    assert response.status_code == 201
    reference = _reference(response)
    assert "Your reference number is" in text_of(response)
    confirm_notice(app, client, reference)
    assert comment["id"] not in public_ids(ana)
    with app.app_context():
        notice = storage.db.session.query(Notice).one()
        assert (notice.reference, notice.quoted, notice.category) == (
            reference,
            "Libel here",
            "defamation",
        )
        assert storage.find_comment(comment["id"]).status == "pending"
    assert f"legal notice {reference}" in labels(admin.get("/admin/"))
    notices = admin.get("/admin/notices")
    assert reference in text_of(notices) and "open" in text_of(notices)


def test_a_site_may_leave_noticed_comments_up(app, client):
    with app.app_context():
        storage.find_site(1).hold_on_notice = False
        storage.commit()
    ana = reader(client, 1)
    comment = post(ana)
    response = _send(client, comment["id"])
    assert response.status_code == 201
    confirm_notice(app, client, _reference(response))
    assert comment["id"] in public_ids(ana)


def test_the_notifier_gets_a_receipt_and_the_decision_with_its_reasons(mail_app, smtp):
    with mail_app.app_context():
        create_moderator("mod@example.org", MODERATOR_PASSWORD)
    client = mail_app.test_client()
    comment = post(reader(client, 1), text="Libel here")
    reference = _reference(_send(client, comment["id"], lang="es"))
    deliver(mail_app)
    receipt = smtp.inbox.to(NOTIFIER)
    assert len(receipt) == 1
    assert receipt[0]["Subject"] == f"Hemos recibido tu notificación {reference}"
    assert reference in text_part(receipt[0])
    admin = Admin(client)
    assert admin.login("mod@example.org", MODERATOR_PASSWORD).status_code == 303
    notice_id = 1
    response = admin.post(
        f"/admin/notices/{notice_id}",
        decision="remove",
        statement="Defamatory statement of fact about a private person.",
    )
    assert response.status_code == 303
    deliver(mail_app)
    decision = smtp.inbox.to(NOTIFIER)[-1]
    assert decision["Subject"] == f"Decisión sobre tu notificación {reference}"
    body = text_part(decision)
    assert "el comentario se ha retirado" in body
    assert "Defamatory statement of fact about a private person." in body
    # The comment's author gets the statement of reasons too (DSA Art. 17).
    (author,) = smtp.inbox.to("ana.reader@example.org")
    assert author["Subject"].startswith("A decision about your comment on")
    assert reference in text_part(author)
    assert "the comment was removed" in text_part(author)
    assert "Defamatory statement of fact about a private person." in text_part(author)
    assert NOTIFIER not in str(author) and "Nora" not in str(author)  # never who noticed


def test_a_decision_needs_a_statement_of_reasons_and_is_recorded(app, client, admin):
    ana = reader(client, 1)
    comment = post(ana, text="Borderline")
    reference = _reference(_send(client, comment["id"], email=""))
    missing = admin.post("/admin/notices/1", decision="keep", statement="")
    assert missing.status_code == 400
    kept = admin.post("/admin/notices/1", decision="keep", statement="Opinion, not fact.")
    assert kept.status_code == 303
    assert comment["id"] in public_ids(ana)  # kept: published again
    with app.app_context():
        notice = storage.find_notice(1)
        assert (notice.decision, notice.statement, notice.moderator_email) == (
            "keep",
            "Opinion, not fact.",
            "mod@example.org",
        )
        assert notice.decided_at is not None
    who, action, about, change, detail = admin.audit()[-1][:5]
    assert (who, action) == ("mod@example.org", "notice_keep")
    assert reference in detail and "Opinion, not fact." in detail
    again = admin.post("/admin/notices/1", decision="remove", statement="Changed my mind.")
    assert "decided already" in text_of(again)


@pytest.mark.parametrize("decision", ["remove", "restrict"])
def test_remove_and_restrict_take_the_comment_from_readers(app, client, admin, decision):
    ana = reader(client, 1)
    comment = post(ana, text="Unlawful words")
    _send(client, comment["id"])
    admin.post("/admin/notices/1", decision=decision, statement="Unlawful.")
    assert comment["id"] not in public_ids(ana)
    with app.app_context():
        stored = storage.find_comment(comment["id"])
        assert stored.status == "deleted"
        assert stored.text == ("" if decision == "remove" else "Unlawful words")
        assert storage.find_notice(1).quoted == "Unlawful words"  # the record keeps it


def test_the_export_writes_notices_and_decisions_as_json(app, client, admin, tmp_path):
    comment = post(reader(client, 1), text="One")
    other = post(reader(client, 1), text="Two")
    first = _reference(_send(client, comment["id"]))
    _send(client, other["id"], name="", email="", category="privacy")
    admin.post("/admin/notices/1", decision="restrict", statement="Hidden for now.")
    out = tmp_path / "notices.json"
    result = app.test_cli_runner().invoke(args=["notices", "export", "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = json.loads(out.read_text())["notices"]
    assert [row["reference"] for row in rows][0] == first
    assert rows[0]["decision"] == "restrict"
    assert rows[0]["statement_of_reasons"] == "Hidden for now."
    assert rows[0]["notifier_identified"] is True
    assert rows[1]["decision"] is None and rows[1]["category"] == "privacy"
    assert rows[1]["notifier_identified"] is False
    assert NOTIFIER not in out.read_text()  # no notifier's identity in a public report
    stdout = app.test_cli_runner().invoke(args=["notices", "export"])
    assert json.loads(stdout.output)["notices"] == rows


def test_a_notifiers_privacy_request_exports_and_anonymises_their_notices(app, client, runner):
    comment = post(reader(client, 1))
    reference = _reference(_send(client, comment["id"]))
    exported = runner.invoke(args=["privacy", "export", NOTIFIER])
    assert exported.exit_code == 0, exported.output
    (notice,) = json.loads(exported.output)["notices"]
    assert (notice["reference"], notice["name"]) == (reference, "Nora Notifier")
    erased = runner.invoke(args=["privacy", "erase", NOTIFIER, "--yes"])
    assert erased.exit_code == 0, erased.output
    assert "1 notices made anonymous" in erased.output
    with app.app_context():
        kept = storage.find_notice(1)
        assert (kept.reference, kept.name, kept.email) == (reference, "", "")


def test_notice_text_reaches_the_admin_only_as_text(app, client, admin):
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    comment = post(reader(client, 1), text=evil)
    assert _send(client, comment["id"], explanation=evil, name="<b>Nora</b>").status_code == 201
    for page in (admin.get("/admin/notices/1"), _page(client, comment["id"])):
        html = page.get_data(as_text=True)
        assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in admin.get("/admin/notices/1").get_data(True)
