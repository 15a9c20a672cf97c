"""Issue 23: a verified commenter's data: exported and erased by email, and erased by the
site's own user id when it deletes the account (`users erase ORIGIN EXTERNAL_ID`)."""

from __future__ import annotations

import json
import re
import time

import pytest

from tests.actions import Api
from tests.conftest import BLOG
from tests.identity import Reader, sso_secret, sso_token
from widget import storage
from widget.storage.models import Comment

ROSA = "rosa@example.org"


@pytest.fixture
def rosa(client, runner) -> Reader:
    secret = sso_secret(runner, BLOG)[0]
    return Reader(client, BLOG, sso_token(secret, sub="acct-77", email=ROSA, badges=["vip"]))


def test_privacy_export_by_email_includes_the_verified_profile(app, runner, rosa):
    posted = rosa.post_as_signed_in().get_json()["comment"]
    result = runner.invoke(args=["privacy", "export", ROSA])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    [profile] = data["site_users"]
    assert profile["external_id"] == "acct-77" and profile["badges"] == ["vip"]
    assert profile["comments"] == [posted["id"]] and profile["site"] == "Blog"


def test_privacy_erase_by_email_removes_the_profile_and_its_comments(app, runner, rosa, client):
    mine = rosa.post_as_signed_in().get_json()["comment"]
    Api(client, BLOG).post_comment(parent_id=mine["id"])  # a reply keeps its place
    result = runner.invoke(args=["privacy", "erase", ROSA, "--yes"])
    assert result.exit_code == 0, result.output
    assert "1 verified profile deleted" in result.output
    with app.app_context():
        assert storage.find_site_user(1, "acct-77") is None
        comment = storage.find_comment(mine["id"])
        assert comment.status == "deleted" and comment.name == "" and comment.site_user_id is None


def test_users_erase_removes_a_sites_account_even_without_an_email(app, client, runner):
    secret = sso_secret(runner, BLOG)[0]
    pablo = Reader(client, BLOG, sso_token(secret, sub="acct-9", name="Pablo"))
    first = pablo.post_as_signed_in(text="One.").get_json()["comment"]
    second = pablo.post_as_signed_in(text="Two.").get_json()["comment"]
    Api(client, BLOG).post_comment(parent_id=second["id"])
    other = Reader(client, BLOG, sso_token(secret, sub="acct-10", name="Otra"))
    kept = other.post_as_signed_in(text="Not his.").get_json()["comment"]
    missing = runner.invoke(args=["users", "erase", BLOG, "acct-404", "--yes"])
    assert missing.exit_code != 0 and "no verified commenter" in missing.output
    result = runner.invoke(args=["users", "erase", BLOG, "acct-9", "--yes"])
    assert result.exit_code == 0, result.output
    assert "1 signed-in comment deleted" in result.output
    assert "1 signed-in comment kept as a placeholder" in result.output
    with app.app_context():
        assert storage.find_site_user(1, "acct-9") is None
        assert storage.find_comment(first["id"]) is None
        assert storage.find_comment(second["id"]).status == "deleted"
        assert storage.find_comment(kept["id"]).name == "Otra"
        assert storage.db.session.query(Comment).count() == 3
    listed = Api(client, BLOG).thread().get_json()["comments"]
    assert "Pablo" not in json.dumps(listed)


def test_the_admin_comment_page_shows_the_verified_commenter_and_their_record(
    app, admin, client, runner
):
    secret = sso_secret(runner, BLOG)[0]
    # Her address changed between two comments: the record follows the account.
    one = Reader(client, BLOG, sso_token(secret, sub="acct-5", email="old@example.org"))
    first = one.post_as_signed_in(text="Under my old address.").get_json()["comment"]
    later = sso_token(secret, sub="acct-5", email="new@example.org", iat=int(time.time()) + 2)
    last = Reader(client, BLOG, later, address="192.0.2.8").post_as_signed_in(text="New.")
    Api(client, BLOG).post_comment(email="new@example.org", text="A guest typing it.")
    page = admin.get(f"/admin/comments/{last.get_json()['comment']['id']}")
    text = page.get_data(as_text=True)
    assert "A verified commenter" in text and "acct-5" in text
    assert "Counted by their account" in text
    user_id = re.search(r"user=(\d+)", text).group(1)
    listed = admin.get("/admin/comments", user=user_id).get_data(as_text=True)
    assert "Under my old address." in listed and "A guest typing it." not in listed
    assert str(first["id"]) in listed


def test_a_ban_from_the_comment_page_holds_the_verified_account_anywhere(
    app, admin, client, runner
):
    secret = sso_secret(runner, BLOG)[0]
    troll = Reader(client, BLOG, sso_token(secret, sub="acct-66", name="Troll"))
    posted = troll.post_as_signed_in().get_json()["comment"]
    page = admin.get(f"/admin/comments/{posted['id']}").get_data(as_text=True)
    assert "Ban this verified commenter" in page
    banned = admin.post(
        "/admin/bans/add", kind="user", comment_id=str(posted["id"]), back="/admin/bans"
    )
    assert banned.status_code == 303
    assert "verified commenter acct-66 (Troll)" in admin.get("/admin/bans").get_data(as_text=True)
    # From another address and network, with no email: still the same account.
    elsewhere = Reader(client, BLOG, sso_token(secret, sub="acct-66", name="Troll"), "192.0.2.1")
    refused = elsewhere.post_as_signed_in(text="Back again.")
    assert refused.status_code == 403 and refused.get_json()["error"] == "banned"
    other = Reader(client, BLOG, sso_token(secret, sub="acct-67", name="Otro"), "192.0.2.1")
    assert other.post_as_signed_in().status_code == 201
