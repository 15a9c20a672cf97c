"""Likes: once per reader (by address and by voter id), only on published comments."""

from __future__ import annotations

import pytest

from tests.conftest import BLOG, OTHER
from tests.readers import Reader
from widget.storage.database import db
from widget.storage.models import CommentLike

VOTER_A = "a" * 22
VOTER_B = "b" * 22


@pytest.fixture
def reader(client):
    return Reader(client, BLOG, "203.0.113.10", VOTER_A)


def _reader(client, address: str, voter: str | None = None) -> Reader:
    return Reader(client, BLOG, address, voter)


def _post(api, **fields) -> int:
    return api.post_comment(**fields).get_json()["comment"]["id"]


def test_every_public_comment_carries_its_likes(api):
    created = api.post_comment().get_json()["comment"]
    assert created["likes"] == 0
    assert api.thread().get_json()["comments"][0]["likes"] == 0


def test_a_like_counts_once_and_an_unlike_withdraws_it(api, reader):
    comment_id = _post(api)
    assert reader.like(comment_id).get_json() == {"likes": 1, "liked": True}
    assert reader.like(comment_id).get_json() == {"likes": 1, "liked": True}
    assert api.thread().get_json()["comments"][0]["likes"] == 1
    assert reader.unlike(comment_id).get_json() == {"likes": 0, "liked": False}
    assert reader.unlike(comment_id).get_json() == {"likes": 0, "liked": False}
    assert api.thread().get_json()["comments"][0]["likes"] == 0
    assert reader.like(comment_id).get_json() == {"likes": 1, "liked": True}


def test_readers_on_other_addresses_with_other_voter_ids_each_count(api, client):
    comment_id = _post(api)
    for number in range(3):
        response = _reader(client, f"198.51.100.{number}", f"voter-{number:02d}-xxxxxxxxxx").like(
            comment_id
        )
    assert response.get_json()["likes"] == 3


@pytest.mark.parametrize(
    "second",
    [
        ("203.0.113.10", VOTER_B),  # the same IPv4 address, another voter id
        ("198.51.100.99", VOTER_A),  # another address, the same voter id
        ("203.0.113.10", None),  # the same address, no voter id
    ],
)
def test_one_address_or_one_voter_id_likes_once(api, client, reader, second):
    comment_id = _post(api)
    reader.like(comment_id)
    address, voter = second
    assert _reader(client, address, voter).like(comment_id).get_json()["likes"] == 1


def test_one_ipv6_network_of_56_likes_once(api, client):
    comment_id = _post(api)
    _reader(client, "2001:db8:1:1::1").like(comment_id)
    assert _reader(client, "2001:db8:1:1:ffff::2").like(comment_id).get_json()["likes"] == 1
    assert _reader(client, "2001:db8:1:2::1").like(comment_id).get_json()["likes"] == 1
    assert _reader(client, "2001:db8:1:100::1").like(comment_id).get_json()["likes"] == 2


def test_the_same_voter_id_unlikes_from_another_address(api, client, reader):
    comment_id = _post(api)
    reader.like(comment_id)
    moved = _reader(client, "192.0.2.55", VOTER_A)
    assert moved.unlike(comment_id).get_json() == {"likes": 0, "liked": False}


def test_the_stored_like_holds_no_address_and_no_voter_id(app, api, reader):
    comment_id = _post(api)
    reader.like(comment_id)
    with app.app_context():
        [row] = db.session.query(CommentLike).all()
        stored = f"{row.client_key} {row.voter_key}"
    assert "203.0.113" not in stored and VOTER_A not in stored
    assert len(row.client_key) == len(row.voter_key) == 64


@pytest.mark.parametrize("action", ["spam", "delete"])
def test_held_spam_and_deleted_comments_cannot_be_liked(api, admin, reader, action):
    comment_id = _post(api)
    admin.moderate(action, comment_id)
    for response in (reader.like(comment_id), reader.unlike(comment_id)):
        assert response.status_code == 404
        assert response.get_json()["error"] == "not_found"


def test_a_pending_comment_cannot_be_liked(app_factory):
    from widget.sites.editing import register_site

    held = app_factory()
    with held.app_context():
        register_site("Blog", [BLOG], "all")
    client = held.test_client()
    api = Reader(client, BLOG, "203.0.113.5")
    comment_id = _post(api)
    assert api.like(comment_id).status_code == 404
    assert api.like(999999).status_code == 404


def test_a_page_of_another_site_cannot_like(api, client):
    comment_id = _post(api)
    response = Reader(client, OTHER, "203.0.113.9").like(comment_id)
    assert response.status_code == 403
    assert response.get_json()["error"] == "origin_mismatch"


@pytest.mark.parametrize("voter", ["short", "x" * 65, "no spaces here!!!!!", 12345678901234567, []])
def test_a_malformed_voter_id_is_refused(api, reader, voter):
    comment_id = _post(api)
    response = reader.like(comment_id, voter=voter)
    assert response.status_code == 400
    assert response.get_json()["fields"] == {
        "voter": ["`voter` must be 16 to 64 letters, digits, `-` or `_`."]
    }


def test_a_like_changes_the_thread_etag_and_cached_reads(api, reader):
    comment_id = _post(api)
    first = api.thread()
    etag = first.headers["ETag"]
    assert api.thread(headers={"If-None-Match": etag}).status_code == 304
    reader.like(comment_id)
    again = api.thread(headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again.get_json()["comments"][0]["likes"] == 1
    for sort in ("newest", "top"):
        assert api.thread(sort=sort).get_json()["comments"][0]["likes"] == 1


def test_liking_follows_the_read_rate_limit(app_factory):
    from widget.sites.editing import register_site

    limited = app_factory(RATELIMIT_ENABLED=True, READ_RATE_LIMIT="4 per minute")
    with limited.app_context():
        register_site("Blog", [BLOG], "none")
    reader = Reader(limited.test_client(), BLOG, "203.0.113.6", VOTER_A)
    comment_id = _post(reader)  # a form token and a post: the form token is a read
    statuses = [reader.like(comment_id).status_code for _ in range(4)]
    assert statuses[-1] == 429
    assert 200 in statuses


def test_privacy_prune_forgets_who_liked_past_the_retention(app_factory):
    from datetime import timedelta

    from tests.conftest import BLOG as blog
    from widget.sites.editing import register_site

    app = app_factory(RETENTION_DAYS=30)
    with app.app_context():
        register_site("Blog", [blog], "none")
    client = app.test_client()
    reader = Reader(client, blog, "203.0.113.10", VOTER_A)
    old, new = (_post(reader, text=text) for text in ("Old", "New"))
    reader.like(old)
    reader.like(new)
    reader.unlike(new)
    reader.like(new)
    with app.app_context():
        for row in db.session.query(CommentLike).all():
            row.created_at -= timedelta(days=31 if row.comment_id == old else 0)
            if row.removed_at is not None:
                row.removed_at -= timedelta(days=31)
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["privacy", "prune"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        rows = {(r.comment_id, r.client_key != "", r.voter_key is not None) for r in
                db.session.query(CommentLike).all()}  # fmt: skip
    # The old like stays counted, anonymous; the withdrawn one is gone; the new one is kept.
    assert rows == {(old, False, False), (new, True, True)}
    assert reader.thread().get_json()["comments"][0]["likes"] == 1
