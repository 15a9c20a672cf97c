"""Queries of commenters' personal data: find it by email, erase it, prune it with age."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, exists, func, or_, select, update
from sqlalchemy.orm import aliased, joinedload

from .database import db
from .models import (
    AuditEntry,
    Ban,
    Comment,
    MailAddress,
    OutboxMessage,
    Subscription,
    Thread,
    utcnow,
)


def list_comments_by_email(email: str) -> Sequence[Comment]:
    """Every comment written with this (normalised) email, with its thread, oldest first."""
    return db.session.scalars(
        select(Comment)
        .options(joinedload(Comment.thread).joinedload(Thread.site))
        .where(Comment.email == email)
        .order_by(Comment.created_at, Comment.id)
    ).all()


def delete_comments_without_replies(ids: Sequence[int]) -> int:
    """Delete those of `ids` that no comment replies to; returns how many went."""
    child = aliased(Comment)
    result = db.session.execute(
        delete(Comment)
        .where(Comment.id.in_(list(ids)))
        .where(~exists().where(child.parent_id == Comment.id))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def blank_comments(ids: Sequence[int]) -> int:
    """Turn comments into the "deleted" placeholder with nothing of their author left."""
    result = db.session.execute(
        update(Comment)
        .where(Comment.id.in_(list(ids)))
        .values(
            status="deleted",
            name="",
            email="",
            website=None,
            text="",
            html="",
            avatar="",
            network="",
            user_agent="",
            client_key=None,
            commenter_key=None,
            pending_text=None,
            pending_html=None,
            site_user_id=None,  # a verified commenter's, too (issue 23)
            badges="",
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def list_bans_by_email(email: str) -> Sequence[Ban]:
    return db.session.scalars(select(Ban).where(Ban.email == email).order_by(Ban.id)).all()


def delete_bans_by_email(email: str) -> int:
    return db.session.execute(delete(Ban).where(Ban.email == email)).rowcount


def list_subscribed_thread_urls(address_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(Thread.url)
            .join(Subscription, Subscription.thread_id == Thread.id)
            .where(Subscription.address_id == address_id)
            .order_by(Subscription.id)
        )
    )


def delete_mail_address(email: str) -> int:
    """Delete the notification address and its subscriptions; returns 1 or 0."""
    address_ids = select(MailAddress.id).where(MailAddress.email == email).scalar_subquery()
    db.session.execute(delete(Subscription).where(Subscription.address_id.in_(address_ids)))
    return db.session.execute(delete(MailAddress).where(MailAddress.email == email)).rowcount


def list_mail_to(recipients: Sequence[str]) -> Sequence[OutboxMessage]:
    return db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.recipient.in_(recipients))
        .order_by(OutboxMessage.id)
    ).all()


def delete_mail_to(recipients: Sequence[str]) -> int:
    """Delete every message to these recipients, queued or sent (a queued one is not sent)."""
    return db.session.execute(
        delete(OutboxMessage).where(OutboxMessage.recipient.in_(recipients))
    ).rowcount


def list_audit_mentioning(text: str) -> Sequence[AuditEntry]:
    return db.session.scalars(
        select(AuditEntry).where(AuditEntry.detail.contains(text, autoescape=True))
    ).all()


def scrub_audit(text: str, replacement: str) -> int:
    """Replace `text` in every audit entry's detail (the log stays; the address goes)."""
    return db.session.execute(
        update(AuditEntry)
        .where(AuditEntry.detail.contains(text, autoescape=True))
        .values(detail=func.replace(AuditEntry.detail, text, replacement))
        .execution_options(synchronize_session=False)
    ).rowcount


def record_event(actor: str, action: str, detail: str, moderator_id: int | None = None) -> None:
    """An audit entry for an action that is not about one comment (erasure, prune)."""
    db.session.add(
        AuditEntry(
            moderator_id=moderator_id,
            moderator_email=actor,
            action=action,
            detail=detail,
            created_at=utcnow(),
        )
    )


def clear_networks_before(cutoff: datetime) -> int:
    """Clear the truncated network, address hash and browser of comments before `cutoff`."""
    return db.session.execute(
        update(Comment)
        .where(Comment.created_at < cutoff)
        .where(
            or_(Comment.network != "", Comment.user_agent != "", Comment.client_key.is_not(None))
        )
        .values(network="", user_agent="", client_key=None)
        .execution_options(synchronize_session=False)
    ).rowcount
