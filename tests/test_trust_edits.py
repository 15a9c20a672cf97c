"""Issue 19, items 5 and 6: an author's edit never reaches readers unreviewed.

Through a notice and "keep": while a confirmed notice or readers' reports hold a comment,
the author's edit is refused (409 under_review). Through an old mail link: the link binds
the text it showed, and acts only on what its page displays.
"""

from __future__ import annotations

from tests.actions import Admin, csrf_token_in
from tests.conftest import BLOG, MODERATOR_PASSWORD
from tests.mailbox import link_to
from tests.newsroom import (
    confirm_notice,
    reader,
    reference_in,
    report,
    reporter,
    send_notice,
    text_of,
)
from tests.openapi_check import assert_matches_spec
from tests.test_mail_readers import deliver
from widget import storage
from widget.accounts.moderators import create_moderator


def _held_site(app) -> None:
    with app.app_context():
        storage.find_site(1).moderation = "all"
        storage.commit()


def _post(api, text: str) -> tuple[dict, str]:
    response = api.post_comment(text=text)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["comment"], response.get_json()["edit_token"]


def _edit(api, comment_id: int, token: str, text: str, lang: str | None = None):
    body = {"edit_token": token, "text": text, **({"lang": lang} if lang else {})}
    response = api.client.patch(
        f"/api/comments/{comment_id}",
        json=body,
        headers={"Origin": BLOG},
        environ_base={"REMOTE_ADDR": api.address},
    )
    assert_matches_spec(response, "patch", "/api/comments/{comment_id}")
    return response


def _public_html(api, comment_id: int) -> str | None:
    found = [c for c in api.thread().get_json()["comments"] if c["id"] == comment_id]
    return found[0]["html"] if found else None


def test_an_edit_is_refused_while_a_notice_holds_and_keep_publishes_the_reviewed_text(
    app, client, admin
):
    _held_site(app)
    ana = reader(client, 1)
    comment, token = _post(ana, "The reviewed words.")
    admin.moderate_one(comment["id"], "approve")
    confirm_notice(app, client, reference_in(send_notice(client, comment["id"])))
    refused = _edit(ana, comment["id"], token, "Words nobody reviewed.")
    assert refused.status_code == 409
    assert refused.get_json()["error"] == "under_review"
    assert "cannot be edited" in refused.get_json()["message"]
    spanish = _edit(ana, comment["id"], token, "Words nobody reviewed.", lang="es")
    assert "no se puede editar" in spanish.get_json()["message"]
    # The public notice page shows the reviewed words, never the attempted edit.
    page = text_of(client.get(f"/notices/new?comment={comment['id']}"))
    assert "The reviewed words." in page and "nobody reviewed" not in page
    admin.post("/admin/notices/1", decision="keep", statement="Lawful.")
    assert "The reviewed words." in _public_html(ana, comment["id"])
    with app.app_context():
        stored = storage.find_comment(comment["id"])
        assert (stored.text, stored.pending_text) == ("The reviewed words.", None)


def test_an_edit_is_refused_while_reports_hold_the_comment(app, client):
    ana = reader(client, 1)
    comment, token = _post(ana, "Reported words.")
    for number in range(3):
        report(reporter(client, number), comment["id"])
    response = _edit(ana, comment["id"], token, "Sneaky words.")
    assert (response.status_code, response.get_json()["error"]) == (409, "under_review")
    with app.app_context():
        assert storage.find_comment(comment["id"]).text == "Reported words."


def test_an_unconfirmed_notice_does_not_freeze_the_authors_edit(app, client):
    ana = reader(client, 1)
    comment, token = _post(ana, "First words.")
    send_notice(client, comment["id"])
    assert _edit(ana, comment["id"], token, "Better words.").status_code == 200


