"""Threads (one per article), their comments, and where imported comments came from."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from .sites import Site

# shadow: a shadow-banned commenter's comment, shown to its author and moderators only.
COMMENT_STATUSES = ("published", "pending", "spam", "deleted", "shadow")
# A thread's kind: comments as usual, or questions and staff answers (issue 24).
THREAD_MODES = ("comments", "qa")
# How a comment's text is written: our Markdown subset, or HTML (imported from WordPress or
# Disqus). Either way it is rendered to safe HTML by comments/rendering.py, once, when written.
MARKUPS = ("markdown", "html")


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
    # ---- story settings (issue 24), each None for "the site's value" (sites/stories.py).
    moderation: Mapped[str | None] = mapped_column(String(10))
    close_after_days: Mapped[int | None] = mapped_column(Integer)
    # Markdown shown above the form, and its sanitised HTML (rendered once, when set).
    message: Mapped[str | None] = mapped_column(Text)
    message_html: Mapped[str | None] = mapped_column(Text)
    mode: Mapped[str | None] = mapped_column(String(10))
    # The article's publication time, when its page or the CMS gave it: what "close
    # after N days" counts from (else created_at, the first comment's time).
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

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
    # Keyed hash of the returning-commenter key the post came with (comments/proof.py):
    # what ties a commenter's comments together, since a typed email proves nothing.
    commenter_key: Mapped[str | None] = mapped_column(String(64), index=True)
    # An author's edit waiting for a moderator: the public keeps `text`/`html` meanwhile.
    pending_text: Mapped[str | None] = mapped_column(Text)
    pending_html: Mapped[str | None] = mapped_column(Text)
    edit_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When its author last changed the text readers see (readers are shown "edited").
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Readers see it: published, or deleted with a published reply somewhere below (shown
    # as "This comment was deleted."). Kept at write time by storage.thread_changed.
    listed: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Readers' likes that stand (likes.CommentLike), kept by each like and unlike.
    likes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # ---- newsroom (issue 14): set by moderators only, never from a request body.
    featured: Mapped[bool] = mapped_column(default=False, server_default=false())
    staff: Mapped[bool] = mapped_column(default=False, server_default=false())
    # A moderator approved it over readers' reports: reports no longer hold it.
    reports_cleared: Mapped[bool] = mapped_column(default=False, server_default=false())
    # ---- verified commenters (issue 23): the signed-in author, and their badges as shown
    # when posting (JSON list of {"key", "en", "es"} labels; "" for none).
    site_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("site_users.id", ondelete="SET NULL"), index=True
    )
    badges: Mapped[str] = mapped_column(Text, default="", server_default="")
    # ---- the local pre-screen (issue 25), when it is on: the language it detected (None:
    # too short to tell), the toxicity 0-1 and which model gave it. Moderators only.
    language: Mapped[str | None] = mapped_column(String(8))
    toxicity: Mapped[float | None] = mapped_column(Float)
    toxicity_model: Mapped[str | None] = mapped_column(String(60))

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
