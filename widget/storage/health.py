"""The cheapest query there is, for the health check; what the metrics ask at a scrape."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select, text

from .database import db
from .models import Comment, OutboxMessage, Site, Thread


def ping_database() -> None:
    """One round trip to the database; raises when it does not answer."""
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()


def outbox_backlog() -> tuple[int, datetime | None]:
    """How many messages wait to be sent (queued or being sent), and the oldest's time."""
    waiting = OutboxMessage.status.in_(("queued", "sending"))
    count, oldest = db.session.execute(
        select(func.count(OutboxMessage.id), func.min(OutboxMessage.created_at)).where(waiting)
    ).one()
    return count or 0, oldest


def count_queue_by_site() -> dict[tuple[int, str], int]:
    """Comments and authors' edits waiting for a moderator, per site (id, name): every site."""
    waiting = or_(Comment.status == "pending", Comment.pending_text.is_not(None))
    counts = {
        (site_id, name): 0 for site_id, name in db.session.execute(select(Site.id, Site.name))
    }
    rows = db.session.execute(
        select(Site.id, Site.name, func.count(Comment.id))
        .join(Thread, Thread.site_id == Site.id)
        .join(Comment, Comment.thread_id == Thread.id)
        .where(waiting)
        .group_by(Site.id, Site.name)
    )
    counts.update({(site_id, name): count for site_id, name, count in rows})
    return counts
