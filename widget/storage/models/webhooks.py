"""Webhook endpoints of a site and the deliveries the sender claims from (the outbox's sibling)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from .sites import Site

# What an endpoint may subscribe to; README's "Webhooks" says when each one fires.
WEBHOOK_EVENTS = (
    "comment.created",
    "comment.held",
    "comment.published",
    "comment.removed",
    "comment.edited",
    "report.created",
    "notice.created",
    "notice.decided",
    "thread.closed",
)
# standard: Standard Webhooks JSON; slack: Slack's incoming-webhook JSON (text and a link).
WEBHOOK_FORMATS = ("standard", "slack")
DELIVERY_STATUSES = ("queued", "sending", "delivered", "failed")


class WebhookEndpoint(Base):
    """A URL of a site's that is sent the events it lists, signed with its own secret."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    # The URL as moderators see it: a Slack URL's secret path and any query are elided.
    url: Mapped[str] = mapped_column(String(2048))
    # The whole URL, sealed (core/sealing.py): a Slack incoming-webhook URL is a credential,
    # and any URL may carry a token. None only on rows stored before 0025, until
    # `db upgrade` seals them.
    target: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(10), default="standard")
    # The subscribed events, separated by spaces (a subset of WEBHOOK_EVENTS).
    events: Mapped[str] = mapped_column(Text)
    # The signing secret (`whsec_…`), sealed with a key derived from SECRET_KEY
    # (core/sealing.py): shown once, never stored in the clear.
    secret: Mapped[str] = mapped_column(Text)
    # Its first characters, so a moderator can tell which secret a receiver holds.
    secret_hint: Mapped[str] = mapped_column(String(16))
    # After a rotation the old secret signs too, until then: receivers switch unhurried.
    previous_secret: Mapped[str | None] = mapped_column(Text)
    previous_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    site: Mapped[Site] = relationship()

    @property
    def event_list(self) -> list[str]:
        return self.events.split()


class WebhookDelivery(Base):
    """One message for one endpoint, written in the transaction of its event, sent later.

    `message_id` is the `webhook-id` header: the same on every attempt (and on every
    endpoint the event goes to), so a receiver processes each message once.
    """

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        # The senders' claim: due deliveries, oldest first.
        Index("ix_webhook_deliveries_status_due", "status", "next_attempt_at"),
        UniqueConstraint("endpoint_id", "message_id", name="uq_webhook_deliveries_message"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    endpoint_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[str] = mapped_column(String(40))
    event: Mapped[str] = mapped_column(String(40))
    # The comment it tells of: erasing its author's data deletes the delivery too.
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="SET NULL"), index=True
    )
    # The request body exactly as sent (and signed) on every attempt.
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Which sender holds it, until when: a crashed sender's claim runs out.
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The receiver's HTTP status of the last attempt (None: no answer).
    response_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
