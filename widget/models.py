"""The tables: sites and their origins, threads, comments, bans."""

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
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

MODERATION_MODES = ("none", "first", "all")
COMMENT_STATUSES = ("published", "pending", "spam", "deleted")


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
    html: Mapped[str] = mapped_column(Text)
    avatar: Mapped[str] = mapped_column(String(64))
    # The client address truncated to its network (IPv4 /24, IPv6 /48): never the raw one.
    network: Mapped[str] = mapped_column(String(64))
    user_agent: Mapped[str] = mapped_column(String(500), default="")
    edit_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Readers see it: published, or deleted with a published reply somewhere below (shown
    # as "This comment was deleted."). Kept at write time by storage.thread_changed.
    listed: Mapped[bool] = mapped_column(default=False, server_default=false())

    thread: Mapped[Thread] = relationship()


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
