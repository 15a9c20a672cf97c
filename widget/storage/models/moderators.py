"""The moderators' side: bans, moderator accounts and sessions, sign-in attempts, the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class Ban(Base):
    """A normalised email or a truncated network that may not post."""

    __tablename__ = "bans"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    network: Mapped[str | None] = mapped_column(String(64), index=True)
    # A verified commenter (issue 23): their account, whatever address or network they use.
    site_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("site_users.id", ondelete="CASCADE"), index=True
    )
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
    # The admin's language (issue 26), one of i18n.SHIPPED; empty: the browser's.
    lang: Mapped[str] = mapped_column(String(5), default="", server_default="")


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
