"""Sorting a thread: oldest, newest, top; keyset cursors of each sort; live news (`since`)."""

from __future__ import annotations

import itertools

import pytest

from tests.conftest import BLOG
from tests.readers import Reader

_addresses = itertools.count(1)


def _like(client, comment_id: int, times: int = 1) -> None:
    for _ in range(times):
        number = next(_addresses)
        Reader(client, BLOG, f"10.9.{number // 250}.{number % 250}").like(comment_id)


def _post(api, text: str, parent_id: int | None = None) -> int:
    fields = {"text": text} if parent_id is None else {"text": text, "parent_id": parent_id}
    return api.post_comment(**fields).get_json()["comment"]["id"]


def _texts(comments) -> list[str]:
    return [c["html"].removeprefix("<p>").removesuffix("</p>") for c in comments]


@pytest.fixture
def thread(api):
    """Three top-level comments (A oldest), replies under A and C."""
    a = _post(api, "A")
    b = _post(api, "B")
    a1 = _post(api, "A1", a)
    c = _post(api, "C")
    _post(api, "A1x", a1)
    _post(api, "C1", c)
    return {"A": a, "B": b, "C": c}


def test_oldest_is_the_default_and_stays_flat(api, thread):
    assert _texts(api.thread().get_json()["comments"]) == ["A", "B", "A1", "C", "A1x", "C1"]
    assert _texts(api.thread(sort="oldest").get_json()["comments"]) == [
        "A", "B", "A1", "C", "A1x", "C1"
    ]  # fmt: skip


def test_newest_orders_top_level_comments_with_replies_under_them(api, thread):
    comments = api.thread(sort="newest").get_json()["comments"]
    assert _texts(comments) == ["C", "C1", "B", "A", "A1", "A1x"]


def test_top_is_most_liked_first_then_oldest(api, client, thread):
    _like(client, thread["C"], 2)
    _like(client, thread["B"], 2)
    comments = api.thread(sort="top").get_json()["comments"]
    assert _texts(comments) == ["B", "C", "C1", "A", "A1", "A1x"]
    assert [c["likes"] for c in comments] == [2, 2, 0, 0, 0, 0]


@pytest.mark.parametrize("sort", ["oldest", "newest", "top"])
def test_paging_any_sort_gives_every_comment_once(api, client, sort):
    ids = [_post(api, f"T{n}") for n in range(7)]
    for n, comment_id in enumerate(ids):
        _like(client, comment_id, n % 3)
    reply = _post(api, "reply", ids[2])
    pages = Reader(client, BLOG, "203.0.113.200").pages(sort=sort, limit=2)
    seen = [c["id"] for page in pages for c in page]
    assert len(pages) == 4
    assert len(seen) == len(set(seen))
    assert set(seen) == {*ids, reply}


def test_top_pages_stay_exact_while_likes_change_between_pages(api, client):
    ids = [_post(api, f"T{n}") for n in range(8)]
    likers = {}
    for n, comment_id in enumerate(ids):  # likes 0, 1, 2, 3, 0, 1, 2, 3
        likers[comment_id] = [Reader(client, BLOG, f"10.8.{n}.{k}") for k in range(n % 4)]
        for liker in likers[comment_id]:
            liker.like(comment_id)
    reader = Reader(client, BLOG, "203.0.113.201")
    before = [c["id"] for page in reader.pages(sort="top", limit=3) for c in page]
    assert before[:2] == [ids[3], ids[7]]

    def shake(pages_read: int) -> None:
        # Between pages, comments not yet read climb above the cursor, and one already
        # read falls below it: ranked by live likes, they would be skipped or repeated.
        for comment_id in (ids[0], ids[4]):
            for k in range(5):
                Reader(client, BLOG, f"10.7.{pages_read}.{comment_id * 10 + k}").like(comment_id)
        for liker in likers[ids[3]]:
            liker.unlike(ids[3])

    seen = [c["id"] for page in reader.pages(sort="top", limit=3, between=shake) for c in page]
    assert seen == before
    # A fresh first page ranks by the likes as they are now.
    now = [c["id"] for c in reader.thread(sort="top").get_json()["comments"]]
    assert now[:2] == [ids[0], ids[4]]


