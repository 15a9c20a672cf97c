"""Issue 23, §1: what a signed-in commenter posts, and who may comment on a site."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.actions import Api
from tests.conftest import BLOG
from tests.identity import Reader, sso_secret, sso_token
from widget import storage
from widget.storage.models import Comment, utcnow


@pytest.fixture
def secret(runner) -> str:
    return sso_secret(runner, BLOG)[0]


def _posted(reader: Api, **fields) -> dict:
    response = reader.post_as_signed_in(**fields)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_signed_in_comment_carries_the_profile_badges_and_avatar(app, client, secret):
    with app.app_context():
        storage.find_site(1).badge_labels = "subscriber = Subscriber | Suscriptor"
        storage.commit()
    token = sso_token(secret, badges=["subscriber", "founder"], email="rosa@example.org")
    posted = _posted(Reader(client, BLOG, token), text="Signed in.")["comment"]
    assert posted["name"] == "Rosa Lectora" and posted["verified"] is True
    assert posted["badges"] == [
        {"key": "subscriber", "en": "Subscriber", "es": "Suscriptor"},
        {"key": "founder", "en": "Founder", "es": "Founder"},
    ]
    assert posted["staff"] is False
    # The same user from another device (another address, no commenter key): same avatar.
    again = _posted(Reader(client, BLOG, token, address="192.0.2.5"), text="From my phone.")
    assert again["comment"]["avatar"] == posted["avatar"]
    # A guest typing her name and address gets neither the badge nor the avatar.
    guest = Api(client, BLOG, address="192.0.2.9").post_comment(
        name="Rosa Lectora", email="rosa@example.org"
    )
    shown = guest.get_json()["comment"]
    assert shown["badges"] == [] and shown["verified"] is False
    assert shown["avatar"] != posted["avatar"]
    listed = Api(client, BLOG).thread().get_json()["comments"]
    assert [c["verified"] for c in listed] == [True, True, False]
    with app.app_context():
        comment = storage.find_comment(posted["id"])
        assert comment.site_user_id == storage.find_site_user(1, "u-1").id
        assert comment.email == "rosa@example.org"


def test_the_payloads_name_and_email_are_ignored_when_signed_in(app, client, secret):
    reader = Reader(client, BLOG, sso_token(secret))
    posted = reader.post_comment(name="Editor in chief", email="boss@example.org")
    assert posted.status_code == 201
    assert posted.get_json()["comment"]["name"] == "Rosa Lectora"
    with app.app_context():
        assert storage.find_comment(posted.get_json()["comment"]["id"]).email == ""


def test_the_staff_role_gets_the_staff_badge(client, secret):
    posted = _posted(Reader(client, BLOG, sso_token(secret, role="staff")))
    assert posted["comment"]["staff"] is True
    other = _posted(Reader(client, BLOG, sso_token(secret, sub="u-2", role="editor")))
    assert other["comment"]["staff"] is False


def test_a_bad_token_refuses_the_post(client, secret):
    response = Reader(client, BLOG, sso_token(secret, exp=1, iat=0)).post_as_signed_in()
    assert response.status_code == 401
    assert response.get_json()["error"] == "sso_token_expired"


def test_own_comments_are_edited_and_deleted_from_any_device(app, client, secret):
    token = sso_token(secret)
    posted = _posted(Reader(client, BLOG, token))["comment"]
    phone = Reader(client, BLOG, sso_token(secret), address="192.0.2.44")
    edited = phone.patch(posted["id"], text="Edited on my phone.")
    assert edited.status_code == 200, edited.get_json()
    assert "Edited on my phone." in edited.get_json()["comment"]["html"]
    # Another user, or a guest without the edit token, may not.
    stranger = Reader(client, BLOG, sso_token(secret, sub="u-2", name="Pablo"))
    assert stranger.patch(posted["id"], text="Mine now").status_code == 403
    assert Api(client, BLOG).post("/api/comments", json={}).status_code == 400
    with app.app_context():
        comment = storage.find_comment(posted["id"])
        comment.created_at = utcnow() - timedelta(minutes=16)
        storage.commit()
    late = phone.patch(posted["id"], text="Too late.")
    assert late.status_code == 403 and late.get_json()["error"] == "edit_window_closed"
    with app.app_context():
        storage.find_comment(posted["id"]).created_at = utcnow()
        storage.commit()
    assert phone.delete(posted["id"]).status_code == 200
    with app.app_context():
        assert storage.find_comment(posted["id"]).status == "deleted"


def test_a_guests_comment_still_needs_its_edit_token(client, secret):
    guest = Api(client, BLOG).post_comment().get_json()
    reader = Reader(client, BLOG, sso_token(secret))
    refused = reader.patch(guest["comment"]["id"], text="Not mine.")
    assert refused.status_code == 403 and refused.get_json()["error"] == "bad_edit_token"


@pytest.mark.parametrize("who", ["verified", "sso"])
def test_guests_are_refused_where_only_signed_in_readers_comment(app, client, runner, who):
    [secret] = sso_secret(runner, BLOG)
    result = runner.invoke(args=["sites", "edit", BLOG, "--who-may-comment", who])
    assert result.exit_code == 0 and who in result.output
    refused = Api(client, BLOG).post_comment()
    assert refused.status_code == 403
    assert refused.get_json()["error"] == "sign_in_required"
    spanish = Api(client, BLOG).post_comment(lang="es").get_json()["message"]
    assert "inicia sesión" in spanish
    assert Reader(client, BLOG, sso_token(secret)).post_as_signed_in().status_code == 201
    body = Reader(client, BLOG, sso_token(secret)).sign_in().get_json()
    assert body["who_may_comment"] == who
    with app.app_context():
        assert storage.db.session.query(Comment).count() == 1


def test_sites_add_takes_who_may_comment(app, runner):
    result = runner.invoke(
        args=["sites", "add", "https://news.example.com", "--who-may-comment", "sso"]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert storage.find_site_by_origin("https://news.example.com").who_may_comment == "sso"
    bad = runner.invoke(args=["sites", "edit", BLOG, "--who-may-comment", "anyone"])
    assert bad.exit_code != 0


def test_the_admin_site_page_sets_who_may_comment_and_badges_and_shows_the_secrets(
    app, admin, client, runner
):
    old = sso_secret(runner, BLOG)[0]
    new = sso_secret(runner, BLOG, rotate=True)[0]
    page = admin.get("/admin/sites/1").get_data(as_text=True)
    assert new in page and old in page and "valid until" in page
    form = {
        "name": "Blog",
        "origins": BLOG,
        "moderation": "none",
        "who_may_comment": "sso",
        "badge_labels": "subscriber = Subscriber | Suscriptor",
    }
    bad = admin.post("/admin/sites/1", **{**form, "badge_labels": "<b>nope</b>"})
    assert bad.status_code == 400 and "key = English | Español" in bad.get_data(as_text=True)
    assert admin.post("/admin/sites/1", **form).status_code == 303
    assert Api(client, BLOG).post_comment().get_json()["error"] == "sign_in_required"
    posted = _posted(Reader(client, BLOG, sso_token(new, badges=["subscriber"])))
    assert posted["comment"]["badges"][0]["es"] == "Suscriptor"


def test_the_no_javascript_form_says_sign_in_where_guests_may_not_comment(app, client, runner):
    from tests.nojs import get_page, html, post_form

    runner.invoke(args=["sites", "edit", BLOG, "--who-may-comment", "verified"])
    response = post_form(client, html(get_page(client)))
    assert response.status_code in (400, 403)
    assert "Only signed-in readers can comment" in response.get_data(as_text=True)
    with app.app_context():
        assert storage.db.session.query(Comment).count() == 0
