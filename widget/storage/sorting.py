"""A thread read in another order than oldest first: top-level comments by a sort key,
each with its replies (oldest first) below it; and the comments that came after an id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from .database import db
from .likes import likes_as_of
from .models import Comment


def _roots(thread_id: int):
    """Listed comments whose parent readers do not see: the top level as readers see it."""
    parent = aliased(Comment)
    return (
        select(Comment)
        .outerjoin(parent, parent.id == Comment.parent_id)
        .where(
            Comment.thread_id == thread_id,
            Comment.listed.is_(True),
            or_(Comment.parent_id.is_(None), parent.listed.is_not(True)),
        )
    )


def list_newest_roots(
    thread_id: int, after: tuple[datetime, int] | None, limit: int
) -> Sequence[Comment]:
    """Up to `limit` top-level comments, newest first, after the keyset position `after`."""
    query = _roots(thread_id)
    if after is not None:
        created_at, comment_id = after
        query = query.where(
            or_(
                Comment.created_at < created_at,
                and_(Comment.created_at == created_at, Comment.id < comment_id),
            )
        )
    order = (Comment.created_at.desc(), Comment.id.desc())
    return db.session.scalars(query.order_by(*order).limit(limit)).all()


def list_top_roots(
    thread_id: int, as_of: datetime, after: tuple[int, datetime, int] | None, limit: int
) -> list[tuple[Comment, int]]:
    """Up to `limit` top-level comments with their likes at `as_of`: most liked first, then
    oldest; after the keyset position `after` = (likes, created_at, id)."""
    counts = likes_as_of(thread_id, as_of)
    rank = func.coalesce(counts.c.n, 0)
    query = _roots(thread_id).outerjoin(counts, counts.c.comment_id == Comment.id)
    query = query.add_columns(rank)
    if after is not None:
        likes, created_at, comment_id = after
        query = query.where(
            or_(
                rank < likes,
                and_(
                    rank == likes,
                    or_(
                        Comment.created_at > created_at,
                        and_(Comment.created_at == created_at, Comment.id > comment_id),
                    ),
                ),
            )
        )
    query = query.order_by(rank.desc(), Comment.created_at, Comment.id).limit(limit)
    return [(comment, int(n)) for comment, n in db.session.execute(query)]


def list_replies_below(thread_id: int, root_ids: Sequence[int]) -> Sequence[Comment]:
    """Every listed comment below the given ones (through listed parents), oldest first."""
    if not root_ids:
        return []
    below = (
        select(Comment.id)
        .where(Comment.thread_id == thread_id, Comment.id.in_(list(root_ids)))
        .cte("below", recursive=True)
    )
    child = aliased(Comment)
    below = below.union_all(
        select(child.id).where(child.parent_id == below.c.id, child.listed.is_(True))
    )
    return db.session.scalars(
        select(Comment)
        .where(Comment.id.in_(select(below.c.id)), Comment.id.not_in(list(root_ids)))
        .order_by(Comment.created_at, Comment.id)
    ).all()


def list_listed_since(thread_id: int, after_id: int, limit: int) -> Sequence[Comment]:
    """Listed comments of the thread with an id above `after_id`, oldest first (live news)."""
    return db.session.scalars(
        select(Comment)
        .where(Comment.thread_id == thread_id, Comment.listed.is_(True), Comment.id > after_id)
        .order_by(Comment.created_at, Comment.id)
        .limit(limit)
    ).all()


def newest_listed_id(thread_id: int) -> int | None:
    """The highest id among the comments readers see in the thread (live news starts there)."""
    return db.session.scalar(
        select(func.max(Comment.id)).where(Comment.thread_id == thread_id, Comment.listed.is_(True))
    )
