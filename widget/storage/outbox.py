"""What both outboxes share (mail_outbox, webhook_deliveries): claiming due rows, finishing them.

A row is due when it is queued and its time has come, or when the sender that claimed it
let its claim run out (it crashed). PostgreSQL skips rows another sender is claiming
(FOR UPDATE SKIP LOCKED); SQLite takes the write lock first (BEGIN IMMEDIATE), so claims
run one after another. Either way each row is in one sender's hands at a time.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_, select, update

from .database import db
from .locks import begin_locked


def claim_due(model, claim: str, now: datetime, until: datetime, limit: int) -> list[int]:
    """Mark up to `limit` due rows of `model` as this sender's, in one statement; their ids."""
    session = db.session
    due = or_(
        and_(model.status == "queued", model.next_attempt_at <= now),
        and_(model.status == "sending", model.claimed_until < now),
    )
    pick = select(model.id).where(due).order_by(model.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    else:  # SQLite: the claim's transaction holds the write lock from its start
        begin_locked()
    ids = session.scalars(
        update(model)
        .where(model.id.in_(pick.scalar_subquery()))
        .values(status="sending", claim=claim, claimed_until=until, attempts=model.attempts + 1)
        .returning(model.id)
        .execution_options(synchronize_session=False)
    ).all()
    session.commit()
    return sorted(ids)


def finish_claimed(model, row_id: int, claim: str, **values) -> bool:
    """Record how an attempt ended, if this sender still holds the claim; committed."""
    result = db.session.execute(
        update(model)
        .where(model.id == row_id, model.claim == claim)
        .values(claim=None, claimed_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def note_queued() -> None:
    """Something was queued: the sender of this process is woken once the transaction commits."""
    db.session.info["outbox_queued"] = True
