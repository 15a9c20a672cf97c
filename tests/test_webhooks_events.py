"""Each webhook event fires once, where README says it does, with what it promises."""

from __future__ import annotations

import json
import re

import pytest

from tests.actions import Admin, csrf_token_in
from tests.conftest import BLOG, MODERATOR_PASSWORD
from tests.hooks import add_endpoint, deliver, event_types
from tests.newsroom import confirm_notice, post, reader, report, reporter
from widget import storage
from widget.accounts.moderators import create_moderator


@pytest.fixture
def site(hook_app, receiver):
    """The blog with an endpoint for every event, and a signed-in moderator."""
    add_endpoint(hook_app, receiver.url, "all")
    with hook_app.app_context():
        create_moderator("mod@example.org", MODERATOR_PASSWORD)
    admin = Admin(hook_app.test_client())
    admin.login("mod@example.org", MODERATOR_PASSWORD)
    return hook_app, admin


def fired(app, receiver) -> list[str]:
    """The events delivered since the last call."""
    before = len(receiver.requests)
    deliver(app)
    return event_types(receiver)[before:]


def data(receiver, index=-1) -> dict:
    return receiver.requests[index].json["data"]


def moderation(app, mode: str) -> None:
    with app.app_context():
        storage.find_site(1).moderation = mode
        storage.commit()


def test_a_published_post_a_moderator_edit_and_removal(site, receiver):
    app, admin = site
    comment = post(reader(app.test_client(), 1))
    assert fired(app, receiver) == ["comment.created", "comment.published"]
    admin.post(f"/admin/comments/{comment['id']}/edit", text="Trimmed by a moderator.")
    assert fired(app, receiver) == ["comment.edited"]
    assert data(receiver)["comment"]["text"] == "Trimmed by a moderator."
    admin.moderate_one(comment["id"], "spam")
    assert fired(app, receiver) == ["comment.removed"]
    assert data(receiver)["previous_status"] == "published"
    assert data(receiver)["comment"]["status"] == "spam"
    admin.moderate_one(comment["id"], "delete")  # not public any more: nothing new
    assert fired(app, receiver) == []


def test_a_held_post_carries_its_reasons_and_approval_publishes_it(site, receiver):
    app, admin = site
    moderation(app, "all")
    comment = post(reader(app.test_client(), 1))
    assert fired(app, receiver) == ["comment.created", "comment.held"]
    held = data(receiver)
    assert held["comment"]["status"] == "pending"
    assert held["reasons"] == [
        {"code": "mode", "detail": "all", "label": "site holds every comment"}
    ]
    admin.moderate_one(comment["id"], "approve")
    assert fired(app, receiver) == ["comment.published"]


def test_authors_edits_held_applied_and_a_withdrawal(site, receiver):
    app, admin = site
    api = reader(app.test_client(), 1)
    body = api.post_comment().get_json()
    comment, token = body["comment"], body["edit_token"]
    fired(app, receiver)

    def edit(text):
        return api.client.patch(
            f"/api/comments/{comment['id']}",
            json={"text": text, "edit_token": token},
            headers={"Origin": BLOG},
            environ_base={"REMOTE_ADDR": api.address},
        )

    assert edit("Better words.").status_code == 200
    assert fired(app, receiver) == ["comment.edited"]
    moderation(app, "all")  # now an edit waits for review
    assert edit("Words for a moderator.").status_code == 200
    assert fired(app, receiver) == ["comment.held"]
    held = data(receiver)
    assert held["comment"]["text"] == "Better words."  # the public text stands meanwhile
    assert held["comment"]["edit_waiting"]["text"] == "Words for a moderator."
    assert "edit" in [reason["code"] for reason in held["reasons"]]
    admin.moderate_one(comment["id"], "approve")
    assert fired(app, receiver) == ["comment.edited"]
    assert data(receiver)["comment"]["text"] == "Words for a moderator."
    withdrawn = api.client.delete(
        f"/api/comments/{comment['id']}",
        json={"edit_token": token},
        headers={"Origin": BLOG},
        environ_base={"REMOTE_ADDR": api.address},
    )
    assert withdrawn.status_code in (200, 204)
    assert fired(app, receiver) == ["comment.removed"]
    gone = data(receiver)["comment"]
    assert (gone["status"], gone["name"], gone["text"], gone["html"]) == ("deleted", "", "", "")


def test_reports_fire_each_and_the_hold_at_the_threshold(site, receiver):
    app, _ = site
    client = app.test_client()
    comment = post(reader(client, 1))
    fired(app, receiver)
    # Reporters count by network (issue 19): each of these is on a network of its own.
    for number in (2, 3):
        assert report(reporter(client, number), comment["id"]).status_code == 202
    report(reporter(client, 3), comment["id"])  # the same reader again: not counted
    assert fired(app, receiver) == ["report.created", "report.created"]
    assert data(receiver)["report"] == {"reason": "abuse", "count": 2}
    report(reporter(client, 4), comment["id"], reason="spam")
    assert fired(app, receiver) == ["report.created", "comment.removed", "comment.held"]
    body = receiver.requests[-3].body.decode()
    assert "203.0.113" not in body and "198.18." not in body and "voter" not in body
    assert data(receiver)["reasons"][0]["label"] == "reported by 3 readers"


