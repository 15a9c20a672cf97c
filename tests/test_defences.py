"""Spam and flood defences, each switched on by its own setting: form tokens, the honeypot,
per-thread and per-email limits, links, duplicates and the sites' word lists.

conftest's `app_factory` turns the flood defences off; each test here turns on the one it
checks. The external spam checkers are in tests/test_checkers.py.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta
from html import unescape
from urllib.parse import urlsplit

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG, OTHER
from tests.openapi_check import assert_matches_spec
from widget import storage
from widget.config import DEFAULTS
from widget.models import Comment, Thread

# widget/admin/forms.py passes SelectField choices as tuples, which WTForms 3.3 deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:Passing SelectField choices as tuples")

SECOND_ARTICLE = "https://blog.example.org/2026/12/winter-notes/"
OTHER_PAGE = "https://other.example.net/posts/1/"
NEIGHBOUR = "203.0.113.200"  # the same /24 as the Api's default address
STRANGER = "198.51.100.7"  # another network


def _comments(app) -> list[Comment]:
    with app.app_context():
        return storage.db.session.query(Comment).order_by(Comment.id).all()


def _threads(app) -> list[Thread]:
    with app.app_context():
        return storage.db.session.query(Thread).all()


def _posted(response) -> dict:
    assert response.status_code == 201, response.get_json()
    return response.get_json()["comment"]


def _error(response, status: int, error: str) -> dict:
    assert response.status_code == status, response.get_json()
    body = response.get_json()
    assert body["error"] == error
    return body


def _public(api: Api, url: str = ARTICLE) -> tuple[list[int], int, int]:
    """Published ids in the thread, the thread's count, and /api/counts for the page."""
    thread = api.thread(url).get_json()
    ids = [comment["id"] for comment in thread["comments"]]
    return ids, thread["thread"]["count"], api.counts(url).get_json()["counts"][url]


def _held_quietly(api: Api, app, response, stored_status: str) -> None:
    """Answered as merely pending, stored as `stored_status`, shown nowhere."""
    comment = _posted(response)
    assert comment["status"] == "pending"
    assert "spam" not in response.get_data(as_text=True).lower()
    assert [c.status for c in _comments(app) if c.id == comment["id"]] == [stored_status]
    assert _public(api) == ([], 0, 0)


# ---- form tokens -------------------------------------------------------------------------


@pytest.mark.parametrize("token", [..., "", None])
def test_a_post_without_a_form_token_is_refused(api, app, token):
    body = _error(api.post_comment(form_token=token), 400, "missing_form_token")
    assert "reload the page" in body["message"]
    assert _comments(app) == [] and _threads(app) == []


def test_a_forged_or_tampered_form_token_is_refused(api, app, app_factory):
    genuine = api.form_token()
    elsewhere = Api(app_factory(SECRET_KEY="another-secret").test_client(), origin=BLOG)
    signed, signature = genuine.rsplit(".", 1)
    tampered = f"{signed}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"
    for token in ("forged", tampered):
        _error(api.post_comment(form_token=token), 400, "form_token_invalid")
    # Well formed, but signed by another server's key.
    _error(api.post_comment(form_token=elsewhere.form_token()), 400, "form_token_invalid")
    assert _comments(app) == [] and _threads(app) == []


def test_a_form_token_of_another_thread_is_refused(api, app, client):
    body = _error(
        api.post_comment(form_token=api.form_token(SECOND_ARTICLE)), 400, "form_token_invalid"
    )
    assert "another thread" in body["message"]
    wrong_id = api.form_token(thread="thread-a")
    _error(api.post_comment(thread="thread-b", form_token=wrong_id), 400, "form_token_invalid")
    # The same explicit thread id on another site is another thread too.
    other_site = Api(client, origin=OTHER).form_token(OTHER_PAGE, thread="shared")
    _error(api.post_comment(thread="shared", form_token=other_site), 400, "form_token_invalid")
    assert _comments(app) == [] and _threads(app) == []
    assert _posted(
        api.post_comment(thread="thread-b", form_token=api.form_token(thread="thread-b"))
    )


def test_an_expired_form_token_is_refused(api, app):
    token = api.form_token()
    app.config["FORM_TOKEN_MAX_AGE"] = -1
    body = _error(api.post_comment(form_token=token), 400, "form_token_expired")
    assert "expired" in body["message"]
    assert _comments(app) == [] and _threads(app) == []


