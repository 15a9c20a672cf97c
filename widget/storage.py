"""Every query of the service lives here; handlers never touch the session."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from .extensions import db
from .models import Ban, Comment, Site, SiteOrigin, Thread, utcnow

# ---- sites -----------------------------------------------------------------


def find_site_by_origin(origin: str) -> Site | None:
    """The site that registered `origin`, if any."""
    return db.session.scalars(
        select(Site).join(SiteOrigin).where(SiteOrigin.origin == origin)
    ).first()


def find_site(site_id: int) -> Site | None:
    return db.session.get(Site, site_id)


def list_sites() -> Sequence[Site]:
    return db.session.scalars(select(Site).order_by(Site.id)).all()


def taken_origins(origins: Iterable[str]) -> list[str]:
    """Which of `origins` some site registered already."""
    return list(
        db.session.scalars(select(SiteOrigin.origin).where(SiteOrigin.origin.in_(list(origins))))
    )


def create_site(name: str, origins: Sequence[str], moderation: str) -> Site:
    """Register a site with its origins (already normalised and free)."""
    site = Site(name=name, moderation=moderation)
    site.origins = [SiteOrigin(origin=origin) for origin in origins]
    db.session.add(site)
    db.session.commit()
    return site


# ---- threads ---------------------------------------------------------------


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


# ---- comments --------------------------------------------------------------


def list_published(
    thread_id: int, after: tuple[datetime, int] | None, limit: int
) -> Sequence[Comment]:
    """Up to `limit` published comments, oldest first, after the keyset position `after`."""
    query = select(Comment).where(Comment.thread_id == thread_id, Comment.status == "published")
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
    return db.session.get(Comment, comment_id)


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


def find_active_ban(email: str, network: str) -> Ban | None:
    """A ban on this email or network that has not expired."""
    now = utcnow()
    return db.session.scalars(
        select(Ban)
        .where(or_(Ban.email == email, Ban.network == network))
        .where(or_(Ban.expires_at.is_(None), Ban.expires_at > now))
        .limit(1)
    ).first()


def add_ban(
    *,
    email: str | None = None,
    network: str | None = None,
    note: str = "",
    expires_at: datetime | None = None,
) -> Ban:
    ban = Ban(email=email, network=network, note=note, expires_at=expires_at)
    db.session.add(ban)
    db.session.commit()
    return ban


def add_comment(thread: Thread, **fields) -> Comment:
    """Store a comment (fields already validated and rendered) and commit."""
    comment = Comment(thread_id=thread.id, created_at=utcnow(), **fields)
    db.session.add(comment)
    db.session.commit()
    return comment


def rollback() -> None:
    db.session.rollback()
