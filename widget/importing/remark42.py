"""Remark42's backup (`remark42 backup`): gzip of JSON lines, a meta line, then one comment a line.

The meta line lists the site's users (blocked or not) and posts (read-only or not); each comment
line is Remark42's stored comment: `id`, `pid` (its parent, "" at the top), `text` (sanitised
HTML), `user` (`name`, `id`, `admin`; `ip` is a keyed hash, not an address), `locator.url`
and `locator.site` (the install its ids are unique in), `time`, `delete`, `pin`, `edit.time`,
`title`. Comments come grouped by post, oldest first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import BinaryIO

from widget.i18n import gettext as _

from .jsonstream import checked_stream
from .model import ImportRefused, IncomingComment, IncomingThread
from .packed import lines, opened
from .xmlstream import parse_time


def read(open_stream: Callable[[], BinaryIO]) -> Iterator[tuple[IncomingThread, list]]:
    """The comments of each post, one post at a time (a post's comments are consecutive)."""
    with open_stream() as raw, opened(raw) as stream:
        # UTF-8 checked and a huge text cut (refused by its length, never held whole).
        numbered = lines(checked_stream(stream))
        closed, blocked = _meta(numbered)
        thread: IncomingThread | None = None
        comments: list[IncomingComment] = []
        for number, line in numbered:
            if not line.strip():
                continue
            record = _record(number, line)
            url = _text(_dict(record.get("locator")).get("url"))
            if thread is None or url != thread.link:
                if thread is not None:
                    yield thread, comments
                thread, comments = IncomingThread(link=url, closed=url in closed), []
            if not thread.title:
                thread.title = _text(record.get("title"))
            comments.append(_comment(record, blocked))
        if thread is not None:
            yield thread, comments


def _meta(lines: Iterator[tuple[int, bytes]]) -> tuple[set[str], set[str]]:
    """Read-only posts' URLs and blocked users' ids, from the first line."""
    for number, line in lines:
        if not line.strip():
            continue
        meta = _record(number, line)
        if "comments" in meta and "commenters" in meta:
            raise ImportRefused(
                _(
                    "This is a Commento export: use `tertulia import commento FILE`. "
                    "Nothing was imported."
                )
            )
        if "locator" in meta or not ({"version", "users", "posts"} & meta.keys()):
            raise ImportRefused(
                _(
                    "This is not a Remark42 backup: its first line must be the meta object "
                    "({example}). Nothing was imported.",
                    example='{"version":1,"users":[…],"posts":[…]}',
                )
            )
        if meta.get("version", 1) not in (0, 1):
            raise ImportRefused(
                _(
                    "This Remark42 backup is version {version}; "
                    "versions 0 and 1 can be read. Nothing was imported.",
                    version=repr(meta.get("version")),
                )
            )
        posts = [_dict(post) for post in _list(meta.get("posts"))]
        users = [_dict(user) for user in _list(meta.get("users"))]
        return (
            {_text(post.get("url")) for post in posts if post.get("read_only") is True},
            {
                _text(user.get("id"))
                for user in users
                if _dict(user.get("blocked")).get("status") is True
            },
        )
    raise ImportRefused(_("The file is empty: a Remark42 backup starts with its meta line."))


def _record(number: int, line: bytes) -> dict:
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise ImportRefused(
            # TRANSLATORS: {n} is a line number (not a count).
            _(
                "Line {n} is not JSON ({error}); a Remark42 backup has one JSON object a line. "
                "Nothing was imported.",
                n=number,
                error=exc,
            )
        ) from exc
    if not isinstance(record, dict):
        # TRANSLATORS: {n} is a line number (not a count).
        raise ImportRefused(_("Line {n} is not a JSON object. Nothing was imported.", n=number))
    return record


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _comment(record: dict, blocked: set[str]) -> IncomingComment:
    user = _dict(record.get("user"))
    locator = _dict(record.get("locator"))
    ref = _text(record.get("id"))
    if record.get("delete") is True:
        status = (
            "deleted"  # Remark42 blanks a deleted comment's text, and its author on a hard delete
        )
    elif _text(user.get("id")) in blocked:
        status = "pending"  # hidden there while its author is blocked: held for a moderator here
    else:
        status = "published"
    return IncomingComment(
        ref=ref,
        parent_ref=_text(record.get("pid")) or None,
        name=_text(user.get("name")) if status != "deleted" else "",
        email="",  # a backup has no emails
        website="",
        text=_text(record.get("text")),
        markup="html",
        created_at=parse_time(_text(record.get("time"))),  # None: reported
        status=status,
        edited_at=parse_time(_text(_dict(record.get("edit")).get("time"))),
        featured=record.get("pin") is True,
        staff=user.get("admin") is True,
        source=("remark42", ref[:300]) if ref else None,
        install=_text(locator.get("site")),  # the site id: comment ids are unique within it
    )
