"""Readers' likes of comments: one row per like, kept after an unlike (`removed_at`).

Rows stay when a like is withdrawn so that the "top" sort can rank a thread as it
stood when its first page was read (comments/cursors.py): paging stays exact while likes change.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class CommentLike(Base):
    """A reader's like. Who liked is kept only as keyed hashes, salted with the comment id,
    so the rows cannot follow a reader from one comment to another."""

    __tablename__ = "comment_likes"
    __table_args__ = (
        # A like and an unlike look for the reader's standing like by either key.
        Index("ix_comment_likes_comment_client", "comment_id", "client_key"),
        Index("ix_comment_likes_comment_voter", "comment_id", "voter_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    # Keyed hash of the client address (IPv4 /32, IPv6 /56) with the comment id.
    client_key: Mapped[str] = mapped_column(String(64))
    # Keyed hash of the random voter id the widget keeps in localStorage, if sent.
    voter_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
