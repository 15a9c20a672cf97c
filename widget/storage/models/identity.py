"""Verified commenters: a site's own accounts (SSO) and readers who signed in by email."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow

# sso: the site's backend signed a token for them; email: they used a link mailed to them.
SITE_USER_KINDS = ("sso", "email")
# Who may comment on a site: anyone (guests too), verified commenters only, SSO users only.
WHO_MAY_COMMENT = ("everyone", "verified", "sso")


class SiteUser(Base):
    """One verified commenter of one site, by the id the site gave them (unique per site)."""

    __tablename__ = "site_users"
    __table_args__ = (
        UniqueConstraint("site_id", "external_id", name="uq_site_users_site_external"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10), default="sso")
    # The site's user id (`sub`); for a reader signed in by email, a keyed hash of the address.
    external_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(80))
    # Normalised and lower-cased, or "" when the site gave none.
    email: Mapped[str] = mapped_column(String(320), default="", server_default="", index=True)
    # JSON list of the badge keys the site gave (["subscriber"]).
    badges: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    role: Mapped[str] = mapped_column(String(10), default="", server_default="")
    # `iat` of the token the profile came from: an older token does not overwrite it.
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
