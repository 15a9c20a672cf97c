"""Tables of newsroom moderation: readers' reports, legal notices, why a comment was held."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from .comments import Comment

REPORT_REASONS = ("spam", "abuse", "off_topic")
# Why a comment waits (or was judged spam): one code per rule, with a detail (a word, a count).
HOLD_CODES = (
    "first",
    "links",
    "word",
    "spam_word",
    "honeypot",
    "checker",
    "reports",
    "notice",
    "mode",
    "edit",
    "ladder",
)
NOTICE_CATEGORIES = ("hate", "terrorism", "defamation", "privacy", "ip", "other")
NOTICE_DECISIONS = ("remove", "keep", "restrict")


class Report(Base):
    """One reader's report of one comment. Who reported is kept only as keyed hashes."""

    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("comment_id", "client_key", name="uq_reports_comment_client"),
        Index("ix_reports_comment_voter", "comment_id", "voter_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(20))
    # Keyed hashes of the reporter's address (IPv4 /32, IPv6 /64) and of the widget's
    # random voter id: a second report from either is the same reader's.
    client_key: Mapped[str] = mapped_column(String(64))
    voter_key: Mapped[str | None] = mapped_column(String(64))
    # Keyed hash of the reporter's network (IPv4 /24, IPv6 /48) with the comment id: the
    # hold counts distinct networks, so one household's many addresses count once.
    network_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HoldReason(Base):
    """One reason a comment was held (or marked as spam), recorded when the rule fired."""

    __tablename__ = "hold_reasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(20))
    # The matched word, the link count, the checker's answer, the report count, a reference.
    detail: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notice(Base):
    """A notice of illegal content (EU DSA Art. 16) and the decision on it (Art. 17)."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="SET NULL"), index=True
    )
    # The comment as it was noticed, so the record outlives an erasure of the comment.
    quoted: Mapped[str] = mapped_column(Text, default="")
    thread_url: Mapped[str] = mapped_column(String(2048), default="")
    category: Mapped[str] = mapped_column(String(20))
    explanation: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(String(80), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    lang: Mapped[str] = mapped_column(String(5), default="en")
    # The comment's status before the first notice that held it (None: this one never
    # held it), restored by a decision when no other notice holds it.
    status_before: Mapped[str | None] = mapped_column(String(10))
    # When the sender confirmed their address through the receipt's link: only then does
    # the notice hold its comment. None: unconfirmed.
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Keyed hash of the sender's network (IPv4 /24, IPv6 /48) with the comment id: one
    # open notice per comment and sender, by email and by network.
    client_key: Mapped[str | None] = mapped_column(String(64))
    decision: Mapped[str | None] = mapped_column(String(10), index=True)
    statement: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    moderator_id: Mapped[int | None] = mapped_column(
        ForeignKey("moderators.id", ondelete="SET NULL")
    )
    moderator_email: Mapped[str] = mapped_column(String(320), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    comment: Mapped[Comment | None] = relationship()