def test_a_post_sooner_than_the_minimum_age_is_refused(api, app):
    app.config["FORM_TOKEN_MIN_AGE"] = 3600
    body = _error(api.post_comment(), 400, "form_token_too_fast")
    assert "wait a moment" in body["message"]
    assert _comments(app) == [] and _threads(app) == []


def test_the_default_minimum_age_refuses_an_instant_post_and_accepts_a_patient_one(
    api, app, monkeypatch
):
    app.config["FORM_TOKEN_MIN_AGE"] = DEFAULTS["FORM_TOKEN_MIN_AGE"]
    assert app.config["FORM_TOKEN_MIN_AGE"] == 3
    clock = [1_800_000_000.0]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    token = api.form_token()
    _error(api.post_comment(form_token=token), 400, "form_token_too_fast")
    assert _comments(app) == []
    clock[0] += 3.1
    assert _posted(api.post_comment(form_token=token))["status"] == "published"
    assert len(_comments(app)) == 1


def test_the_minimum_age_counts_from_the_moment_the_token_was_fetched(api, app, monkeypatch):
    app.config["FORM_TOKEN_MIN_AGE"] = 3
    clock = [1_800_000_000.95]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    token = api.form_token()
    clock[0] += 2.1  # less than the three seconds asked for
    _error(api.post_comment(form_token=token), 400, "form_token_too_fast")


# ---- honeypot ------------------------------------------------------------------------------


def test_a_filled_honeypot_looks_accepted_but_is_kept_as_spam(api, app):
    response = api.post_comment(text="Cheap watches here.", homepage="https://watches.example")
    _held_quietly(api, app, response, "spam")


def test_a_blank_honeypot_is_not_a_trap(api, app):
    assert _posted(api.post_comment(homepage="  "))["status"] == "published"


def test_the_honeypot_is_ignored_when_switched_off(api, app):
    app.config["HONEYPOT"] = False
    assert _posted(api.post_comment(homepage="https://x.example"))["status"] == "published"
    assert [c.status for c in _comments(app)] == ["published"]


INPUT = re.compile(r"<input\b[^>]*>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def test_a_filled_honeypot_in_the_plain_form_is_kept_as_spam_and_told_it_awaits(api, client, app):
    page = client.get("/threads", query_string={"url": ARTICLE}).get_data(as_text=True)
    inputs = [dict(ATTRIBUTE.findall(tag)) for tag in INPUT.findall(page)]
    assert any(i.get("name") == "homepage" and i.get("type") != "hidden" for i in inputs)
    fields = {i["name"]: unescape(i.get("value", "")) for i in inputs if i.get("type") == "hidden"}
    assert {"csrf_token", "form_token", "url"} <= set(fields)
    form = {
        **fields,
        "text": "Cheap watches here.",
        "name": "Bot",
        "email": "bot@example.org",
        "website": "",
        "homepage": "https://watches.example",
    }
    response = client.post("/threads", data=form, environ_base={"REMOTE_ADDR": api.address})
    assert response.status_code == 303
    assert urlsplit(response.headers["Location"]).fragment == "respond"
    assert [c.status for c in _comments(app)] == ["spam"]
    followed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your comment is awaiting moderation." in followed
    assert "spam" not in followed.lower() and "Cheap watches" not in followed
    assert _public(api) == ([], 0, 0)


# ---- per-thread and per-email limits -------------------------------------------------------


def _assert_told_to_wait(response) -> None:
    body = _error(response, 429, "rate_limited")
    wait = response.headers["Retry-After"]
    assert wait.isdigit() and 0 < int(wait) <= 3600
    assert "wait" in body["message"] and f"{wait} seconds" in body["message"]


def test_a_thread_takes_so_many_top_level_comments_from_one_address(api, app, client):
    app.config["THREAD_RATE_LIMIT"] = "3 per hour"
    first = _posted(api.post_comment(text="One."))["id"]
    for n in range(3):  # replies are not counted
        _posted(api.post_comment(parent_id=first, text=f"Reply {n}."))
    _posted(api.post_comment(text="Two."))
    _posted(api.post_comment(text="Three."))
    refused = api.post_comment(text="Four.")
    _assert_told_to_wait(refused)
    assert "this thread" in refused.get_json()["message"]
    assert len(_comments(app)) == 6
    # Still: replies, another thread, another address.
    _posted(api.post_comment(parent_id=first, text="A reply after the limit."))
    _posted(api.post_comment(url=SECOND_ARTICLE, text="Elsewhere."))
    _posted(Api(client, origin=BLOG, address=STRANGER).post_comment(text="Someone else."))
    assert len(_comments(app)) == 9


def test_an_email_address_takes_so_many_comments_anywhere(api, app, client):
    app.config["EMAIL_RATE_LIMIT"] = "2 per hour"
    _posted(api.post_comment(email="Ana@Example.org"))
    elsewhere = Api(client, origin=OTHER, address=STRANGER)
    _posted(elsewhere.post_comment(url=OTHER_PAGE, email="ana@example.org"))
    third = Api(client, origin=BLOG, address="192.0.2.1")
    refused = third.post_comment(url=SECOND_ARTICLE, email="ANA@EXAMPLE.ORG")
    _assert_told_to_wait(refused)
    assert "email" in refused.get_json()["message"]
    assert len(_comments(app)) == 2
    _posted(api.post_comment(email="bo@example.org"))


# ---- links ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Just words.", "published"),
        ("See https://a.example/post for more.", "published"),
        ("See [my post](https://a.example/post).", "published"),
        ("See https://a.example and https://b.example now.", "pending"),
        ("See [one](https://a.example) and [two](https://b.example).", "pending"),
        ("See [one](https://a.example) and https://b.example too.", "pending"),
        ('Not links: <a href="x">x</a> <a href="y">y</a>', "published"),
    ],
)
def test_comments_with_many_links_wait_for_moderation(api, app, text, status):
    app.config["HOLD_LINK_COUNT"] = 2
    assert _posted(api.post_comment(text=text))["status"] == status
    assert [c.status for c in _comments(app)] == [status]


