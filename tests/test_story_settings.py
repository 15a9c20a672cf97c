"""Story settings through the admin API and the admin's thread page: each over the site's
value, `null` back to it, effective values in the read; closing by age on a controlled clock."""

from datetime import UTC, datetime, timedelta

import pytest

import widget.sites.stories as stories
from tests.stories import Cms, create_token
from widget import storage
from widget.storage.models import Thread

LINK = "See [the ruling](https://court.example.org/ruling)."


@pytest.fixture
def cms(runner, client):
    return Cms(client, create_token(runner, "threads:write"))


@pytest.fixture
def clock(monkeypatch):
    """The time story settings are evaluated at, moved by the test."""
    now = [datetime(2026, 12, 1, 9, 0, tzinfo=UTC)]
    monkeypatch.setattr(stories, "utcnow", lambda: now[0])
    return now


def thread_of(api) -> dict:
    return api.thread().get_json()["thread"]


def test_a_cms_sets_a_story_before_its_first_comment(cms, api, app):
    response = cms.put(
        {"moderation": "all", "close_after_days": 2, "message": "Be **kind**.", "mode": "qa"},
        title="Court report",
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["settings"]["moderation"] == "all" and body["effective"]["mode"] == "qa"
    thread = thread_of(api)
    assert thread["moderation"] == "all" and thread["mode"] == "qa"
    assert thread["message"] == "<p>Be <strong>kind</strong>.</p>"
    assert thread["title"] == "Court report" and thread["closes_at"] is not None
    posted = api.post_comment().get_json()["comment"]
    assert posted["status"] == "pending"  # the story's moderation, over the site's none


def test_null_returns_each_setting_to_the_sites_value(cms, api):
    cms.put({"moderation": "all", "closed": True, "message": "Closed for now.", "mode": "qa"})
    assert thread_of(api)["closed"] is True
    cms.put({"moderation": None, "closed": None, "message": None, "mode": None})
    thread = thread_of(api)
    assert (thread["moderation"], thread["closed"], thread["message"], thread["mode"]) == (
        "none",
        False,
        None,
        "comments",
    )
    assert thread["closed_reason"] is None


def test_closed_now_refuses_posts_and_says_why(cms, api):
    cms.put({"closed": True})
    thread = thread_of(api)
    assert thread["closed"] is True and thread["closed_reason"] == "closed"
    response = api.post_comment()
    assert response.status_code == 403 and response.get_json()["error"] == "thread_closed"


def test_links_mode_holds_only_comments_with_a_link(cms, api, app):
    cms.put({"moderation": "links"})
    plain = api.post_comment(text="No link here.").get_json()["comment"]
    linked = api.post_comment(text=LINK, email="b@example.org").get_json()["comment"]
    assert (plain["status"], linked["status"]) == ("published", "pending")
    with app.app_context():
        assert "links" in storage.hold_codes(linked["id"])
        assert [(r.code, r.detail) for r in storage.hold_reasons([linked["id"]])[linked["id"]]] == [
            ("links", "1")
        ]


def test_closing_by_age_counts_from_the_articles_publication(cms, api, clock):
    published = (clock[0] - timedelta(days=1)).isoformat().replace("+00:00", "Z")
    assert api.post_comment(published=published).status_code == 201
    cms.put({"close_after_days": 2})
    thread = thread_of(api)
    assert thread["closed"] is False and thread["closes_at"] == "2026-12-02T09:00:00Z"
    clock[0] += timedelta(days=1, minutes=1)  # two days after publication, one after the comment
    thread = thread_of(api)
    assert thread["closed"] is True and thread["closed_reason"] == "age"
    assert api.post_comment(text="Late.").get_json()["error"] == "thread_closed"


def test_without_a_publication_time_the_first_comment_counts(cms, api, app, clock):
    assert api.post_comment().status_code == 201
    with app.app_context():
        thread = storage.db.session.query(Thread).one()
        first = thread.created_at
        assert thread.published_at is None
    cms.put({"close_after_days": 3})
    clock[0] = first + timedelta(days=3) - timedelta(minutes=1)
    assert thread_of(api)["closed"] is False
    clock[0] = first + timedelta(days=3, minutes=1)
    assert thread_of(api)["closed_reason"] == "age"


def test_a_page_cannot_keep_a_thread_open_with_a_future_date(cms, api, app, clock):
    assert api.post_comment(published="2099-01-01T00:00:00Z").status_code == 201
    assert api.post_comment(published="not a date", email="b@example.org").status_code == 201
    with app.app_context():
        assert storage.db.session.query(Thread).one().published_at is None


def test_the_cms_may_give_the_publication_time(cms, api, clock):
    clock[0] = datetime(2026, 11, 25, tzinfo=UTC)
    cms.put({"published_at": "2026-11-20T08:00:00+01:00", "close_after_days": 7})
    assert thread_of(api)["closes_at"] == "2026-11-27T07:00:00Z"
    clock[0] = datetime(2026, 11, 27, 7, 1, tzinfo=UTC)
    assert thread_of(api)["closed_reason"] == "age"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"moderation": "some"}, "moderation"),
        ({"closed": "yes"}, "closed"),
        ({"close_after_days": 0}, "close_after_days"),
        ({"close_after_days": True}, "close_after_days"),
        ({"message": "x" * 2001}, "message"),
        ({"message": 7}, "message"),
        ({"mode": "forum"}, "mode"),
        ({"published_at": "yesterday"}, "published_at"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_settings_are_refused_by_name(cms, body, field):
    response = cms.put(body)
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_settings"
    assert field in response.get_json()["fields"]


def test_the_message_is_sanitised_like_a_comment(cms, api):
    hostile = "<script>alert(1)</script>[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    cms.put({"message": hostile})
    message = thread_of(api)["message"]
    assert "<script" not in message and "<img" not in message and "<a" not in message
    assert message.startswith("<p>&lt;script&gt;")  # shown as text


def test_the_admin_thread_page_sets_the_same(cms, api, admin, app):
    cms.put({})  # the thread, before any comment
    with app.app_context():
        thread_id = storage.db.session.query(Thread).one().id
    page = admin.get(f"/admin/threads/{thread_id}")
    assert page.status_code == 200 and "Story settings" in page.get_data(as_text=True)
    response = admin.post(
        f"/admin/threads/{thread_id}",
        moderation="links",
        close_after_days="5",
        message="Stay on topic.",
        mode="qa",
    )
    assert response.status_code == 303
    thread = thread_of(api)
    assert (thread["moderation"], thread["mode"]) == ("links", "qa")
    assert thread["message"] == "<p>Stay on topic.</p>"
    assert any(row[1] == "story" and "moderation=links" in row[-1] for row in admin.audit())
    bad = admin.post(f"/admin/threads/{thread_id}", close_after_days="0")
    assert bad.status_code == 400
    back = admin.post(f"/admin/threads/{thread_id}", moderation="", mode="")
    assert back.status_code == 303 and thread_of(api)["moderation"] == "none"


def test_a_later_post_cannot_move_the_publication_time(cms, api, app, clock):
    assert api.post_comment().status_code == 201  # the first comment gave none
    later = api.post_comment(published="2000-01-01T00:00:00Z", email="b@example.org")
    assert later.status_code == 201
    with app.app_context():
        assert storage.db.session.query(Thread).one().published_at is None
