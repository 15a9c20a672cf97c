"""Sites, the origins allowed to embed them, and the counters every process watches."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, UTCDateTime, utcnow

MODERATION_MODES = ("none", "first", "all")
# A thread may also hold every comment with a link (issue 24).
THREAD_MODERATION_MODES = ("none", "first", "links", "all")


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    moderation: Mapped[str] = mapped_column(String(10), default="none")
    # Close threads this many days after their first comment (None: never), as WordPress.
    close_after_days: Mapped[int | None] = mapped_column(Integer)
    # One word or phrase per line; matched in text, name, email, website and browser, as
    # WordPress does, but as whole words. Hold: the comment waits; spam: it is marked spam.
    hold_words: Mapped[str] = mapped_column(Text, default="", server_default="")
    spam_words: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Whole words and phrases, case- and accent-folded, `*` a wildcard (moderation/word_lists.py).
    # Reject: the comment is refused ("Please rephrase your comment.", naming no word).
    reject_words: Mapped[str] = mapped_column(Text, default="", server_default="")
    # ---- newsroom (issue 14): the staff badge ("" = "Staff"/"Redacción"), and whether
    # a legal notice holds its comment while the notice is open.
    staff_label: Mapped[str] = mapped_column(String(80), default="", server_default="")
    hold_on_notice: Mapped[bool] = mapped_column(default=True, server_default=true())
    # ---- the local pre-screen (issue 25; WIDGET_PRESCREEN): toxicity at or over the
    # threshold asks the reader to reconsider once, then holds; a comment surely in a
    # language not listed here (codes, space-separated; empty: any) is held.
    prescreen: Mapped[bool] = mapped_column(default=False, server_default=false())
    toxicity_threshold: Mapped[float] = mapped_column(Float, default=0.8, server_default="0.8")
    languages: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # ---- verified commenters (issue 23): who may comment (identity.WHO_MAY_COMMENT), the
    # badges' labels (one per line: `key = English | Español | fr: Français`; see
    # identity/badges.py), and the SSO secret, sealed (core/sealing.py); after a rotation
    # the previous one stays valid until a date.
    who_may_comment: Mapped[str] = mapped_column(
        String(10), default="everyone", server_default="everyone"
    )
    badge_labels: Mapped[str] = mapped_column(Text, default="", server_default="")
    sso_secret: Mapped[str | None] = mapped_column(Text)
    sso_created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sso_previous_secret: Mapped[str | None] = mapped_column(Text)
    sso_previous_until: Mapped[datetime | None] = mapped_column(UTCDateTime)

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


class Counter(Base):
    """A named number that writes bump, so every process sees a change at once ("sites")."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(30), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
