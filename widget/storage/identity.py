"""Queries about verified commenters (site_users) and their comments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import joinedload

from .database import db
from .ids import is_row_id
from .models import Comment, EmailSignIn, SiteUser, Thread


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


def add_email_sign_in(**values) -> EmailSignIn:
    """A reader's request to sign in by email (its nonce and poll key already hashed)."""
    request = EmailSignIn(**values)
    db.session.add(request)
    db.session.flush()
    return request


def find_email_sign_in(nonce_hash: str = "", poll_hash: str = "") -> EmailSignIn | None:
    """The request a mailed link (its nonce) or a waiting tab (its poll key) names."""
    column, value = (
        (EmailSignIn.nonce_hash, nonce_hash) if nonce_hash else (EmailSignIn.poll_hash, poll_hash)
    )
    # populate_existing: read again under the caller's lock, whatever the session holds
    query = select(EmailSignIn).where(column == value).execution_options(populate_existing=True)
    return db.session.scalars(query).first()


def count_email_sign_ins_since(network: str, since: datetime) -> int:
    """Requests from one client network since `since` (its cap)."""
    return db.session.scalar(
        select(func.count())
        .select_from(EmailSignIn)
        .where(EmailSignIn.network == network, EmailSignIn.created_at >= since)
    )


def list_email_sign_ins_by_email(email: str) -> Sequence[EmailSignIn]:
    """Sign-in requests by email for this address (for privacy requests)."""
    return db.session.scalars(
        select(EmailSignIn).where(EmailSignIn.email == email).order_by(EmailSignIn.id)
    ).all()


def delete_email_sign_ins(email: str | None = None, before: datetime | None = None) -> int:
    """Forget the sign-in requests of an address, or those asked before `before`."""
    query = delete(EmailSignIn)
    if email is not None:
        query = query.where(EmailSignIn.email == email)
    if before is not None:
        query = query.where(EmailSignIn.created_at < before)
    return db.session.execute(query.execution_options(synchronize_session=False)).rowcount
