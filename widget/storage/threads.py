"""Queries about threads: one per article, created by its first comment."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from .database import db
from .ids import is_row_id
from .models import Comment, Thread, utcnow
from .versions import thread_changed

# Every post looks its thread up: built once, the values bound at execution.
_FIND_THREAD = select(Thread).where(
    Thread.site_id == bindparam("site_id"), Thread.key == bindparam("key")
)


def find_thread(site_id: int, key: str) -> Thread | None:
    return db.session.scalars(_FIND_THREAD, {"site_id": site_id, "key": key}).first()


def get_or_create_thread(site_id: int, key: str, url: str, title: str) -> Thread:
    """The thread for `key`, created if missing; safe when two first comments race."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(Thread).values(
        site_id=site_id, key=key, url=url, title=title, closed=False, created_at=utcnow()
    )
    # One statement either way: a racing first comment finds the row and gets it back
    # (the no-op update is what lets RETURNING answer on a conflict).
    statement = statement.on_conflict_do_update(
        index_elements=["site_id", "key"], set_={"key": statement.excluded.key}
    ).returning(Thread)
    thread = db.session.scalars(statement, execution_options={"populate_existing": True}).one()
    if title and not thread.title:
        thread.title = title
    return thread


def count_published_by_urls(pairs: Iterable[tuple[int, str]]) -> dict[tuple[int, str], int]:
    """Published comments per (site id, canonical page URL), threads with explicit ids included.

    One statement for every site at once; the counts are kept on the thread rows.
    """
    wanted = set(pairs)
    if not wanted:
        return {}
    sites = {site_id for site_id, _ in wanted}
    urls = {url for _, url in wanted}
    rows = db.session.execute(
        select(Thread.site_id, Thread.url, func.sum(Thread.published_count))
        .where(Thread.site_id.in_(sites), Thread.url.in_(urls))
        .group_by(Thread.site_id, Thread.url)
    )
    return {(site_id, url): int(count) for site_id, url, count in rows if (site_id, url) in wanted}


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
    # ---- read-model bookkeeping: readers see `closed` ----
    thread_changed(thread.id)
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


def answered_ids(thread_id: int, question_ids: Iterable[int]) -> set[int]:
    """Which of these comments have a published staff reply right under them (Q&A)."""
    ids = list(question_ids)
    if not ids:
        return set()
    return set(
        db.session.scalars(
            select(Comment.parent_id).where(
                Comment.thread_id == thread_id,
                Comment.parent_id.in_(ids),
                Comment.staff.is_(True),
                Comment.status == "published",
            )
        )
    )