def test_the_notice_page_and_the_queue_show_the_current_text_and_a_waiting_edit(app, client, admin):
    _held_site(app)
    ana = reader(client, 1)
    comment, token = _post(ana, "Approved words.")
    admin.moderate_one(comment["id"], "approve")
    assert _edit(ana, comment["id"], token, "Edited words, waiting.").status_code == 200
    confirm_notice(app, client, reference_in(send_notice(client, comment["id"])))
    notice_page = text_of(admin.get("/admin/notices/1"))
    assert "The comment now" in notice_page and "Approved words." in notice_page
    assert "waiting for review" in notice_page and "Edited words, waiting." in notice_page
    queue = text_of(admin.get("/admin/"))
    assert "Approved words." in queue and "Edited words, waiting." in queue
    admin.post("/admin/notices/1", decision="keep", statement="Lawful.")
    assert "Approved words." in _public_html(ana, comment["id"])  # the edit still waits


# ---- item 6: a moderator's old mail link -------------------------------------------


def _mail_site(make_mail_app):
    app = make_mail_app()
    _held_site(app)
    with app.app_context():
        create_moderator("mod@example.org", MODERATOR_PASSWORD)
    return app


def test_an_old_approve_link_never_publishes_an_edit_it_did_not_show(make_mail_app, smtp):
    app = _mail_site(make_mail_app)
    client = app.test_client()
    ana = reader(client, 1)
    comment, token = _post(ana, "What the mail showed.")
    deliver(app)
    approve = link_to(smtp.inbox.to("mod@example.org")[0], "/mail/moderate/")
    admin = Admin(client)
    admin.login("mod@example.org", MODERATOR_PASSWORD)
    admin.moderate_one(comment["id"], "approve")
    opened = client.get(approve)  # the moderator opens the link ...
    shown = csrf_token_in(opened.get_data(as_text=True))
    # ... and the author edits meanwhile: the edit waits for review.
    assert _edit(ana, comment["id"], token, "An edit nobody saw.").status_code == 200
    fields = dict(
        (name, value)
        for name, value in __import__("re").findall(
            r'name="(\w+)"[^>]*value="([^"]*)"', opened.get_data(as_text=True)
        )
    )
    pressed = client.post(approve, data={**fields, "csrf_token": shown})
    assert pressed.status_code == 409
    page = text_of(pressed)
    assert "changed" in page and "An edit nobody saw." in page
    with app.app_context():
        stored = storage.find_comment(comment["id"])
        assert (stored.text, stored.pending_text) == (
            "What the mail showed.",
            "An edit nobody saw.",
        )
    assert "What the mail showed." in _public_html(ana, comment["id"])


def test_a_changed_comment_shows_its_current_text_and_acts_on_that(make_mail_app, smtp):
    app = _mail_site(make_mail_app)
    client = app.test_client()
    ana = reader(client, 1)
    comment, token = _post(ana, "Original words.")
    deliver(app)
    approve = link_to(smtp.inbox.to("mod@example.org")[0], "/mail/moderate/")
    # The author edits the held comment before anyone looks: the text is replaced.
    assert _edit(ana, comment["id"], token, "Replaced words.").status_code == 200
    page = client.get(approve)
    text = text_of(page)
    assert "changed since" in text and "Replaced words." in text
    assert "Original words." not in text
    # The button acts on what this page showed.
    import re

    html = page.get_data(as_text=True)
    fields = dict(re.findall(r'name="(\w+)"[^>]*value="([^"]*)"', html))
    done = client.post(approve, data=fields)
    assert done.status_code == 200
    assert "Replaced words." in _public_html(ana, comment["id"])


def test_an_unchanged_comment_is_approved_as_before(make_mail_app, smtp):
    app = _mail_site(make_mail_app)
    client = app.test_client()
    comment, _ = _post(reader(client, 1), "Steady words.")
    deliver(app)
    approve = link_to(smtp.inbox.to("mod@example.org")[0], "/mail/moderate/")
    page = client.get(approve)
    assert "changed" not in text_of(page)
    done = client.post(approve, data={"csrf_token": csrf_token_in(page.get_data(True))})
    assert done.status_code == 200
    with app.app_context():
        assert storage.find_comment(comment["id"]).status == "published"
