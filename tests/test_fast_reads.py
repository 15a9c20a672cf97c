"""A cached read answered before Flask's dispatch is the full path's answer, byte for byte,
and counts against the same read limit (web/fast_reads.py, web/read_limits.py)."""

from __future__ import annotations

import pytest
from flask import request_started
from werkzeug.test import Client
from werkzeug.wrappers import Response

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG, OTHER
from widget.web.fast_reads import FastReads
from widget.web.read_limits import read_allowance

READER = {"REMOTE_ADDR": "203.0.113.77"}


@pytest.fixture
def dispatched(app):
    """How many requests reached Flask's dispatch."""
    seen: list[str] = []

    def count(_sender, **_extra) -> None:
        seen.append("dispatched")

    request_started.connect(count, app)
    yield seen
    request_started.disconnect(count, app)


def _full_path(app) -> Client:
    """A client of what the fast path passes on: Flask, as it answers without it."""
    fast = app.wsgi_app
    assert isinstance(fast, FastReads)
    return Client(fast.wsgi_app, Response)


def _comparable(response) -> tuple:
    headers = sorted((name, value) for name, value in response.headers.items() if name != "Date")
    return response.status, headers, response.get_data()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": BLOG},
        {},
        {"Origin": BLOG, "Accept-Encoding": "gzip"},
        {"Origin": BLOG, "Accept-Encoding": "br;q=1.0, gzip;q=0.5"},
        {"Origin": "https://www.blog.example.org", "Accept-Encoding": "identity"},
    ],
    ids=["cors", "no-origin", "gzip", "br", "second-origin"],
)
@pytest.mark.parametrize(
    "params", [{}, {"sort": "newest", "limit": "7"}, {"sort": "top"}], ids=["plain", "7", "top"]
)
def test_a_cached_read_is_the_full_paths_answer(app, api, client, dispatched, headers, params):
    for number in range(15):
        api.post_comment(text=f"Comment {number}, long enough to be worth compressing, surely.")
    query = {"url": ARTICLE, **params}
    first = client.get("/api/threads", query_string=query, headers=headers, environ_base=READER)
    assert first.status_code == 200
    dispatched.clear()
    fast = client.get("/api/threads", query_string=query, headers=headers, environ_base=READER)
    assert dispatched == [], "a cached read went through Flask's dispatch"
    full = _full_path(app).get("/api/threads", query_string=query, headers=headers)
    assert _comparable(fast) == _comparable(full) == _comparable(first)
    etag = {**headers, "If-None-Match": fast.headers["ETag"]}
    dispatched.clear()
    fast = client.get("/api/threads", query_string=query, headers=etag, environ_base=READER)
    assert dispatched == [] and fast.status_code == 304
    full = _full_path(app).get("/api/threads", query_string=query, headers=etag)
    assert _comparable(fast) == _comparable(full)


@pytest.mark.parametrize(
    "query, headers, code",
    [
        ({"url": "https://unknown.example.com/a"}, {"Origin": BLOG}, "origin_not_registered"),
        ({"url": ARTICLE}, {"Origin": OTHER}, "origin_mismatch"),
        ({"url": ARTICLE, "limit": "0"}, {"Origin": BLOG}, "invalid_limit"),
        ({"url": ARTICLE, "cursor": "nonsense"}, {"Origin": BLOG}, "invalid_cursor"),
        ({"url": ARTICLE, "sort": "best"}, {"Origin": BLOG}, "invalid_sort"),
    ],
)
def test_what_the_fast_path_refuses_flask_answers(api, client, query, headers, code):
    api.post_comment(text="Warm the cache.")
    api.thread()
    response = client.get("/api/threads", query_string=query, headers=headers)
    assert response.status_code in (400, 403)
    assert response.get_json()["error"] == code


def test_an_untrusted_host_is_refused_on_the_fast_path_too(app_factory):
    app = app_factory(TRUSTED_HOSTS=["comments.example.org"])
    client = app.test_client()
    path = f"/api/threads?url={ARTICLE}"
    assert client.get(path, base_url="http://evil.example").status_code == 400


def test_reads_count_once_whichever_path_answers(app, app_factory):
    limited = app_factory(RATELIMIT_ENABLED=True, READ_RATE_LIMIT="4 per minute")
    dispatched = []
    request_started.connect(lambda _sender, **_extra: dispatched.append(1), limited, weak=False)
    api = Api(limited.test_client(), origin=BLOG)
    statuses = [api.thread().status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    # The first read missed the cache (Flask rendered it), the next three were answered
    # before Flask; the refused one went to Flask for its 429.
    assert len(dispatched) == 2
    other = Api(limited.test_client(), origin=BLOG, address="198.51.100.8")
    assert other.thread().status_code == 200


def test_a_process_sends_its_reads_on_in_batches_and_never_past_the_limit(app, app_factory):
    """Two processes (apps) on one limiter storage: each counts locally, in batches of 1% of
    the limit, and together they let through at most the limit plus one unsent batch each."""
    one = app_factory(RATELIMIT_ENABLED=True, READ_RATE_LIMIT="1000 per minute")
    two = app_factory(RATELIMIT_ENABLED=True, READ_RATE_LIMIT="1000 per minute")
    shared = one.extensions["tertulia.limiter"]
    first, second = read_allowance(one), read_allowance(two)
    second.limiter, second.prefix = shared, first.prefix  # one storage, as Redis for all
    assert first.batches == [10]
    storage_calls = []
    incr = shared.storage.incr

    def counted_incr(*args, **kwargs):
        storage_calls.append(args)
        return incr(*args, **kwargs)

    shared.storage.incr = counted_incr
    reads = [allowance.hit("203.0.113.5") for _ in range(450) for allowance in (first, second)]
    assert all(reads)
    assert len(storage_calls) == 900 / 10  # one round trip per batch of reads
    reads += [allowance.hit("203.0.113.5") for _ in range(150) for allowance in (first, second)]
    assert 1000 <= sum(reads) <= 1000 + 2 * 10
    assert reads[-2:] == [False, False]