def test_newest_pages_stay_exact_while_comments_arrive(api, client):
    ids = [_post(api, f"T{n}") for n in range(5)]
    reader = Reader(client, BLOG, "203.0.113.202")
    seen = [
        c["id"]
        for page in reader.pages(sort="newest", limit=2, between=lambda n: _post(api, f"new {n}"))
        for c in page
    ]
    assert seen == ids[::-1]


def test_a_reply_to_a_comment_readers_do_not_see_stays_at_the_top(api, admin, thread):
    orphan_parent = _post(api, "D")
    _post(api, "D1", orphan_parent)
    admin.moderate("spam", orphan_parent)
    for sort in ("newest", "top"):
        texts = _texts(api.thread(sort=sort).get_json()["comments"])
        assert "D1" in texts and "D" not in texts
        assert sorted(texts) == sorted(["A", "A1", "A1x", "B", "C", "C1", "D1"])


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"sort": "best"}, "invalid_sort"),
        ({"sort": "top", "cursor": "bm9wZQ"}, "invalid_cursor"),
        ({"since": "abc"}, "invalid_since"),
        ({"since": "0"}, "invalid_since"),
        ({"since": str(2**70)}, "invalid_since"),
    ],
)
def test_bad_sort_parameters_are_refused(api, params, error):
    response = api.thread(**params)
    assert response.status_code == 400
    assert response.get_json()["error"] == error


@pytest.mark.parametrize(
    ("made", "used"), [("top", "newest"), ("newest", "oldest"), ("oldest", "top")]
)
def test_a_cursor_of_another_sort_is_refused(api, made, used):
    for n in range(3):
        _post(api, f"T{n}")
    cursor = api.thread(sort=made, limit=1).get_json()["next"]
    response = api.thread(sort=used, cursor=cursor)
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_cursor"


def test_the_read_cache_and_etag_are_kept_per_sort(api, client, thread):
    tags = {sort: api.thread(sort=sort).headers["ETag"] for sort in ("oldest", "newest", "top")}
    assert len(set(tags.values())) == 3
    assert _texts(api.thread(sort="newest").get_json()["comments"])[0] == "C"
    assert _texts(api.thread(sort="oldest").get_json()["comments"])[0] == "A"


def test_since_answers_the_comments_after_the_newest_a_reader_has(api, thread):
    newest = max(c["id"] for c in api.thread().get_json()["comments"])
    assert api.thread(since=newest).get_json()["comments"] == []
    reply = _post(api, "late reply", thread["B"])
    late = _post(api, "late")
    body = api.thread(since=newest).get_json()
    assert [c["id"] for c in body["comments"]] == [reply, late]
    assert body["next"] is None


@pytest.mark.parametrize("sort", ["oldest", "newest", "top"])
def test_the_first_page_names_the_threads_newest_id_however_many_pages(api, thread, sort):
    """Live news on a long thread: the page holds only its first page, yet asks `since=`
    the thread's newest comment and gets exactly what was posted afterwards."""
    newest = max(thread.values()) + 2  # the reply C1 came last
    first = api.thread(sort=sort, limit=1).get_json()
    assert first["next"] is not None
    assert first["newest_id"] == newest
    assert api.thread(sort=sort, limit=1, cursor=first["next"]).get_json()["newest_id"] is None
    whole = api.thread(sort=sort).get_json()
    assert whole["next"] is None and whole["newest_id"] == newest  # taken from the page
    late = _post(api, "late")
    body = api.thread(since=first["newest_id"], sort=sort).get_json()
    assert [c["id"] for c in body["comments"]] == [late]
    assert body["newest_id"] is None
    assert api.thread(sort=sort, limit=1).get_json()["newest_id"] == late


def test_an_empty_thread_has_no_newest_id(api):
    assert api.thread().get_json()["newest_id"] is None


@pytest.mark.parametrize("sort", ["newest", "top"])
def test_a_cached_sorted_read_runs_one_statement_and_a_missed_one_a_few(app, api, sort):
    from tests.test_statement_counts import statements

    _post(api, "A")
    _post(api, "A1", _post(api, "B"))
    with statements(app) as missed:
        api.thread(sort=sort)
    with statements(app) as cached:
        api.thread(sort=sort)
    assert len(cached) == 1, cached  # the sites counter and the thread's version
    assert len(missed) <= 4, missed  # that, the top-level comments, their replies