def _send_notice(client, comment_id: int):
    page = client.get("/notices/new", query_string={"comment": comment_id})
    form = {
        "category": "defamation",
        "explanation": "It defames me, Nora, of 12 Calle Luna.",
        "name": "Nora Notifier",
        "email": "nora@example.org",
        "good_faith": "y",
        "csrf_token": csrf_token_in(page.get_data(as_text=True)),
    }
    return client.post("/notices/new", query_string={"comment": comment_id}, data=form)


def test_a_notice_holds_once_confirmed_and_its_decision_publishes_again(site, receiver):
    app, admin = site
    client = app.test_client()
    comment = post(reader(client, 1))
    fired(app, receiver)
    assert _send_notice(client, comment["id"]).status_code == 201
    assert fired(app, receiver) == ["notice.created"]  # unconfirmed: the comment stays up
    created = receiver.requests[-1].body.decode()
    for private in ("Nora", "nora@example.org", "Calle Luna"):
        assert private not in created
    notice = json.loads(created)["data"]["notice"]
    assert re.fullmatch(r"DSA-\d{8}-[A-Z0-9]{8}", notice["reference"])
    assert notice["category"] == "defamation" and notice["admin_url"].endswith("/admin/notices/1")
    confirm_notice(app, client, notice["reference"])
    assert fired(app, receiver) == ["comment.removed", "comment.held"]
    admin.post("/admin/notices/1", decision="keep", statement="Opinion, not fact.")
    assert fired(app, receiver) == ["comment.published", "notice.decided"]
    decided = data(receiver)["notice"]
    assert (decided["decision"], decided["statement_of_reasons"]) == ("keep", "Opinion, not fact.")


def test_closing_a_thread_fires_once(site, receiver):
    app, admin = site
    post(reader(app.test_client(), 1))
    fired(app, receiver)
    admin.post("/admin/threads/1/closed", closed="1")
    admin.post("/admin/threads/1/closed", closed="1")  # closed already
    admin.post("/admin/threads/1/closed", closed="0")  # reopening is no event
    assert fired(app, receiver) == ["thread.closed"]
    assert data(receiver)["thread"] == {
        "id": 1,
        "url": "https://blog.example.org/2026/11/border-talks",
        "title": "",
        "closed": True,
    }


def test_staff_replies_spam_and_erasure(site, receiver):
    app, admin = site
    client = app.test_client()
    comment = post(reader(client, 1), email="erase.me@example.org")
    fired(app, receiver)
    admin.post(f"/admin/comments/{comment['id']}/reply", reply="Thanks, from the desk.")
    assert fired(app, receiver) == ["comment.created", "comment.published"]
    assert data(receiver)["comment"]["staff"] is True
    trap = reader(client, 2).post_comment(text="Buy now", homepage="http://spam.example")
    assert trap.status_code == 201
    assert fired(app, receiver) == []  # spam fires nothing
    held = post(reader(client, 1), email="erase.me@example.org", text="Second thoughts.")
    admin.moderate_one(held["id"], "hold")  # its removed and held: queued, not yet sent
    with app.app_context():
        told = [d.comment_id for d in storage.list_webhook_deliveries(1, 100)]
        assert told.count(comment["id"]) == 2 and told.count(held["id"]) == 4
    result = app.test_cli_runner().invoke(
        args=["privacy", "erase", "erase.me@example.org", "--yes"]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():  # what told of the erased comments is gone, sent or not
        left = storage.list_webhook_deliveries(1, 100)
        assert {d.comment_id for d in left} == {comment["id"] + 1, None}  # staff reply, erased
        assert not any("Ana Reader" in d.body or "Second thoughts" in d.body for d in left)
    assert fired(app, receiver) == ["comment.removed"]  # the held one was not public
    erased = receiver.requests[-1].body.decode()
    assert "erase.me" not in erased and "Ana Reader" not in erased
    assert data(receiver)["erased"] is True and data(receiver)["comment"]["id"] == comment["id"]


def test_each_endpoint_gets_only_its_events_and_its_sites(hook_app, receiver):
    add_endpoint(hook_app, receiver.url, "comment.held,thread.closed")
    post(reader(hook_app.test_client(), 1))
    assert fired(hook_app, receiver) == []
    other = reader(hook_app.test_client(), 2)
    other.origin = "https://other.example.net"
    moderation(hook_app, "all")
    assert other.post_comment(url="https://other.example.net/a").status_code == 201
    assert fired(hook_app, receiver) == []  # the other site's comment
