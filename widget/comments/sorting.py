"""Pages of a thread in the reader's chosen order, and the comments since the last one seen.

`oldest` (the default) pages through every readable comment oldest first, flat, as
before. `newest` and `top` page through the top-level comments in their order (`top`:
most liked first, then oldest), each page carrying every reply below its comments,
oldest first. Their cursors hold the sort's own key (cursors.py): paging through any
sort gives every comment readable when the first page was read exactly once.
"""

from __future__ import annotations

from widget import storage
from widget.core.refusals import Refused
from widget.storage.ids import is_row_id
from widget.storage.models import Comment, utcnow

from .cursors import (
    decode_cursor,
    decode_sorted_cursor,
    encode_cursor,
    encode_newest_cursor,
    encode_top_cursor,
)

SORTS = ("oldest", "newest", "top")
# The page sizes a thread is cached at: a `limit` between them is rounded down to one, so
# that each thread has a few cached pages, not one per number a client can think of.
PAGE_SIZES = (1, 2, 3, 5, 10, 20, 50, 100, 200, 500)


def page_size(asked: int, default: int, maximum: int) -> int:
    """`asked` rounded down to the nearest of PAGE_SIZES, the default page size or the maximum."""
    steps = [size for size in (*PAGE_SIZES, default, maximum) if size <= asked]
    return max(steps, default=asked)


def sort_param(value: str | None) -> str:
    """The `sort` query parameter (default `oldest`), or 400."""
    if value is None or value == "":
        return "oldest"
    if value not in SORTS:
        message = "`sort` must be one of: oldest, newest, top."
        raise Refused("invalid_sort", message, {"sort": [message]})
    return value


def since_param(value: str | None) -> int | None:
    """The `since` query parameter: a comment id (the newest a reader has), or 400."""
    if value is None or value == "":
        return None
    if not (value.isascii() and value.isdigit() and is_row_id(int(value))):
        message = "`since` must be a comment id."
        raise Refused("invalid_since", message, {"since": [message]})
    return int(value)


def check_cursor(sort: str, cursor: str | None) -> object:
    """The decoded position of `cursor` for `sort` (checked before any cache is asked)."""
    if not cursor:
        return None
    if sort == "oldest":
        return decode_cursor(cursor)
    return decode_sorted_cursor(cursor, sort)


def read_page(
    thread_id: int | None, sort: str, position: object, limit: int, since: int | None = None
) -> tuple[list[Comment], str | None]:
    """The comments of one page (flat, parents before replies) and the next page's cursor."""
    if thread_id is None:
        return [], None
    if since is not None:
        return list(storage.list_listed_since(thread_id, since, limit)), None
    if sort == "oldest":
        comments = list(storage.list_visible(thread_id, position, limit + 1))
        if len(comments) <= limit:
            return comments, None
        last = comments[limit - 1]
        return comments[:limit], encode_cursor(last.created_at, last.id)
    if sort == "newest":
        roots = list(storage.list_newest_roots(thread_id, position, limit + 1))
        more = len(roots) > limit
        roots = roots[:limit]
        cursor = encode_newest_cursor(roots[-1].created_at, roots[-1].id) if more else None
        return _with_replies(thread_id, roots), cursor
    as_of, after = position if position is not None else (utcnow(), None)
    ranked = storage.list_top_roots(thread_id, as_of, after, limit + 1)
    more = len(ranked) > limit
    ranked = ranked[:limit]
    cursor = None
    if more:
        last, likes = ranked[-1]
        cursor = encode_top_cursor(as_of, likes, last.created_at, last.id)
    return _with_replies(thread_id, [comment for comment, _ in ranked]), cursor


def newest_id(thread_id: int | None, comments: list[Comment], complete: bool) -> int | None:
    """The newest id readers see in the thread: from the page when it holds the whole
    thread, else asked of the database (once per version: the page is cached)."""
    if thread_id is None:
        return None
    if complete:
        return max((comment.id for comment in comments), default=None)
    return storage.newest_listed_id(thread_id)


def _with_replies(thread_id: int, roots: list[Comment]) -> list[Comment]:
    """Each top-level comment followed by the replies below it, oldest first."""
    replies = storage.list_replies_below(thread_id, [root.id for root in roots])
    children: dict[int, list[Comment]] = {}
    for reply in replies:
        children.setdefault(reply.parent_id, []).append(reply)
    ordered: list[Comment] = []

    def walk(comment: Comment) -> None:
        ordered.append(comment)
        for child in children.get(comment.id, ()):
            walk(child)

    for root in roots:
        walk(root)
    return ordered
