"""Queries about threads: one per article, created by its first comment."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import and_, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..models import Comment, Thread, utcnow
from .ids import is_row_id


def find_thread(site_id: int, key: str) -> Thread | None:
    return db.session.scalars(
        select(Thread).where(Thread.site_id == site_id, Thread.key == key)
    ).first()


def get_or_create_thread(site_id: int, key: str, url: str, title: str) -> Thread:
    """The thread for `key`, created if missing; safe when two first comments race."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(Thread)
        .values(site_id=site_id, key=key, url=url, title=title, closed=False, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["site_id", "key"])
    )
    db.session.execute(statement)
    thread = find_thread(site_id, key)
    assert thread is not None
    if title and not thread.title:
        thread.title = title
    return thread


def count_published(thread_id: int) -> int:
    return db.session.scalar(
        select(func.count(Comment.id)).where(
            Comment.thread_id == thread_id, Comment.status == "published"
        )
    )


def count_published_by_url(site_id: int, urls: Iterable[str]) -> dict[str, int]:
    """Published comments per canonical page URL (threads with an explicit id included)."""
    rows = db.session.execute(
        select(Thread.url, func.count(Comment.id))
        .join(Comment, and_(Comment.thread_id == Thread.id, Comment.status == "published"))
        .where(Thread.site_id == site_id, Thread.url.in_(list(urls)))
        .group_by(Thread.url)
    )
    return {url: count for url, count in rows}


def find_thread_by_id(thread_id: int) -> Thread | None:
    return db.session.get(Thread, thread_id) if is_row_id(thread_id) else None


def list_threads(site_id: int, before_id: int | None, limit: int) -> Sequence[tuple]:
    """(thread, published count, pending count) of a site, newest thread first."""
    published = func.count(Comment.id).filter(Comment.status == "published")
    pending = func.count(Comment.id).filter(Comment.status == "pending")
    query = (
        select(Thread, published, pending)
        .outerjoin(Comment, Comment.thread_id == Thread.id)
        .where(Thread.site_id == site_id)
        .group_by(Thread.id)
        .order_by(Thread.id.desc())
        .limit(limit)
    )
    if before_id is not None:
        query = query.where(Thread.id < before_id)
    return db.session.execute(query).all()


def set_thread_closed(thread: Thread, closed: bool) -> None:
    thread.closed = closed
    db.session.flush()


def find_thread_by_url(site_id: int, url: str) -> Thread | None:
    """A site's thread for a page URL, whether its key is the URL or an explicit id."""
    return (
        find_thread(site_id, url)
        or db.session.scalars(
            select(Thread).where(Thread.site_id == site_id, Thread.url == url).order_by(Thread.id)
        ).first()
    )


def move_thread(thread: Thread, url: str) -> None:
    """Give a thread a new page URL (and key, when its key was its URL); flushed."""
    if thread.key == thread.url:
        thread.key = url
    thread.url = url
    db.session.flush()


def merge_threads(source: Thread, target: Thread) -> int:
    """Move every comment of `source` into `target`, then delete `source`; returns how many."""
    moved = db.session.execute(
        update(Comment)
        .where(Comment.thread_id == source.id)
        .values(thread_id=target.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if source.title and not target.title:
        target.title = source.title
    target.closed = target.closed or source.closed
    db.session.delete(source)
    db.session.flush()
    return moved
