"""Readers' mail addresses and subscriptions, and the outbox the senders claim from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow

# confirm: double opt-in; reply: a reply to a subscriber; held: a comment waits (moderators).
MAIL_KINDS = ("confirm", "reply", "held", "notice", "decision", "ladder")
MAIL_STATUSES = ("queued", "sending", "sent", "failed")


class MailAddress(Base):
    """A reader's email that asked for notifications; nothing is mailed to it unconfirmed."""

    __tablename__ = "mail_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    # The language of the latest request: mail to this address is written in it.
    lang: Mapped[str] = mapped_column(String(5), default="en")
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Subscription(Base):
    """Replies to this address's comments in this thread are mailed (once it is confirmed)."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("address_id", "thread_id", name="uq_subscriptions_address_thread"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    address_id: Mapped[int] = mapped_column(ForeignKey("mail_addresses.id", ondelete="CASCADE"))
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboxMessage(Base):
    """One mail, written in the transaction of the event that caused it, sent later."""

    __tablename__ = "mail_outbox"
    __table_args__ = (
        # The senders' claim: due messages, oldest first.
        Index("ix_mail_outbox_status_due", "status", "next_attempt_at"),
        # Confirmation mails per address per day; no reply mailed twice.
        Index("ix_mail_outbox_recipient_kind", "recipient", "kind", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    recipient: Mapped[str] = mapped_column(String(320))
    # The whole message as sent (RFC 5322, ASCII: headers encoded, parts quoted-printable).
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Which sender holds it, until when: a crashed sender's claim runs out.
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(Text, default="")
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
