"""Atom feeds of a thread and a site, the latest comments of a site, and the no-JS page's link."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from tests.actions import ARTICLE
from tests.conftest import BLOG, OTHER
from tests.openapi_check import assert_matches_spec
from tests.readers import Reader

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_NAME = 'Eve <script>alert(1)</script> & "Co"'


def _feed(client, path: str, headers: dict | None = None, **params):
    response = client.get(path, query_string=params, headers=headers or {})
    assert_matches_spec(response, "get", path)
    return response


def _entries(response) -> list[ET.Element]:
    root = ET.fromstring(response.get_data())
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def test_the_thread_feed_lists_published_comments_newest_first(api, client, admin):
    first = api.post_comment(text="First *one*").get_json()["comment"]
    api.post_comment(text="Second", name=HOSTILE_NAME, email="eve@example.org")
    held = api.post_comment(text="Held back").get_json()["comment"]
    admin.moderate("spam", held["id"])
    response = _feed(client, "/feeds/thread.atom", url=ARTICLE)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    assert response.headers["Cache-Control"] == "public, max-age=60"
    entries = _entries(response)
    assert [e.findtext(f"{ATOM}author/{ATOM}name") for e in entries] == [HOSTILE_NAME, "Ana Reader"]
    oldest = entries[-1]
    content = oldest.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert content.text == "<p>First <em>one</em></p>"
    # The thread's canonical URL, as the reply mail links it.
    link = f"{ARTICLE.rstrip('/')}#comment-{first['id']}"
    assert oldest.find(f"{ATOM}link").get("href") == link
    assert oldest.findtext(f"{ATOM}id") == link
    assert oldest.findtext(f"{ATOM}published") == first["created_at"]
    body = response.get_data(as_text=True)
    assert "<script>" not in body and "&lt;script&gt;" in body
    for private in ("@example.org", "203.0.113", "Held back"):
        assert private not in body


def test_the_thread_feed_has_an_etag_that_changes_with_the_thread(api, client):
    api.post_comment()
    response = _feed(client, "/feeds/thread.atom", url=ARTICLE)
    etag = response.headers["ETag"]
    unchanged = _feed(client, "/feeds/thread.atom", {"If-None-Match": etag}, url=ARTICLE)
    assert unchanged.status_code == 304
    api.post_comment(text="Another")
    changed = _feed(client, "/feeds/thread.atom", {"If-None-Match": etag}, url=ARTICLE)
    assert changed.status_code == 200
    assert len(_entries(changed)) == 2


def test_the_thread_feed_keeps_the_latest_fifty(api, client):
    for n in range(52):
        api.post_comment(text=f"Comment {n}")
    entries = _entries(_feed(client, "/feeds/thread.atom", url=ARTICLE))
    assert len(entries) == 50
    assert entries[0].findtext(f"{ATOM}content") == "<p>Comment 51</p>"


def test_a_thread_without_comments_has_an_empty_feed_in_spanish(client):
    response = _feed(client, "/feeds/thread.atom", url=f"{BLOG}/nada/", lang="es")
    assert response.status_code == 200
    root = ET.fromstring(response.get_data())
    assert root.findtext(f"{ATOM}title").startswith("Comentarios sobre")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    assert _entries(response) == []


def test_the_site_feed_spans_the_site_and_no_other(api, client):
    api.post_comment(url=f"{BLOG}/one/", text="On one")
    api.post_comment(url=f"{BLOG}/two/", text="On two")
    Reader(client, OTHER, "203.0.113.3").post_comment(url=f"{OTHER}/x/", text="Elsewhere")
    response = _feed(client, "/feeds/site.atom", origin=BLOG)
    texts = [e.findtext(f"{ATOM}content") for e in _entries(response)]
    assert texts == ["<p>On two</p>", "<p>On one</p>"]
    etag = response.headers["ETag"]
    assert (
        _feed(client, "/feeds/site.atom", {"If-None-Match": etag}, origin=BLOG).status_code == 304
    )


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/feeds/site.atom", {"origin": "https://unregistered.example.com"}, 403),
        ("/feeds/site.atom", {"origin": "not an origin"}, 400),
        ("/feeds/site.atom", {"origin": f"{BLOG}/path/"}, 400),
        ("/feeds/site.atom", {}, 400),
        ("/feeds/thread.atom", {}, 400),
        ("/feeds/thread.atom", {"url": "https://unregistered.example.com/a/"}, 403),
    ],
)
def test_bad_feed_requests_are_refused(client, path, params, status):
    assert _feed(client, path, **params).status_code == status


def test_latest_lists_a_sites_newest_comments_with_their_threads(api, client, admin):
    api.post_comment(url=f"{BLOG}/one/", title="One", text="Old")
    spam = api.post_comment(url=f"{BLOG}/two/", title="Two", text="Spam").get_json()["comment"]
    admin.moderate("spam", spam["id"])
    api.post_comment(url=f"{BLOG}/two/", text="New")
    Reader(client, OTHER, "203.0.113.3").post_comment(url=f"{OTHER}/x/", text="Elsewhere")
    body = api.get("/api/latest", origin=BLOG).get_json()
    assert [c["html"] for c in body["comments"]] == ["<p>New</p>", "<p>Old</p>"]
    assert body["comments"][0]["thread"] == {"url": f"{BLOG}/two", "title": "Two"}
    assert [
        c["html"] for c in api.get("/api/latest", origin=BLOG, limit=1).get_json()["comments"]
    ] == ["<p>New</p>"]


def test_latest_has_an_etag(api):
    api.post_comment()
    etag = api.get("/api/latest", origin=BLOG).headers["ETag"]
    assert api.get("/api/latest", origin=BLOG, headers={"If-None-Match": etag}).status_code == 304
    api.post_comment(text="More")
    assert api.get("/api/latest", origin=BLOG, headers={"If-None-Match": etag}).status_code == 200


@pytest.mark.parametrize(
    ("params", "status", "error"),
    [
        ({"origin": BLOG, "limit": "51"}, 400, "invalid_limit"),
        ({"origin": BLOG, "limit": "0"}, 400, "invalid_limit"),
        ({}, 400, "invalid_origin"),
        ({"origin": OTHER}, 403, "origin_mismatch"),
    ],
)
def test_bad_latest_requests_are_refused(api, params, status, error):
    response = api.get("/api/latest", **params)
    assert response.status_code == status
    assert response.get_json()["error"] == error


def test_the_nojs_page_links_its_feed(client):
    page = client.get("/threads", query_string={"url": ARTICLE}).get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml" href="/feeds/thread.atom?url=' in page
