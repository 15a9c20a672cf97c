"""Queries about comments as readers and authors see them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


def email_statuses(site_id: int, email: str) -> set[str]:
    """Which of "published" and "spam" this email's comments on the site have had."""
    return set(
        db.session.scalars(
            select(Comment.status)
            .join(Thread)
            .where(
                Thread.site_id == site_id,
                Comment.email == email,
                Comment.status.in_(("published", "spam")),
            )
            .distinct()
        )
    )


@dataclass(frozen=True)
class RecentComment:
    """One comment of a client or an email in the limits' window: what the limits count."""

    created_at: datetime
    same_email: bool
    same_client: bool
    thread_id: int
    top_level: bool
    same_text: bool


def recent_activity(
    *, email: str, client_key: str, text: str, since: datetime
) -> list[RecentComment]:
    """Every comment since `since` from this email or this client, oldest first.

    One query serves the duplicate check and every per-email, per-address and per-thread
    limit; run it inside the transaction that holds their lock (`begin_locked`).
    """
    rows = db.session.execute(
        select(
            Comment.created_at,
            Comment.email == email,
            Comment.client_key == client_key,
            Comment.thread_id,
            Comment.parent_id.is_(None),
            Comment.text == text,
        )
        .where(
            Comment.created_at >= since,
            or_(Comment.email == email, Comment.client_key == client_key),
        )
        .order_by(Comment.created_at)
    )
    return [
        RecentComment(created_at, bool(email_), bool(client), thread_id, bool(top), bool(same))
        for created_at, email_, client, thread_id, top, same in rows
    ]


def add_comment(thread: Thread, **fields) -> Comment:
    """Add a comment (fields already validated and rendered); the use case commits."""
    listed = fields.get("status") == "published"  # see versions.thread_changed
    comment = Comment(thread_id=thread.id, created_at=utcnow(), listed=listed, **fields)
    db.session.add(comment)
    db.session.flush()
    return comment


def comments_after(after_id: int, limit: int) -> Sequence[Comment]:
    """Every comment with a larger id, in id order, a batch at a time (for re-rendering)."""
    return db.session.scalars(
        select(Comment).where(Comment.id > after_id).order_by(Comment.id).limit(limit)
    ).all()