def test_the_link_rule_is_off_at_zero(api, app):
    app.config["HOLD_LINK_COUNT"] = 0
    text = " ".join(f"https://{n}.example" for n in "abcdef")
    assert _posted(api.post_comment(text=text))["status"] == "published"


# ---- duplicates ---------------------------------------------------------------------------


def test_the_same_words_twice_in_a_thread_are_refused(api, app, client):
    app.config["DUPLICATE_WINDOW_MINUTES"] = 10
    said = "I agree with every word."
    _posted(api.post_comment(text=said))
    body = _error(api.post_comment(text=said), 409, "duplicate")
    assert body["message"] == "You've already said that."
    stranger = Api(client, origin=BLOG, address=STRANGER)
    _error(stranger.post_comment(text=said, email="ANA.READER@example.org"), 409, "duplicate")
    same_address = Api(client, origin=BLOG, address=api.address)
    _error(same_address.post_comment(text=said, email="bo@example.org"), 409, "duplicate")
    assert len(_comments(app)) == 1
    _posted(api.post_comment(text="I agree with most words."))
    _posted(api.post_comment(url=SECOND_ARTICLE, text=said))
    _posted(stranger.post_comment(text=said, email="cy@example.org"))  # someone else entirely
    assert len(_comments(app)) == 4


def test_neighbours_behind_one_carrier_nat_saying_the_same_are_not_duplicates(api, app, client):
    # One /24, two addresses: the duplicate check and per-thread limits count one address.
    app.config["DUPLICATE_WINDOW_MINUTES"] = 10
    app.config["THREAD_RATE_LIMIT"] = "1 per hour"
    _posted(api.post_comment(text="Great article!"))
    neighbour = Api(client, origin=BLOG, address=NEIGHBOUR)
    _posted(neighbour.post_comment(text="Great article!", email="bo@example.org"))
    assert len(_comments(app)) == 2


def test_an_old_duplicate_is_accepted_again(api, app):
    app.config["DUPLICATE_WINDOW_MINUTES"] = 10
    said = "Still true."
    _posted(api.post_comment(text=said))
    with app.app_context():
        [comment] = storage.db.session.query(Comment).all()
        comment.created_at -= timedelta(minutes=11)
        storage.db.session.commit()
    _posted(api.post_comment(text=said))
    assert len(_comments(app)) == 2


