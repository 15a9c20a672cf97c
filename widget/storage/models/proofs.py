"""What commenters proved: a returning-commenter key whose holder confirmed an email."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class ProvenAddress(Base):
    """The holder of `commenter_key` opened a confirmation link mailed to `email`."""

    __tablename__ = "proven_addresses"
    __table_args__ = (
        UniqueConstraint("email", "commenter_key", name="uq_proven_addresses_email_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    commenter_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
