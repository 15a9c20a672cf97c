"""Queries about readers' likes, and the readers' extras that read across a site."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update

from .database import db
from .models import Comment, CommentLike, Thread, utcnow


def _standing(comment_id: int, client_key: str, voter_key: str | None):
    keys = [CommentLike.client_key == client_key]
    if voter_key is not None:
        keys.append(CommentLike.voter_key == voter_key)
    return (
        CommentLike.comment_id == comment_id,
        CommentLike.removed_at.is_(None),
        or_(*keys),
    )


def has_standing_like(comment_id: int, client_key: str, voter_key: str | None) -> bool:
    """Has this reader (by address or by voter id) a like on the comment that stands?"""
    query = select(CommentLike.id).where(*_standing(comment_id, client_key, voter_key))
    return db.session.scalar(query.limit(1)) is not None


def add_like(comment: Comment, client_key: str, voter_key: str | None) -> None:
    """Store a like and recount the comment's; the use case commits."""
    db.session.add(
        CommentLike(
            comment_id=comment.id, client_key=client_key, voter_key=voter_key, created_at=utcnow()
        )
    )
    _recount(comment)


def remove_likes(comment: Comment, client_key: str, voter_key: str | None) -> None:
    """Withdraw the reader's standing likes (kept, marked removed) and recount."""
    db.session.execute(
        update(CommentLike)
        .where(*_standing(comment.id, client_key, voter_key))
        .values(removed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    _recount(comment)


def _recount(comment: Comment) -> None:
    db.session.flush()
    comment.likes = db.session.scalar(
        select(func.count(CommentLike.id)).where(
            CommentLike.comment_id == comment.id, CommentLike.removed_at.is_(None)
        )
    )
    db.session.flush()


def forget_likers_before(cutoff: datetime) -> int:
    """Blank who gave likes before `cutoff` (their keyed hashes); drop withdrawn ones."""
    db.session.execute(
        delete(CommentLike)
        .where(CommentLike.removed_at.is_not(None), CommentLike.removed_at < cutoff)
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(
        update(CommentLike)
        .where(CommentLike.created_at < cutoff, CommentLike.client_key != "")
        .values(client_key="", voter_key=None)
        .execution_options(synchronize_session=False)
    ).rowcount


def likes_as_of(thread_id: int, moment: datetime):
    """A subquery of (comment_id, n): the likes of a thread's comments standing at `moment`."""
    return (
        select(CommentLike.comment_id, func.count(CommentLike.id).label("n"))
        .join(Comment, Comment.id == CommentLike.comment_id)
        .where(
            Comment.thread_id == thread_id,
            CommentLike.created_at <= moment,
            or_(CommentLike.removed_at.is_(None), CommentLike.removed_at > moment),
        )
        .group_by(CommentLike.comment_id)
        .subquery()
    )


def list_latest_published(
    limit: int, *, site_id: int | None = None, thread_id: int | None = None
) -> Sequence[tuple[Comment, Thread]]:
    """The newest published comments of a site or a thread, newest first, with their thread."""
    query = select(Comment, Thread).join(Thread, Thread.id == Comment.thread_id)
    if site_id is not None:
        query = query.where(Thread.site_id == site_id)
    if thread_id is not None:
        query = query.where(Comment.thread_id == thread_id)
    query = query.where(Comment.status == "published")
    return db.session.execute(
        query.order_by(Comment.created_at.desc(), Comment.id.desc()).limit(limit)
    ).all()


def site_state(site_id: int) -> tuple[int, int]:
    """(threads, sum of their versions) of a site: changes with any write to any thread."""
    count, versions = db.session.execute(
        select(func.count(Thread.id), func.coalesce(func.sum(Thread.version), 0)).where(
            Thread.site_id == site_id
        )
    ).one()
    return int(count), int(versions)
