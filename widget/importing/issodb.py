"""Isso's own database (`comments.db`, SQLite), opened read-only: what an Isso site has.

Tables `threads` (id, uri, title) and `comments` (tid, id, parent, created, modified, mode,
remote_addr, text, author, email, website, likes, …). `mode` 1 is accepted, 2 waits for a
moderator, 4 was deleted but kept (text and author blanked) because it has replies. Times are
Unix seconds; `remote_addr` is already masked by Isso; `likes` is a count (`voters` is a Bloom
filter of addresses: nothing to carry over).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import quote

from .cleaning import longest_text
from .model import ImportRefused, IncomingComment, IncomingThread

MAGIC = b"SQLite format 3\x00"
STATUSES = {1: "published", 2: "pending", 4: "deleted"}
LIKES_MAX = 100_000  # a count from a file: bounded, as the rows it becomes
COLUMNS = "id, parent, created, modified, mode, remote_addr, author, email, website, likes"
NOT_ISSO = (
    "{path} is an SQLite database, but not Isso's comments.db ({error}). Nothing was imported."
)


def is_sqlite(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def read(path: str) -> Iterator[tuple[IncomingThread, list[IncomingComment]]]:
    """Each thread with its comments, oldest first, from a database opened read-only."""
    uri = f"file:{quote(os.path.abspath(path))}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise ImportRefused(NOT_ISSO.format(path=path, error=exc)) from exc
    try:
        install = _install(connection, path)
        cap = longest_text()
        threads = connection.execute("SELECT id, uri, title FROM threads ORDER BY id").fetchall()
        for thread_id, uri, title in threads:
            # A text longer than the cap is cut to cap + 1 in SQLite: refused later, never
            # read whole.
            rows = connection.execute(
                f"SELECT {COLUMNS}, CASE WHEN length(text) > ? THEN substr(text, 1, ?) "
                "ELSE text END FROM comments WHERE tid = ? ORDER BY id",
                (cap, cap + 1, thread_id),
            )
            thread = IncomingThread(link=str(uri or ""), title=str(title or ""))
            yield thread, [_comment(row, install) for row in rows]
    except sqlite3.Error as exc:
        raise ImportRefused(NOT_ISSO.format(path=path, error=exc)) from exc
    finally:
        connection.close()


def _install(connection: sqlite3.Connection, path: str) -> str:
    """Which Isso: a hash of its session key (made once per install, kept in a copy of the
    file), else the file's absolute path. The key itself signs Isso's cookies: never stored."""
    try:
        row = connection.execute(
            "SELECT value FROM preferences WHERE key = 'session-key'"
        ).fetchone()
    except sqlite3.Error:
        row = None
    if row and row[0]:
        return "isso:" + hashlib.sha256(str(row[0]).encode()).hexdigest()[:16]
    return os.path.abspath(path)


def _time(value: object) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(value), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _comment(row: tuple, install: str) -> IncomingComment:
    comment_id, parent, created, modified, mode, address, author, email, website, likes, text = row
    try:
        likes = min(max(int(likes or 0), 0), LIKES_MAX)
    except (TypeError, ValueError):
        likes = 0
    return IncomingComment(
        ref=str(comment_id),
        parent_ref=None if parent is None else str(parent),
        name=_text(author),
        email=_text(email),
        website=_text(website),
        text=_text(text),  # Markdown, as ours
        created_at=_time(created),  # None: reported
        edited_at=_time(modified) if modified is not None else None,
        status=STATUSES.get(mode, "pending"),  # an unknown mode waits for a moderator
        address=_text(address),
        likes=likes,
        source=("isso", str(comment_id)),
        install=install,
    )
