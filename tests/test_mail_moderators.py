"""Moderators' mail: held comments with signed links that act only on POST."""

from __future__ import annotations

import time

import pytest
from itsdangerous import timed

from tests.actions import Admin, csrf_token_in
from tests.conftest import MODERATOR_PASSWORD
from tests.mailbox import PUBLIC_URL, html_part, link_to, links, text_part
from tests.test_mail_readers import deliver, reader
from widget import storage
from widget.accounts import moderators
from widget.accounts.moderators import create_moderator

MOD_A = "mod.a@example.org"
MOD_B = "mod.b@example.org"


@pytest.fixture
def held_site(mail_app):
    """The blog holds every comment; two moderators."""
    with mail_app.app_context():
        storage.find_site(1).moderation = "all"
        storage.commit()
        create_moderator(MOD_A, MODERATOR_PASSWORD)
        create_moderator(MOD_B, MODERATOR_PASSWORD)
    return mail_app


def post_held(app, **fields) -> int:
    body = {"name": "Carla", "email": "carla@example.org", "text": "Hold me, see https://x.example"}
    response = reader(app).post_comment(**{**body, **fields})
    assert response.get_json()["comment"]["status"] == "pending"
    return response.get_json()["comment"]["id"]


def act(client, path: str):
    page = client.get(path)
    assert page.status_code == 200, page.get_data(as_text=True)
    return page, client.post(path, data={"csrf_token": csrf_token_in(page.get_data(True))})


def test_each_moderator_gets_the_held_comment_with_its_authors_email(held_site, smtp):
    comment_id = post_held(held_site, title="Border talks", website="https://carla.example")
    deliver(held_site)
    assert sorted(m["To"] for m in smtp.inbox.messages) == [MOD_A, MOD_B]
    mail = smtp.inbox.to(MOD_A)[0]
    assert mail["Subject"] == "Held for moderation: Carla on “Border talks”"
    plain, html = text_part(mail), html_part(mail)
    for shown in ("Carla", "carla@example.org", "https://carla.example", "Hold me"):
        assert shown in plain and shown in html
    # Why it waits, as the queue says it (issue 20, item 24).
    assert "Held because: site holds every comment" in plain
    assert "waiting for moderation: <strong>site holds every comment</strong>" in html
    assert 'href="https://x.example' not in html  # the comment's URL is text
    paths = links(mail)
    assert len([p for p in paths if p.startswith("/mail/moderate/")]) == 3
    assert f"/admin/comments/{comment_id}" in paths and "/admin/account" in paths
    assert mail["List-Unsubscribe"] is None
    # The links are each moderator's own.
    assert set(links(smtp.inbox.to(MOD_B)[0])).isdisjoint(
        p for p in paths if p.startswith("/mail/")
    )


def test_approve_through_the_mail_link(held_site, smtp):
    comment_id = post_held(held_site)
    deliver(held_site)
    approve = link_to(smtp.inbox.to(MOD_A)[0], "/mail/moderate/")
    client = held_site.test_client()  # not signed in: the signature is the authority
    page, done = act(client, approve)
    assert "Approve this comment?" in page.get_data(as_text=True)
    assert "carla@example.org" in page.get_data(as_text=True)
    assert done.status_code == 200 and "Approved" in done.get_data(as_text=True)
    with held_site.app_context():
        assert storage.find_comment(comment_id).status == "published"
        (entry,) = storage.list_audit(None)
        assert (entry.moderator_email, entry.action, entry.comment_id) == (
            MOD_A,
            "approve",
            comment_id,
        )
        assert (entry.from_status, entry.to_status, entry.detail) == (
            "pending",
            "published",
            "through mail",
        )
    admin = Admin(held_site.test_client())
    admin.login(MOD_B, MODERATOR_PASSWORD)
    assert admin.audit()[-1][:2] == (MOD_A, "approve")
    assert admin.audit()[-1][-1] == "through mail"


