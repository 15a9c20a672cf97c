"""Per-thread and per-email limits, duplicates: floods are refused with 429 and 409."""

from __future__ import annotations

from datetime import timedelta

from tests.actions import Api
from tests.conftest import BLOG, OTHER
from tests.defending import (
    NEIGHBOUR,
    OTHER_PAGE,
    SECOND_ARTICLE,
    STRANGER,
    _comments,
    _error,
    _posted,
)
from widget import storage
from widget.storage.models import Comment

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
