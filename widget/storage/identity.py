"""Queries about verified commenters (site_users) and their comments."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from .database import db
from .ids import is_row_id
from .models import Comment, SiteUser, Thread


def find_site_user(site_id: int, external_id: str) -> SiteUser | None:
    """The verified commenter a site knows by `external_id`."""
    return db.session.scalars(
        select(SiteUser).where(SiteUser.site_id == site_id, SiteUser.external_id == external_id)
    ).first()


def find_site_user_by_id(user_id: int) -> SiteUser | None:
    return db.session.get(SiteUser, user_id) if is_row_id(user_id) else None


def add_site_user(**values) -> SiteUser:
    """A new verified commenter (the caller holds the lock on its site and external id)."""
    user = SiteUser(**values)
    db.session.add(user)
    db.session.flush()
    return user


def list_site_users_by_email(email: str) -> Sequence[SiteUser]:
    """Every site's verified commenters with this address (for privacy requests)."""
    return db.session.scalars(
        select(SiteUser).where(SiteUser.email == email).order_by(SiteUser.id)
    ).all()


def user_statuses(user_id: int) -> set[str]:
    """Which of "published" and "spam" this verified commenter's comments have had."""
    return set(
        db.session.scalars(
            select(Comment.status)
            .where(Comment.site_user_id == user_id, Comment.status.in_(("published", "spam")))
            .distinct()
        )
    )


def list_user_comments(user_id: int, limit: int | None = 50) -> Sequence[Comment]:
    """A verified commenter's comments, newest first (all of them with `limit=None`)."""
    return db.session.scalars(
        select(Comment)
        .options(joinedload(Comment.thread).joinedload(Thread.site))
        .where(Comment.site_user_id == user_id)
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(limit)
    ).all()


def delete_site_user(user: SiteUser) -> None:
    """Forget a verified commenter; their comments stay, no longer tied to them."""
    db.session.execute(
        update(Comment)
        .where(Comment.site_user_id == user.id)
        .values(site_user_id=None)
        .execution_options(synchronize_session=False)
    )
    db.session.delete(user)
    db.session.flush()