@pytest.mark.parametrize(("index", "status"), [(1, "spam"), (2, "deleted")])
def test_spam_and_delete_through_the_mail_links(held_site, smtp, index, status):
    comment_id = post_held(held_site)
    deliver(held_site)
    path = [p for p in links(smtp.inbox.to(MOD_B)[0]) if p.startswith("/mail/moderate/")][index]
    act(held_site.test_client(), path)
    with held_site.app_context():
        assert storage.find_comment(comment_id).status == status
        assert storage.list_audit(None)[0].moderator_email == MOD_B


def test_a_get_of_the_link_never_acts(held_site, smtp):
    comment_id = post_held(held_site)
    deliver(held_site)
    client = held_site.test_client()
    for path in links(smtp.inbox.to(MOD_A)[0]):
        if path.startswith("/mail/moderate/"):
            assert client.get(path).status_code == 200
            assert client.head(path).status_code == 200
            assert client.post(path, data={}).status_code == 400  # no CSRF token: no act
    with held_site.app_context():
        assert storage.find_comment(comment_id).status == "pending"
        assert storage.list_audit(None) == []


def test_tampered_expired_and_orphaned_links_answer_4xx(held_site, smtp, monkeypatch):
    comment_id = post_held(held_site)
    deliver(held_site)
    approve = link_to(smtp.inbox.to(MOD_A)[0], "/mail/moderate/")
    client = held_site.test_client()
    token = approve.rsplit("/", 1)[1]
    payload, rest = token.split(".", 1)
    for bad in (payload[:-1] + ("A" if payload[-1] != "A" else "B") + "." + rest, "x", token[:-3]):
        assert client.get("/mail/moderate/" + bad).status_code == 400
        assert client.post("/mail/moderate/" + bad).status_code == 400
    # A link made 8 days ago has expired.
    eight_days_ago = int(time.time()) - 8 * 86400
    monkeypatch.setattr(timed.TimestampSigner, "get_timestamp", lambda self: eight_days_ago)
    with held_site.app_context(), held_site.test_request_context():
        from widget.mail import links

        old = links.moderation_url(
            storage.find_comment(comment_id), storage.find_moderator_by_email(MOD_A), "approve"
        )
    monkeypatch.undo()
    expired = client.get(old[len(PUBLIC_URL) :])
    assert expired.status_code == 410 and "expired" in expired.get_data(as_text=True)
    # The moderator's account is gone: the link with it.
    with held_site.app_context():
        moderators.delete_moderator(storage.find_moderator_by_email(MOD_A))
    assert client.get(approve).status_code == 400
    with held_site.app_context():
        assert storage.find_comment(comment_id).status == "pending"


def test_a_moderator_turns_the_mail_off_on_the_account_page(held_site, smtp):
    admin = Admin(held_site.test_client())
    admin.login(MOD_A, MODERATOR_PASSWORD)
    page = admin.get("/admin/account").get_data(as_text=True)
    assert "Mail me when a comment is held for moderation" in page and "checked" in page
    assert admin.post("/admin/account").status_code == 303  # the box unticked
    assert "checked" not in admin.get("/admin/account").get_data(as_text=True)
    post_held(held_site)
    deliver(held_site)
    assert [m["To"] for m in smtp.inbox.messages] == [MOD_B]
    assert admin.post("/admin/account", mail_held="y").status_code == 303
    post_held(held_site, text="Another one.")
    deliver(held_site)
    assert sorted(m["To"] for m in smtp.inbox.messages) == [MOD_A, MOD_B, MOD_B]


def test_published_and_spam_comments_send_moderators_nothing(mail_app, smtp):
    with mail_app.app_context():
        create_moderator(MOD_A, MODERATOR_PASSWORD)
    reader(mail_app).post_comment()
    reader(mail_app).post_comment(text="bot", homepage="http://bot.example")
    deliver(mail_app)
    assert smtp.inbox.messages == []
