"""The moderation ladder: what moderators decided about one commenter on one site.

A sanction keys on the commenter: a kind of key and the key (an email, else a client
network; a verified user's id can be another kind of key). Lifting keeps the row, so the
commenter's history shows what was decided, by whom, and when it ended.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow

# timeout: posts refused until `ends_at`; premoderate: held; shadow: stored as `shadow`;
# trusted: skips the link, first-comment and report holds; warning: a message to acknowledge.
SANCTION_KINDS = ("timeout", "premoderate", "shadow", "trusted", "warning")
SANCTION_KEYS = ("email", "network")


class Sanction(Base):
    __tablename__ = "sanctions"
    __table_args__ = (Index("ix_sanctions_site_key", "site_id", "key_kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    key_kind: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(320))
    kind: Mapped[str] = mapped_column(String(12))
    # The commenter key (keyed hash) of the comment the moderator decided from: a post with
    # it proves to come from that commenter, whatever email anyone types (comments/proof.py).
    commenter_key: Mapped[str | None] = mapped_column(String(64))
    # The message of a warning, or the note mailed with a time-out ("" = none).
    message: Mapped[str] = mapped_column(Text, default="", server_default="")
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a time-out's end
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(320), default="")
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a warning's
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lifted_by: Mapped[str | None] = mapped_column(String(320))

    def active(self, now: datetime) -> bool:
        """In force: not lifted, not over, not acknowledged (a warning)."""
        if self.lifted_at is not None or self.acknowledged_at is not None:
            return False
        return self.ends_at is None or self.ends_at > now
