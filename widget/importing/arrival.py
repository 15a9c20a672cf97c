"""What an incoming comment gets before it is placed: the key remembered against re-imports,
a time for an unreadable date, and the status that a protected post or a deleted thread gives."""

from __future__ import annotations

from datetime import datetime

from widget.storage.models import utcnow

from .model import IncomingComment, IncomingThread


class Arrival:
    """Prepares each comment of a file in the file's order (the order matters: an unreadable
    date takes the time of the comment above it)."""

    def __init__(self, source_name: str | None, include_protected: bool):
        self.source_name = source_name
        self.include_protected = include_protected
        self.last_time: dict[tuple | None, datetime] = {}  # thread -> its latest comment's time

    def prepare(self, incoming: IncomingThread | None, comment: IncomingComment) -> None:
        """Complete `comment` in place; what changed is noted in `comment.changes`."""
        # Ids are unique only within one install of the other system: the key says which.
        install = self.source_name or comment.install
        if comment.source is not None and install:
            system, source_id = comment.source
            comment.source = (system, f"{install} {source_id}"[:300])
        where = (incoming.link, incoming.key) if incoming is not None else None
        if comment.created_at is None:
            # Just after its neighbour above, so the thread keeps the file's order.
            comment.changes.append("date unreadable")
            comment.created_at = self.last_time.get(where) or (
                incoming.created_at if incoming is not None and incoming.created_at else utcnow()
            )
        self.last_time[where] = comment.created_at
        if incoming is None:
            return
        if incoming.deleted and comment.status != "deleted":
            comment.status = "deleted"
            comment.changes.append("deleted: thread deleted")
        elif incoming.protected and not self.include_protected and comment.status == "published":
            comment.status = "pending"
            comment.changes.append("held: protected post")
