"""The tables: sites and their origins, threads, comments, bans, moderators, mail."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

MODERATION_MODES = ("none", "first", "all")
COMMENT_STATUSES = ("published", "pending", "spam", "deleted")
# How a comment's text is written: our Markdown subset, or HTML (imported from WordPress or
# Disqus). Either way it is rendered to safe HTML by rendering.py, once, when written.
MARKUPS = ("markdown", "html")
# confirm: double opt-in; reply: a reply to a subscriber; held: a comment waits (moderators).
MAIL_KINDS = ("confirm", "reply", "held", "notice", "decision")
MAIL_STATUSES = ("queued", "sending", "sent", "failed")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every backend (SQLite keeps no time zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    moderation: Mapped[str] = mapped_column(String(10), default="none")
    # Close threads this many days after their first comment (None: never), as WordPress.
    close_after_days: Mapped[int | None] = mapped_column(Integer)
    # One word or phrase per line; matched case-insensitively in text, name, email, website
    # and browser, as WordPress does. Hold: the comment waits; spam: it is marked spam.
    hold_words: Mapped[str] = mapped_column(Text, default="", server_default="")
    spam_words: Mapped[str] = mapped_column(Text, default="", server_default="")
    # ---- newsroom (issue 14): the staff badge ("" = "Staff"/"Redacción"), and whether
    # a legal notice holds its comment while the notice is open.
    staff_label: Mapped[str] = mapped_column(String(80), default="", server_default="")
    hold_on_notice: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    origins: Mapped[list[SiteOrigin]] = relationship(
        back_populates="site", cascade="all, delete-orphan", order_by="SiteOrigin.id"
    )


class SiteOrigin(Base):
    """One origin (`scheme://host[:port]`) allowed to embed a site."""

    __tablename__ = "site_origins"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    origin: Mapped[str] = mapped_column(String(300), unique=True)

    site: Mapped[Site] = relationship(back_populates="origins")


class Thread(Base):
    """The comments of one article, keyed by its canonical URL or explicit id."""

    __tablename__ = "threads"
    __table_args__ = (
        UniqueConstraint("site_id", "key", name="uq_threads_site_key"),
        Index("ix_threads_site_url", "site_id", "url"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(2048))
    url: Mapped[str] = mapped_column(String(2048))
    title: Mapped[str] = mapped_column(String(300), default="")
    closed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Bumped by every write that changes what readers see (storage.thread_changed):
    # caches and ETags of the thread's pages are checked against it.
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Kept by the writes, in their transaction, so reads never count.
    published_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    site: Mapped[Site] = relationship()


class Comment(Base):
    __tablename__ = "comments"
    __table_args__ = (
        # The thread page query: one thread, one status, oldest first (keyset).
        Index("ix_comments_thread_status_created", "thread_id", "status", "created_at", "id"),
        # What readers see of a thread, oldest first (keyset): no recursive query on reads.
        Index("ix_comments_thread_listed_created", "thread_id", "listed", "created_at", "id"),
        Index("ix_comments_email", "email"),
        # The moderation queue: one status, newest first.
        Index("ix_comments_status_created", "status", "created_at"),
        # Per-address limits: one client's comments in a window.
        Index("ix_comments_client_created", "client_key", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="SET NULL"), index=True
    )
    # 0 for a top-level comment; replies are parent.depth + 1, capped by the setting.
    depth: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(320))
    website: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    markup: Mapped[str] = mapped_column(String(10), default="markdown", server_default="markdown")
    html: Mapped[str] = mapped_column(Text)
    avatar: Mapped[str] = mapped_column(String(64))
    # The client address truncated to its network (IPv4 /24, IPv6 /48): never the raw one.
    network: Mapped[str] = mapped_column(String(64))
    user_agent: Mapped[str] = mapped_column(String(500), default="")
    # Keyed hash of the one address (IPv4 /32, IPv6 /64) that posted: what per-address
    # limits count. Not reversible without the server's key; None for imported comments.
    client_key: Mapped[str | None] = mapped_column(String(64))
    # An author's edit waiting for a moderator: the public keeps `text`/`html` meanwhile.
    pending_text: Mapped[str | None] = mapped_column(Text)
    pending_html: Mapped[str | None] = mapped_column(Text)
    edit_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Readers see it: published, or deleted with a published reply somewhere below (shown
    # as "This comment was deleted."). Kept at write time by storage.thread_changed.
    listed: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Readers' likes that stand (models_likes.CommentLike), kept by each like and unlike.
    likes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # ---- newsroom (issue 14): set by moderators only, never from a request body.
    featured: Mapped[bool] = mapped_column(default=False, server_default=false())
    staff: Mapped[bool] = mapped_column(default=False, server_default=false())
    # A moderator approved it over readers' reports: reports no longer hold it.
    reports_cleared: Mapped[bool] = mapped_column(default=False, server_default=false())

    thread: Mapped[Thread] = relationship()


class CommentSource(Base):
    """Where an imported comment came from: its system and id there, unique per site,
    so importing the same file twice adds nothing the second time."""

    __tablename__ = "comment_sources"
    __table_args__ = (
        UniqueConstraint("site_id", "system", "source_id", name="uq_comment_sources_site_source"),
    )

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True
    )
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    system: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[str] = mapped_column(String(300))


class Counter(Base):
    """A named number that writes bump, so every process sees a change at once ("sites")."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(30), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Ban(Base):
    """A normalised email or a truncated network that may not post."""

    __tablename__ = "bans"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    network: Mapped[str | None] = mapped_column(String(64), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Moderator(Base):
    """Someone who may sign in to /admin. Only a slow salted hash of the password is kept."""

    __tablename__ = "moderators"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Mail me when a comment is held for moderation (turned off on the account page).
    mail_held: Mapped[bool] = mapped_column(default=True, server_default=true())
    # The name a staff reply is signed with (never the email); set on the account page.
    display_name: Mapped[str] = mapped_column(String(80), default="", server_default="")


class ModeratorSession(Base):
    """A signed-in browser: the cookie holds a random id, this row its hash.

    Signing out deletes the row, so a copy of the cookie opens nothing afterwards.
    """

    __tablename__ = "moderator_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    moderator_id: Mapped[int] = mapped_column(
        ForeignKey("moderators.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SignInAttempt(Base):
    """A sign-in that has not succeeded (yet): what the sign-in limits count.

    Each attempt is stored before its password is checked, under a lock on its keys,
    and removed when it succeeds; so concurrent guesses cannot overtake the limit.
    """

    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        Index("ix_sign_in_attempts_address", "address_key", "created_at"),
        Index("ix_sign_in_attempts_account", "account_key", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Keyed hashes: the client address (IPv4 /32, IPv6 /64), and the normalised account
    # email (with the device, for a browser that signed in to that account before).
    address_key: Mapped[str] = mapped_column(String(64))
    account_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEntry(Base):
    """One moderator action: who, what, on which comment, from which status to which."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    moderator_id: Mapped[int | None] = mapped_column(
        ForeignKey("moderators.id", ondelete="SET NULL")
    )
    # Kept as text too, so the log still says who after a moderator is removed.
    moderator_email: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(30))
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="SET NULL"), index=True
    )
    from_status: Mapped[str | None] = mapped_column(String(10))
    to_status: Mapped[str | None] = mapped_column(String(10))
    detail: Mapped[str] = mapped_column(Text, default="")


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


# Tables kept in modules of their own, on the same Base (imported here so every user of
# `Base.metadata`, Alembic included, sees them).
from . import newsroom  # noqa: E402, F401
from .likes import CommentLike  # noqa: E402, F401
