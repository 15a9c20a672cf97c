"""Why a comment was held: each rule records its reason; moderators see short labels."""

from __future__ import annotations

import pytest

from tests.newsroom import labels, post, reader, report, reporter
from widget import storage

ES = {"Accept-Language": "es-ES,es;q=0.9"}


def _set_site(app, **values) -> None:
    with app.app_context():
        site = storage.find_site(1)
        for name, value in values.items():
            setattr(site, name, value)
        storage.commit()


def _reasons(app, comment_id: int) -> list[tuple[str, str]]:
    with app.app_context():
        return [(r.code, r.detail) for r in storage.hold_reasons([comment_id]).get(comment_id, [])]


def test_a_published_comment_has_no_reason(app, client):
    comment = post(reader(client, 1))
    assert comment["status"] == "published" and _reasons(app, comment["id"]) == []


def test_the_first_comment_from_an_email(app, client, admin):
    _set_site(app, moderation="first")
    comment = post(reader(client, 1))
    assert _reasons(app, comment["id"]) == [("first", "")]
    assert "first comment from this email" in labels(admin.get("/admin/"))


def test_the_sites_mode_that_holds_everything(app, client, admin):
    _set_site(app, moderation="all")
    comment = post(reader(client, 1))
    assert _reasons(app, comment["id"]) == [("mode", "all")]
    assert "site holds every comment" in labels(admin.get("/admin/"))


def test_the_link_count(app, client, admin):
    app.config["HOLD_LINK_COUNT"] = 2
    comment = post(
        reader(client, 1), text="See https://a.example, https://b.example, https://c.example"
    )
    assert _reasons(app, comment["id"]) == [("links", "3")]
    assert "3 links" in labels(admin.get("/admin/"))


def test_the_word_list_names_the_word(app, client, admin):
    _set_site(app, hold_words="casino\nrolex")
    comment = post(reader(client, 1), text="Cheap ROLEX watches")
    assert _reasons(app, comment["id"]) == [("word", "rolex")]
    assert "word list: “rolex”" in labels(admin.get("/admin/"))


def test_the_spam_word_list_is_recorded_too(app, client, admin):
    _set_site(app, spam_words="viagra")
    comment = post(reader(client, 1), text="Buy viagra")
    assert _reasons(app, comment["id"]) == [("spam_word", "viagra")]
    assert "spam word: “viagra”" in labels(admin.get("/admin/comments", status="spam"))


@pytest.mark.parametrize(
    "checker, status, detail",
    [("always_spam", "spam", "spam"), ("always_fails", "pending", "error")],
)
def test_the_external_checkers_verdict(app, client, admin, checker, status, detail):
    app.config["SPAM_CHECKER"] = f"tests.test_checkers:{checker}"
    comment_id = reader(client, 1).post_comment().get_json()["comment"]["id"]
    with app.app_context():
        assert storage.find_comment(comment_id).status == status
    assert _reasons(app, comment_id) == [("checker", detail)]
    assert f"spam checker: {detail}" in labels(admin.get(f"/admin/comments/{comment_id}"))


def test_reports_with_their_count(app, client, admin):
    comment = post(reader(client, 1))
    for number in (2, 3, 4):
        report(reporter(client, number), comment["id"])
    assert _reasons(app, comment["id"]) == [("reports", "3")]
    assert "reported by 3 readers" in labels(admin.get(f"/admin/comments/{comment['id']}"))


def test_a_legal_notice(app, client, admin):
    from tests.newsroom import confirm_notice
    from tests.test_notices import _reference, _send

    comment = post(reader(client, 1))
    reference = _reference(_send(client, comment["id"]))
    assert _reasons(app, comment["id"]) == []  # unconfirmed: it holds nothing
    confirm_notice(app, client, reference)
    assert _reasons(app, comment["id"]) == [("notice", reference)]
    assert f"legal notice {reference}" in labels(admin.get("/admin/"))


def test_an_edit_waiting_for_review_with_the_rule_that_held_it(app, client, admin):
    ana = reader(client, 1)
    response = ana.post_comment(text="Plain words")
    comment, token = response.get_json()["comment"], response.get_json()["edit_token"]
    _set_site(app, hold_words="rolex")
    edited = client.patch(
        f"/api/comments/{comment['id']}",
        json={"edit_token": token, "text": "Now with rolex"},
        headers={"Origin": "https://blog.example.org"},
        environ_base={"REMOTE_ADDR": ana.address},
    )
    assert edited.status_code == 200
    assert _reasons(app, comment["id"]) == [("edit", ""), ("word", "rolex")]
    shown = labels(admin.get("/admin/"))
    assert "edit waiting for review" in shown and "word list: “rolex”" in shown


def test_labels_are_in_the_moderators_language(app, client, admin):
    _set_site(app, moderation="first", hold_words="rolex")
    post(reader(client, 1), text="rolex")
    shown = labels(admin.get("/admin/", headers=ES))
    assert "primer comentario de este correo" in shown
    assert "lista de palabras: «rolex»" in shown


def test_approving_clears_the_reasons(app, client, admin):
    _set_site(app, moderation="all")
    comment = post(reader(client, 1))
    admin.moderate_one(comment["id"], "approve")
    assert _reasons(app, comment["id"]) == []


def test_readers_never_see_the_reasons(app, client):
    _set_site(app, moderation="all")
    ana = reader(client, 1)
    own = ana.post_comment().get_json()
    mine = ana.post(
        "/api/comments/mine",
        json={
            "url": "https://blog.example.org/2026/11/border-talks/",
            "edit_tokens": [own["edit_token"]],
        },
    ).get_json()
    assert "site holds" not in str(mine) and "mode" not in mine["comments"][0]


def test_the_account_pages_language_wins_over_the_browsers(app, client, admin):
    _set_site(app, moderation="first")
    post(reader(client, 1))
    saved = admin.post("/admin/account", mail_held="y", display_name="", lang="es")
    assert saved.status_code == 303
    shown = labels(admin.get("/admin/", headers={"Accept-Language": "en"}))
    assert "primer comentario de este correo" in shown
    admin.post("/admin/account", mail_held="y", display_name="", lang="")
    assert "first comment from this email" in labels(
        admin.get("/admin/", headers={"Accept-Language": "en"})
    )
    assert admin.post("/admin/account", lang="xx").status_code == 400