def test_duplicates_are_allowed_when_the_window_is_zero(api, app):
    app.config["DUPLICATE_WINDOW_MINUTES"] = 0
    assert [api.post_comment(text="Again.").status_code for _ in range(2)] == [201, 201]


# ---- the sites' word lists -------------------------------------------------------------------


def _set_site(app, origin: str = BLOG, **values) -> None:
    with app.app_context():
        site = storage.find_site_by_origin(origin)
        for name, value in values.items():
            setattr(site, name, value)
        storage.db.session.commit()


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "The best CASINO bonus."},
        {"name": "Casino Bob"},
        {"email": "deals@casino.example"},
        {"website": "https://www.Casino.example/"},
        {"text": "Cheap Viagra."},
    ],
)
def test_a_spam_word_anywhere_keeps_the_comment_as_spam(api, app, fields):
    _set_site(app, spam_words="casino\nViagra", hold_words="refund")
    _held_quietly(api, app, api.post_comment(**fields), "spam")


def test_a_hold_word_holds_the_comment(api, app):
    _set_site(app, spam_words="casino", hold_words="refund\nwire transfer")
    comment = _posted(api.post_comment(text="About the WIRE TRANSFER you sent."))
    assert comment["status"] == "pending"
    assert [c.status for c in _comments(app)] == ["pending"]
    assert _public(api) == ([], 0, 0)


def test_a_comment_without_listed_words_is_published(api, app):
    _set_site(app, spam_words="casino", hold_words="refund")
    _set_site(app, origin=OTHER, spam_words="thoughtful")  # another site's list
    assert _posted(api.post_comment())["status"] == "published"
    assert len(_public(api)[0]) == 1


@pytest.mark.parametrize(
    ("moderation", "words", "status"),
    [
        ("all", {}, "pending"),
        ("all", {"hold_words": "thoughtful"}, "pending"),
        ("all", {"spam_words": "thoughtful"}, "spam"),
        ("none", {"hold_words": "thoughtful"}, "pending"),
        ("first", {"spam_words": "thoughtful"}, "spam"),
    ],
)
def test_the_stricter_of_moderation_and_defences_wins(api, app, moderation, words, status):
    _set_site(app, moderation=moderation, **words)
    assert _posted(api.post_comment())["status"] == "pending"
    assert [c.status for c in _comments(app)] == [status]


def test_word_lists_set_in_the_admin_site_form_are_applied(api, app, admin):
    form = {
        "name": "Blog",
        "origins": f"{BLOG}\nhttps://www.blog.example.org",
        "moderation": "none",
        "close_after_days": "",
        "spam_words": "  Casino \n\nViagra\ncasino\n",
        "hold_words": "Refund\r\n",
    }
    assert admin.post("/admin/sites/1", **form).status_code == 303
    with app.app_context():
        site = storage.find_site_by_origin(BLOG)
        assert (site.spam_words, site.hold_words) == ("casino\nviagra", "refund")
    assert "viagra" in admin.get("/admin/sites/1").get_data(as_text=True)
    statuses = [
        _posted(api.post_comment(text=text))["status"]
        for text in ("Cheap VIAGRA.", "A refund, please.", "A kind word.")
    ]
    assert statuses == ["pending", "pending", "published"]
    assert [c.status for c in _comments(app)] == ["spam", "pending", "published"]


def test_an_edit_that_adds_a_spam_word_is_kept_as_spam(api, app):
    _set_site(app, spam_words="casino")
    posted = api.post_comment(text="Innocent.").get_json()
    response = api.client.patch(
        f"/api/comments/{posted['comment']['id']}",
        json={"edit_token": posted["edit_token"], "text": "Visit my Casino."},
        headers={"Origin": BLOG},
        environ_base={"REMOTE_ADDR": api.address},
    )
    assert_matches_spec(response, "patch", "/api/comments/{comment_id}")
    assert response.status_code == 200
    assert response.get_json()["comment"]["status"] == "pending"
    assert [(c.status, c.text) for c in _comments(app)] == [("spam", "Visit my Casino.")]
    assert _public(api) == ([], 0, 0)


def test_flood_limits_apply_every_part_of_the_setting(app, api):
    app.config["EMAIL_RATE_LIMIT"] = "100 per hour;2 per day"
    statuses = [api.post_comment(text=f"Comment {n}").status_code for n in range(3)]
    assert statuses == [201, 201, 429]
