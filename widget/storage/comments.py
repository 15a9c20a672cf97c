"""Queries about comments as readers and authors see them."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, bindparam, func, insert, or_, select
from sqlalchemy.orm import make_transient_to_detached

from .database import db
from .ids import is_row_id
from .models import Comment, Thread, utcnow


def list_visible(
    thread_id: int, after: tuple[datetime, int] | None, limit: int
) -> Sequence[Comment]:
    """Up to `limit` comments readers see, oldest first, after the keyset position `after`.

    Readers see published comments, and deleted ones that have replies: those stay
    in place as "This comment was deleted." so their replies keep their context.
    Which is which was decided at write time (`listed`, see versions.thread_changed).
    """
    query = select(Comment).where(Comment.thread_id == thread_id, Comment.listed.is_(True))
    if after is not None:
        created_at, comment_id = after
        query = query.where(
            or_(
                Comment.created_at > created_at,
                and_(Comment.created_at == created_at, Comment.id > comment_id),
            )
        )
    return db.session.scalars(query.order_by(Comment.created_at, Comment.id).limit(limit)).all()


def list_own_unpublished(thread_id: int, token_hashes: Sequence[str]) -> Sequence[Comment]:
    """The comments of this thread, held for moderation (or shadow: moderation/ladder.py),
    whose edit tokens are given."""
    return db.session.scalars(
        select(Comment)
        .where(
            Comment.thread_id == thread_id,
            Comment.edit_token_hash.in_(list(token_hashes)),
            Comment.status.in_(("pending", "spam", "shadow")),
        )
        .order_by(Comment.created_at, Comment.id)
    ).all()


def find_comment(comment_id: int) -> Comment | None:
    return db.session.get(Comment, comment_id) if is_row_id(comment_id) else None


@dataclass(frozen=True)
class Poster:
    """Who is posting what, where: what the flood limits count stored comments by."""

    email: str
    client_key: str
    thread_id: int | None
    text: str


# The poster's values are bound at execution: each statement is built once per process.
_EMAIL, _CLIENT = bindparam("email"), bindparam("client_key")
_THREAD, _TEXT = bindparam("thread_id"), bindparam("text")


def _counted(kind: str):
    """The comments a limit of `kind` counts (within the poster's email-or-client set)."""
    if kind == "client":
        return Comment.client_key == _CLIENT
    if kind == "email":
        return Comment.email == _EMAIL
    if kind == "thread":  # new top-level comments in this thread from this client
        return and_(
            Comment.client_key == _CLIENT, Comment.thread_id == _THREAD, Comment.parent_id.is_(None)
        )
    if kind == "duplicate":  # the same text in this thread
        return and_(Comment.thread_id == _THREAD, Comment.text == _TEXT)
    raise ValueError(kind)


def _of_poster():
    return or_(Comment.email == _EMAIL, Comment.client_key == _CLIENT)


def _values(poster: Poster) -> dict:
    return {
        "email": poster.email,
        "client_key": poster.client_key,
        "thread_id": poster.thread_id,
        "text": poster.text,
    }


@functools.cache
def _count_statement(kinds: tuple[str, ...]):
    columns = [
        func.count().filter(_counted(kind), Comment.created_at >= bindparam(f"since_{n}"))
        for n, kind in enumerate(kinds)
    ]
    return select(*columns).where(_of_poster(), Comment.created_at >= bindparam("earliest"))


def count_recent(poster: Poster, windows: Sequence[tuple[str, datetime]]) -> list[int]:
    """For each (kind, since): how many stored comments of `poster` that kind counts.

    One statement, counted by the database (a busy address may have thousands of rows
    in a window); run it inside the transaction that holds the poster's lock
    (`begin_locked`), so that each count is exact.
    """
    if not windows:
        return []
    values = _values(poster)
    values.update({f"since_{n}": since for n, (_, since) in enumerate(windows)})
    values["earliest"] = min(since for _, since in windows)
    statement = _count_statement(tuple(kind for kind, _ in windows))
    counts = db.session.connection().execute(statement, values).one()
    return [int(count or 0) for count in counts]


def nth_newest_time(poster: Poster, kind: str, since: datetime, n: int) -> datetime | None:
    """When the `n`-th newest comment a limit of `kind` counts was posted (for Retry-After)."""
    return db.session.scalar(
        select(Comment.created_at)
        .where(_of_poster(), _counted(kind), Comment.created_at >= since)
        .order_by(Comment.created_at.desc())
        .offset(n - 1)
        .limit(1),
        _values(poster),
    )


# A new comment's row: every column but the id, with the model's defaults (None where it
# has none), so that one INSERT (its compiled form cached) writes it and the object is
# whole without reloading. The fields a comment must have are given by the caller.
_NEW_COMMENT = {
    column.name: column.default.arg
    if column.default is not None and column.default.is_scalar
    else None
    for column in Comment.__table__.columns
    if not column.primary_key
}
_INSERT_COMMENT = insert(Comment.__table__)


def add_comment(thread: Thread, **fields) -> Comment:
    """Add a comment (fields already validated and rendered); the use case commits.

    One INSERT on the session's connection, without the unit of work (the hot path of
    every post); the comment is then a persistent object with every column loaded.
    """
    listed = fields.get("status") == "published"  # see versions.thread_changed
    row = {**_NEW_COMMENT, **fields, "thread_id": thread.id, "created_at": utcnow()}
    row["listed"] = listed
    session = db.session
    result = session.connection().execute(_INSERT_COMMENT, row)
    comment = Comment(id=result.inserted_primary_key[0], **row)
    make_transient_to_detached(comment)
    session.add(comment)
    return comment


def comments_after(after_id: int, limit: int) -> Sequence[Comment]:
    """Every comment with a larger id, in id order, a batch at a time (for re-rendering)."""
    return db.session.scalars(
        select(Comment).where(Comment.id > after_id).order_by(Comment.id).limit(limit)
    ).all()
