"""Per-site API tokens for a CMS: only a hash of each token is kept."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow

# What a token may do: change a thread's story settings, read a thread's comments.
TOKEN_SCOPES = ("threads:write", "comments:read")


class ApiToken(Base):
    """A bearer token of one site; the token is shown once, its SHA-256 stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    # The token has 256 random bits, so a plain hash is safe and lookups stay exact.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Its first characters, so the site page and the audit log can name it.
    hint: Mapped[str] = mapped_column(String(16))
    scopes: Mapped[str] = mapped_column(String(200))  # space-separated, from TOKEN_SCOPES
    note: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()
