"""Queries about comments as readers and authors see them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, or_, select

from ..extensions import db
from ..models import Comment, Thread, utcnow
from .ids import is_row_id


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
    """The comments of this thread, held for moderation, whose edit tokens are given."""
    return db.session.scalars(
        select(Comment)
        .where(
            Comment.thread_id == thread_id,
            Comment.edit_token_hash.in_(list(token_hashes)),
            Comment.status.in_(("pending", "spam")),
        )
        .order_by(Comment.created_at, Comment.id)
    ).all()


def find_comment(comment_id: int) -> Comment | None:
    return db.session.get(Comment, comment_id) if is_row_id(comment_id) else None


def email_has_status(site_id: int, email: str, status: str) -> bool:
    """Has this email a comment of `status` anywhere on the site?"""
    return (
        db.session.scalar(
            select(Comment.id)
            .join(Thread)
            .where(Thread.site_id == site_id, Comment.email == email, Comment.status == status)
            .limit(1)
        )
        is not None
    )


def has_recent_duplicate(
    thread_id: int, text: str, email: str, network: str, since: datetime
) -> bool:
    """Did this email or network post exactly this text to the thread since `since`?"""
    return (
        db.session.scalar(
            select(Comment.id)
            .where(
                Comment.thread_id == thread_id,
                Comment.created_at >= since,
                Comment.text == text,
                or_(Comment.email == email, Comment.network == network),
            )
            .limit(1)
        )
        is not None
    )


def recent_times(
    *,
    since: datetime,
    email: str | None = None,
    thread_id: int | None = None,
    network: str | None = None,
    top_level: bool = False,
) -> list[datetime]:
    """When the matching comments since `since` were posted, oldest first (flood limits)."""
    query = select(Comment.created_at).where(Comment.created_at >= since)
    if email is not None:
        query = query.where(Comment.email == email)
    if thread_id is not None:
        query = query.where(Comment.thread_id == thread_id)
    if network is not None:
        query = query.where(Comment.network == network)
    if top_level:
        query = query.where(Comment.parent_id.is_(None))
    return list(db.session.scalars(query.order_by(Comment.created_at)))


def add_comment(thread: Thread, **fields) -> Comment:
    """Add a comment (fields already validated and rendered); the use case commits."""
    listed = fields.get("status") == "published"  # see versions.thread_changed
    comment = Comment(thread_id=thread.id, created_at=utcnow(), listed=listed, **fields)
    db.session.add(comment)
    db.session.flush()
    return comment


def rollback() -> None:
    db.session.rollback()


def commit() -> None:
    db.session.commit()


def comments_after(after_id: int, limit: int) -> Sequence[Comment]:
    """Every comment with a larger id, in id order, a batch at a time (for re-rendering)."""
    return db.session.scalars(
        select(Comment).where(Comment.id > after_id).order_by(Comment.id).limit(limit)
    ).all()
