"""The per-worker page cache stays within its byte budget (WIDGET_READ_CACHE_MB), measured,
and `limit` is rounded to a few page sizes so that a thread has a few cached pages."""

from __future__ import annotations

import gc
import tracemalloc

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from widget.comments.sorting import page_size
from widget.web.reads import Page, PageCache, page_cache

MB = 1024 * 1024
LONG = "A long comment, its words repeated so that each page weighs a good deal. " * 40


@pytest.mark.parametrize(
    "asked, given",
    [(1, 1), (2, 2), (4, 3), (7, 5), (19, 10), (49, 20), (99, 50), (100, 100), (120, 100)]
    + [(250, 200), (499, 200), (500, 500)],
)
def test_limit_is_rounded_down_to_a_page_size(asked, given):
    assert page_size(asked, 100, 500) == given


def test_the_default_and_the_largest_page_size_are_kept_as_set():
    assert page_size(150, 150, 400) == 150 and page_size(450, 150, 400) == 400


def test_limits_from_120_to_499_share_two_cached_pages(app, api):
    for number in range(5):
        api.post_comment(text=f"Comment {number}.")
    api.thread()
    for limit in range(120, 500, 7):
        response = api.thread(limit=limit)
        assert len(response.get_json()["comments"]) == 5
    assert len(page_cache(app)) == 2  # the default page of 100, and one of 200


def test_the_cache_evicts_the_least_recently_read_beyond_its_budget():
    cache = PageCache(size=1000, budget=10_000)
    for number in range(5):
        cache.put(("json", number), Page(str(number), b"x" * 2000))
    assert cache.get(("json", 0), "0") is None  # the first went when the budget was reached
    assert cache.get(("json", 4), "4") is not None
    assert cache.bytes <= 10_000
    page = cache.get(("json", 4), "4")
    cache.add_encoding(("json", 4), page, "gzip", b"g" * 3000)  # a compressed form counts too
    assert cache.bytes <= 10_000 and len(cache) == 2
    cache.put(("json", "huge"), Page("h", b"x" * 20_000))  # larger than the budget: not kept
    assert cache.get(("json", "huge"), "h") is None and cache.bytes <= 10_000


def _pages_read(api: Api, ids: list[int]) -> int:
    """Read one distinct page for every `since` and sort (each a new cache entry); their bytes."""
    total = 0
    for since in ids:
        for sort in ("oldest", "newest", "top"):
            response = api.client.get(  # not through the spec check: thousands of comments
                "/api/threads",
                query_string={"url": ARTICLE, "since": since, "sort": sort},
                headers={"Origin": BLOG},
            )
            assert response.status_code == 200
            total += len(response.get_data())
    return total


def test_a_worker_grows_by_its_budget_not_by_what_it_read(app_factory, app):
    """Many large distinct pages (as a crawler trying every `since` would ask for): the
    cache, measured with tracemalloc, takes about its budget and not the pages' sum."""
    budget_mb = 0.5
    small = app_factory(READ_CACHE_MB=budget_mb)
    api = Api(small.test_client(), origin=BLOG)
    ids = [
        api.post_comment(text=f"{number}. {LONG}").get_json()["comment"]["id"]
        for number in range(40)
    ]
    api.thread()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        served = _pages_read(api, ids)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    cache = page_cache(small)
    raw = sum(page.size for page, _ in cache._pages.values())
    print(
        f"\nread {served / MB:.1f} MB of pages; cache holds {cache.bytes / MB:.2f} MB "
        f"({len(cache)} pages), the worker grew {grown / MB:.2f} MB"
    )
    assert served > 8 * budget_mb * MB  # a scenario that would blow an unbounded cache
    assert cache.bytes <= budget_mb * MB and raw <= cache.bytes
    # The cache's own count is what Python allocated for it, give or take the objects
    # around it (a few hundred KB for the app's other caches and the test client).
    assert grown < budget_mb * MB + 1 * MB, f"grew {grown / MB:.2f} MB"


def test_without_the_budget_the_same_reads_keep_every_page(app_factory, app):
    """The same reads with a large budget keep every page: what the budget saves."""
    big = app_factory(READ_CACHE_MB=64)
    api = Api(big.test_client(), origin=BLOG)
    ids = [
        api.post_comment(text=f"{number}. {LONG}").get_json()["comment"]["id"]
        for number in range(40)
    ]
    api.thread()
    _pages_read(api, ids)
    assert page_cache(big).bytes > 4 * MB


def test_a_read_cache_of_zero_pages_caches_nothing(app_factory, app):
    off = app_factory(READ_CACHE_PAGES=0)
    api = Api(off.test_client(), origin=BLOG)
    api.post_comment(text="Not kept.")
    assert api.thread().status_code == 200 and api.thread().status_code == 200
    assert len(page_cache(off)) == 0


def test_the_article_reads_as_before(api):
    api.post_comment(text="Still here.")
    assert api.thread(url=ARTICLE).get_json()["comments"][0]["html"] == "<p>Still here.</p>"
