"""Queries of mail: readers' addresses and subscriptions, and the outbox the senders claim from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from .database import db
from .ids import is_row_id
from .models import MailAddress, Moderator, OutboxMessage, Subscription, utcnow
from .outbox import claim_due, finish_claimed, note_queued

# ---- readers' addresses and subscriptions ------------------------------------


def find_mail_address(email: str) -> MailAddress | None:
    return db.session.scalars(select(MailAddress).where(MailAddress.email == email)).first()


def find_mail_address_by_id(address_id: int) -> MailAddress | None:
    return db.session.get(MailAddress, address_id) if is_row_id(address_id) else None


def _insert_or_ignore(model, conflict: list[str], **values) -> None:
    """INSERT … ON CONFLICT DO NOTHING: two requests at once never collide on a unique key."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(
        insert(model).values(**values).on_conflict_do_nothing(index_elements=conflict)
    )


def get_or_add_mail_address(email: str, lang: str) -> MailAddress:
    """The address's row, added (unconfirmed) if it is new."""
    _insert_or_ignore(MailAddress, ["email"], email=email, lang=lang, created_at=utcnow())
    return find_mail_address(email)


def add_subscription(address_id: int, thread_id: int) -> None:
    """Subscribe the address to replies in the thread (once; again is a no-op)."""
    _insert_or_ignore(
        Subscription,
        ["address_id", "thread_id"],
        address_id=address_id,
        thread_id=thread_id,
        created_at=utcnow(),
    )


def delete_subscriptions(address_id: int, thread_id: int | None = None) -> int:
    """Remove the address's subscription to one thread, or all of them; returns how many."""
    query = delete(Subscription).where(Subscription.address_id == address_id)
    if thread_id is not None:
        query = query.where(Subscription.thread_id == thread_id)
    return db.session.execute(query).rowcount


def find_confirmed_subscriber(email: str, thread_id: int) -> MailAddress | None:
    """The address, if it is confirmed and subscribed to this thread."""
    return db.session.scalars(
        select(MailAddress)
        .join(Subscription, Subscription.address_id == MailAddress.id)
        .where(
            MailAddress.email == email,
            MailAddress.confirmed_at.is_not(None),
            Subscription.thread_id == thread_id,
        )
    ).first()


def list_mail_moderators() -> Sequence[Moderator]:
    """Moderators who want a mail when a comment is held."""
    return db.session.scalars(
        select(Moderator).where(Moderator.mail_held.is_(True)).order_by(Moderator.id)
    ).all()


# ---- the outbox ----------------------------------------------------------------


def add_outbox_message(
    kind: str, recipient: str, message: str, comment_id: int | None = None
) -> OutboxMessage:
    """Queue a message in the current transaction (it is sent only if that commits)."""
    now = utcnow()
    row = OutboxMessage(
        kind=kind,
        recipient=recipient,
        message=message,
        comment_id=comment_id,
        status="queued",
        attempts=0,
        next_attempt_at=now,
        last_error="",
        created_at=now,
    )
    db.session.add(row)
    note_queued()  # once this transaction commits, this process's sender is woken
    db.session.flush()
    return row


def count_mail_since(recipient: str, kind: str | tuple[str, ...], since: datetime) -> int:
    """Messages of this kind (or kinds) queued for this recipient since `since` (sent or not)."""
    kinds = (kind,) if isinstance(kind, str) else kind
    return db.session.scalar(
        select(func.count(OutboxMessage.id)).where(
            OutboxMessage.recipient == recipient,
            OutboxMessage.kind.in_(kinds),
            OutboxMessage.created_at >= since,
        )
    )


def has_mail_about(kind: str, recipient: str, comment_id: int) -> bool:
    """Was this recipient already mailed (or queued a mail) of this kind about this comment?"""
    return (
        db.session.scalar(
            select(OutboxMessage.id)
            .where(
                OutboxMessage.kind == kind,
                OutboxMessage.recipient == recipient,
                OutboxMessage.comment_id == comment_id,
            )
            .limit(1)
        )
        is not None
    )


def claim_due_mail(claim: str, now: datetime, until: datetime, limit: int) -> list[int]:
    """Mark up to `limit` due messages as this sender's, in one statement; their ids."""
    return claim_due(OutboxMessage, claim, now, until, limit)


def find_claimed_mail(ids: Sequence[int], claim: str) -> Sequence[OutboxMessage]:
    return db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.id.in_(list(ids)), OutboxMessage.claim == claim)
        .order_by(OutboxMessage.id)
    ).all()


def finish_mail(
    message_id: int,
    claim: str,
    *,
    status: str,
    error: str = "",
    next_attempt_at: datetime | None = None,
    sent_at: datetime | None = None,
) -> bool:
    """Record how an attempt ended, if this sender still holds the claim; committed."""
    values: dict = {"status": status, "last_error": error}
    if next_attempt_at is not None:
        values["next_attempt_at"] = next_attempt_at
    if sent_at is not None:
        values["sent_at"] = sent_at
    return finish_claimed(OutboxMessage, message_id, claim, **values)


def list_outbox(status: str | None, limit: int = 100) -> Sequence[OutboxMessage]:
    """Messages for the admin, newest first."""
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if status:
        query = query.where(OutboxMessage.status == status)
    return db.session.scalars(query).all()


def count_outbox_by_status() -> dict[str, int]:
    rows = db.session.execute(
        select(OutboxMessage.status, func.count(OutboxMessage.id)).group_by(OutboxMessage.status)
    ).all()
    return {status: count for status, count in rows}


def count_failed_mail() -> int:
    return db.session.scalar(
        select(func.count(OutboxMessage.id)).where(OutboxMessage.status == "failed")
    )


def find_outbox_message(message_id: int) -> OutboxMessage | None:
    return db.session.get(OutboxMessage, message_id) if is_row_id(message_id) else None


def requeue_mail(message: OutboxMessage) -> None:
    """A message set back to queued: wake the sender once this transaction commits."""
    note_queued()
