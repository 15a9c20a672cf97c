"""Thread reads from cache: ETags, 304s, Cache-Control, compression, and never a stale page.

Two apps on one database are two instances: each has its own cache and site registry,
so a write through one must show in the very next read from the other.
"""

from __future__ import annotations

import gzip
import json
import re
from html import unescape

import brotli
import pytest

from tests.actions import ARTICLE, Admin, Api
from tests.conftest import BLOG, MODERATOR_EMAIL, MODERATOR_PASSWORD
from widget import storage
from widget.accounts.moderators import create_moderator
from widget.sites.editing import register_site
from widget.storage.models import Thread


@pytest.fixture
def instances(app, app_factory):
    """Two instances (apps) on the test's database, each a reader's view of it."""
    return app, app_factory()


def _read(app, **headers):
    client = app.test_client()
    return client.get(
        "/api/threads", query_string={"url": ARTICLE}, headers={"Origin": BLOG, **headers}
    )


def _texts(response) -> list[str]:
    return [c["html"] for c in response.get_json()["comments"]]


def test_a_read_has_a_weak_etag_and_no_cache_by_default(api):
    api.post_comment(text="First.")
    response = api.thread()
    assert response.headers["ETag"].startswith('W/"')
    assert response.headers["Cache-Control"] == "no-cache"
    assert "Accept-Encoding" in response.headers["Vary"]
    again = api.thread(headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert again.get_data() == b""
    assert again.headers["ETag"] == response.headers["ETag"]
    # CORS still applies to a 304, or the browser could not use its copy.
    assert again.headers["Access-Control-Allow-Origin"] == BLOG


def test_a_thread_nobody_commented_on_has_an_etag_too(api):
    response = api.thread()
    assert response.status_code == 200
    assert api.thread(headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


def test_max_age_and_stale_while_revalidate_are_settings(app_factory, app):
    cdn = app_factory(READ_MAX_AGE=30, READ_STALE_WHILE_REVALIDATE=300)
    response = _read(cdn)
    assert response.headers["Cache-Control"] == "public, max-age=30, stale-while-revalidate=300"


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_reads_are_compressed_when_the_client_accepts_it(api, encoding):
    for number in range(12):
        api.post_comment(text=f"Comment number {number}, long enough to be worth compressing.")
    plain = api.thread()
    packed = api.client.get(  # not through the spec check: the body is compressed
        "/api/threads",
        query_string={"url": ARTICLE},
        headers={"Origin": BLOG, "Accept-Encoding": encoding},
    )
    assert packed.headers["Content-Encoding"] == encoding
    assert packed.headers["ETag"] == plain.headers["ETag"]
    unpack = gzip.decompress if encoding == "gzip" else brotli.decompress
    raw = unpack(packed.get_data())
    assert json.loads(raw) == plain.get_json()
    assert len(packed.get_data()) < len(plain.get_data()) / 3
    assert "Content-Encoding" not in plain.headers


def test_the_fragment_and_the_page_are_compressed_too(api, client):
    for number in range(12):
        api.post_comment(text=f"Comment number {number}, long enough to be worth compressing.")
    for path in ("/api/threads.html", "/threads"):
        response = client.get(
            path, query_string={"url": ARTICLE}, headers={"Accept-Encoding": "gzip"}
        )
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == "gzip"
        assert b"Comment number 11" in gzip.decompress(response.get_data())


def _etag_and_texts(app) -> tuple[str, list[str]]:
    response = _read(app)
    return response.headers["ETag"], _texts(response)


def test_a_post_shows_in_the_next_read_of_another_instance(instances):
    one, two = instances
    Api(one.test_client(), origin=BLOG).post_comment(text="Warm the cache.")
    before, texts = _etag_and_texts(two)
    assert len(texts) == 1
    Api(one.test_client(), origin=BLOG).post_comment(text="Posted on one.")
    after, texts = _etag_and_texts(two)
    assert after != before and "<p>Posted on one.</p>" in texts[-1]
    assert _read(two, **{"If-None-Match": before}).status_code == 200


def test_author_edits_and_deletions_show_at_once_everywhere(instances):
    one, two = instances
    api = Api(one.test_client(), origin=BLOG)
    body = api.post_comment(text="Before the edit.").get_json()
    cid, token = body["comment"]["id"], body["edit_token"]
    before, _ = _etag_and_texts(two)
    api.client.patch(
        f"/api/comments/{cid}",
        json={"edit_token": token, "text": "After the edit."},
        headers={"Origin": BLOG},
    )
    edited, texts = _etag_and_texts(two)
    assert edited != before and texts == ["<p>After the edit.</p>"]
    api.client.delete(f"/api/comments/{cid}", json={"edit_token": token}, headers={"Origin": BLOG})
    deleted, texts = _etag_and_texts(two)
    assert deleted != edited and texts == []
    assert _read(two).get_json()["thread"]["count"] == 0


def test_a_deleted_comment_with_replies_stays_as_a_placeholder(api):
    parent = api.post_comment(text="Parent.").get_json()
    api.post_comment(text="Reply.", parent_id=parent["comment"]["id"])
    api.client.delete(
        f"/api/comments/{parent['comment']['id']}",
        json={"edit_token": parent["edit_token"]},
        headers={"Origin": BLOG},
    )
    comments = api.thread().get_json()["comments"]
    assert [c["status"] for c in comments] == ["deleted", "published"]
    assert api.thread().get_json()["thread"]["count"] == 1


@pytest.fixture
def moderator_of(instances):
    one, _ = instances
    with one.app_context():
        create_moderator(MODERATOR_EMAIL, MODERATOR_PASSWORD)
    admin = Admin(one.test_client())
    assert admin.login(MODERATOR_EMAIL, MODERATOR_PASSWORD).status_code == 303
    return admin


def test_moderation_shows_at_once_on_another_instance(instances, moderator_of):
    one, two = instances
    api = Api(one.test_client(), origin=BLOG)
    first = api.post_comment(text="Kept.").get_json()["comment"]["id"]
    second = api.post_comment(text="Spam, really.").get_json()["comment"]["id"]
    start, texts = _etag_and_texts(two)
    assert len(texts) == 2

    moderator_of.moderate_one(second, "spam")
    spammed, texts = _etag_and_texts(two)
    assert spammed != start and texts == ["<p>Kept.</p>"]

    moderator_of.moderate("approve", second)
    approved, texts = _etag_and_texts(two)
    assert approved != spammed and len(texts) == 2

    moderator_of.moderate("hold", first, second)
    held, texts = _etag_and_texts(two)
    assert held != approved and texts == []
    assert _read(two).get_json()["thread"]["count"] == 0

    moderator_of.moderate("approve", first)
    moderator_of.post(f"/admin/comments/{first}/edit", text="Edited by a moderator.")
    edited, texts = _etag_and_texts(two)
    assert texts == ["<p>Edited by a moderator.</p>"]

    moderator_of.moderate_one(first, "delete")
    _, texts = _etag_and_texts(two)
    assert texts == []


def test_closing_a_thread_shows_at_once(instances, moderator_of):
    one, two = instances
    Api(one.test_client(), origin=BLOG).post_comment(text="Open.")
    before = _read(two)
    assert before.get_json()["thread"]["closed"] is False
    with one.app_context():
        [thread_id] = [thread.id for thread in storage.db.session.query(Thread)]
    moderator_of.post(f"/admin/threads/{thread_id}/closed", closed="1")
    after = _read(two)
    assert after.get_json()["thread"]["closed"] is True
    assert after.headers["ETag"] != before.headers["ETag"]


def test_site_changes_reach_every_instance_at_once(instances):
    one, two = instances
    late = "https://late.example.com"
    assert _read(two).status_code == 200  # the registry is loaded and cached
    refused = two.test_client().get(
        "/api/threads", query_string={"url": late + "/a"}, headers={"Origin": late}
    )
    assert refused.status_code == 403
    with one.app_context():
        register_site("Late", [late], "none")
    allowed = two.test_client().get(
        "/api/threads", query_string={"url": late + "/a"}, headers={"Origin": late}
    )
    assert allowed.status_code == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == late
    with one.app_context():
        site = storage.find_site_by_origin(late)
        storage.update_site(site, origins=["https://later.example.com"])
        storage.commit()
    gone = two.test_client().get(
        "/api/threads", query_string={"url": late + "/a"}, headers={"Origin": late}
    )
    assert gone.status_code == 403
    assert "Access-Control-Allow-Origin" not in gone.headers


def test_the_form_token_is_not_in_the_cached_page_and_stays_bound(api):
    page = api.thread().get_json()
    assert "form_token" not in page
    token = api.form_token()
    assert api.get("/api/form-token", url=ARTICLE).headers["Cache-Control"] == "no-store"
    other = api.form_token("https://blog.example.org/another-article/")
    assert api.post_comment(form_token=other).get_json()["error"] == "form_token_invalid"
    assert api.post_comment(form_token=token).status_code == 201


@pytest.mark.parametrize("path", ["/api/threads", "/api/threads.html"])
def test_reads_page_through_long_threads(app, api, client, path):
    app.config["PAGE_SIZE"] = 5
    ids = [api.post_comment(text=f"Comment {n}.").get_json()["comment"]["id"] for n in range(12)]
    seen, params = [], {"url": ARTICLE}
    for _ in range(5):
        response = client.get(path, query_string=params, headers={"Origin": BLOG})
        assert response.status_code == 200
        if path.endswith(".html"):
            html = response.get_data(as_text=True)
            seen += [int(n) for n in re.findall(r'id="comment-(\d+)"', html)]
            found = re.search(r'href="[^"]*cursor=([^"&]+)[^"]*" rel="next"', html)
            cursor = found and found.group(1)
        else:
            body = response.get_json()
            seen += [c["id"] for c in body["comments"]]
            cursor = body["next"]
        if not cursor:
            break
        params = {"url": ARTICLE, "cursor": cursor}
    assert seen == ids


def test_the_nojs_page_pages_like_the_api(app, api, client):
    app.config["PAGE_SIZE"] = 5
    for n in range(7):
        api.post_comment(text=f"Comment {n}.")
    first = client.get("/threads", query_string={"url": ARTICLE}).get_data(as_text=True)
    assert first.count('class="comment"') == 5 and 'rel="next"' in first
    link = unescape(re.search(r'<a href="([^"]+)" rel="next">', first).group(1))
    second = client.get(link).get_data(as_text=True)
    assert second.count('class="comment"') == 2 and 'rel="next"' not in second
    assert "Comment 6." in second
