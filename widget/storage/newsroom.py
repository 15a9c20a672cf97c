"""Queries of newsroom moderation: reports, hold reasons, notices, history, featured."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import joinedload

from widget.storage.models.newsroom import HoldReason, Notice, Report

from .database import db
from .ids import is_row_id
from .models import Comment, Thread, utcnow

# ---- reports -------------------------------------------------------------------


def has_report(comment_id: int, client_key: str, voter_key: str | None) -> bool:
    """Has this reader (same address, or same widget voter id) reported the comment?"""
    who = Report.client_key == client_key
    if voter_key is not None:
        who = or_(who, Report.voter_key == voter_key)
    return (
        db.session.scalar(select(Report.id).where(Report.comment_id == comment_id, who)) is not None
    )


def add_report(
    comment_id: int, reason: str, client_key: str, voter_key: str | None, network_key: str
) -> None:
    db.session.add(
        Report(
            comment_id=comment_id,
            reason=reason,
            client_key=client_key,
            voter_key=voter_key,
            network_key=network_key,
            created_at=utcnow(),
        )
    )
    db.session.flush()


def count_reporting_networks(comment_id: int) -> int:
    """Distinct networks that reported the comment (reports from before: by their address)."""
    who = func.coalesce(Report.network_key, Report.client_key)
    return db.session.scalar(
        select(func.count(func.distinct(who))).where(Report.comment_id == comment_id)
    )


def count_reports(comment_id: int) -> int:
    return db.session.scalar(select(func.count(Report.id)).where(Report.comment_id == comment_id))


def delete_reports(comment_id: int) -> int:
    return db.session.execute(
        delete(Report)
        .where(Report.comment_id == comment_id)
        .execution_options(synchronize_session=False)
    ).rowcount


def report_summaries(comment_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Reasons and their counts for each comment: never who reported."""
    if not comment_ids:
        return {}
    rows = db.session.execute(
        select(Report.comment_id, Report.reason, func.count(Report.id))
        .where(Report.comment_id.in_(list(comment_ids)))
        .group_by(Report.comment_id, Report.reason)
    )
    summaries: dict[int, dict[str, int]] = {}
    for comment_id, reason, count in rows:
        summaries.setdefault(comment_id, {})[reason] = count
    return summaries


def list_reported(before_id: int | None, limit: int) -> Sequence[Comment]:
    """Comments with reports, held or not, newest first (keyset on the id)."""
    reported = select(Report.comment_id).distinct()
    query = (
        select(Comment)
        .options(joinedload(Comment.thread))
        .where(Comment.id.in_(reported), Comment.status.in_(("published", "pending")))
    )
    if before_id:
        query = query.where(Comment.id < before_id)
    return db.session.scalars(query.order_by(Comment.id.desc()).limit(limit)).all()


# ---- why a comment was held ------------------------------------------------------


def add_hold_reasons(comment_id: int, reasons: Sequence[tuple[str, str]]) -> None:
    for code, detail in reasons:
        db.session.add(
            HoldReason(comment_id=comment_id, code=code, detail=detail[:200], created_at=utcnow())
        )
    db.session.flush()


def hold_reasons(comment_ids: Sequence[int]) -> dict[int, list[HoldReason]]:
    """The recorded reasons of each comment, in the order they were recorded."""
    if not comment_ids:
        return {}
    found: dict[int, list[HoldReason]] = {}
    for reason in db.session.scalars(
        select(HoldReason)
        .where(HoldReason.comment_id.in_(list(comment_ids)))
        .order_by(HoldReason.id)
    ):
        found.setdefault(reason.comment_id, []).append(reason)
    return found


def delete_hold_reasons(comment_id: int, code: str | None = None) -> None:
    """Forget why the comment was held (only the reasons of one rule, with `code`)."""
    query = delete(HoldReason).where(HoldReason.comment_id == comment_id)
    if code is not None:
        query = query.where(HoldReason.code == code)
    db.session.execute(query.execution_options(synchronize_session=False))


def hold_codes(comment_id: int) -> set[str]:
    """Which rules hold the comment now."""
    return set(
        db.session.scalars(select(HoldReason.code).where(HoldReason.comment_id == comment_id))
    )


# ---- notices -----------------------------------------------------------------------


def add_notice(**fields) -> Notice:
    notice = Notice(created_at=utcnow(), **fields)
    db.session.add(notice)
    db.session.flush()
    return notice


def find_notice(notice_id: int) -> Notice | None:
    return db.session.get(Notice, notice_id) if is_row_id(notice_id) else None


def list_notices(open_only: bool = False) -> Sequence[Notice]:
    """Open notices first, oldest first among them; then decided ones, newest first."""
    query = select(Notice)
    if open_only:
        query = query.where(Notice.decision.is_(None))
    return db.session.scalars(
        query.order_by(Notice.decision.is_not(None), Notice.decided_at.desc(), Notice.id)
    ).all()


def _open(holding: bool):
    """Open notices; `holding`: those that hold their comment (confirmed, and it held)."""
    found = [Notice.decision.is_(None)]
    if holding:
        found.append(Notice.status_before.is_not(None))
    return found


def count_open_notices(comment_id: int | None = None, holding: bool = False) -> int:
    query = select(func.count(Notice.id)).where(*_open(holding))
    if comment_id is not None:
        query = query.where(Notice.comment_id == comment_id)
    return db.session.scalar(query)


def count_open_confirmed_notices(comment_id: int) -> int:
    """Open notices whose sender confirmed their address (the comment is under review)."""
    return db.session.scalar(
        select(func.count(Notice.id)).where(
            Notice.comment_id == comment_id,
            Notice.decision.is_(None),
            Notice.confirmed_at.is_not(None),
        )
    )


def open_notices(comment_id: int, holding: bool = False) -> Sequence[Notice]:
    """The comment's open notices, oldest first."""
    return db.session.scalars(
        select(Notice).where(Notice.comment_id == comment_id, *_open(holding)).order_by(Notice.id)
    ).all()


def find_open_notice(comment_id: int, email: str, client_key: str) -> Notice | None:
    """The sender's open notice on the comment: the same email, or the same network."""
    sender = Notice.client_key == client_key
    if email:
        sender = or_(sender, Notice.email == email)
    return db.session.scalars(
        select(Notice).where(Notice.comment_id == comment_id, *_open(False), sender)
    ).first()


def list_notices_by_email(email: str) -> Sequence[Notice]:
    """The notices this notifier sent (for a privacy request)."""
    return db.session.scalars(select(Notice).where(Notice.email == email).order_by(Notice.id)).all()


def clear_notifier(email: str) -> int:
    """Forget the notifier's name and email; the notice and its decision stay on record."""
    return db.session.execute(
        update(Notice)
        .where(Notice.email == email)
        .values(name="", email="")
        .execution_options(synchronize_session=False)
    ).rowcount


def notices_in_id_order(after_id: int, limit: int) -> Sequence[Notice]:
    """Every notice after `after_id`, a batch at a time (for the export)."""
    return db.session.scalars(
        select(Notice).where(Notice.id > after_id).order_by(Notice.id).limit(limit)
    ).all()


# ---- featured comments and the commenter's record --------------------------------------


def list_featured(thread_id: int) -> Sequence[Comment]:
    """The thread's featured comments readers see, oldest first (at most a few)."""
    return db.session.scalars(
        select(Comment)
        .where(
            Comment.thread_id == thread_id,
            Comment.featured.is_(True),
            Comment.status == "published",
        )
        .order_by(Comment.created_at, Comment.id)
    ).all()


def count_featured(thread_id: int) -> int:
    return db.session.scalar(
        select(func.count(Comment.id)).where(
            Comment.thread_id == thread_id, Comment.featured.is_(True)
        )
    )


@dataclass(frozen=True)
class History:
    """A commenter's record on a site: comments by status, reports and legal notices
    received, first and last."""

    by_status: dict[str, int]
    reports: int
    first: datetime | None
    last: datetime | None
    notices: int = 0


def commenter_history(
    site_id: int, *, email: str | None, network: str | None, user_id: int | None = None
) -> History:
    """Counted by the verified commenter (issue 23), else by email, else by network for
    comments without one (imported, staff)."""
    if user_id:
        who = Comment.site_user_id == user_id
    else:
        who = Comment.email == email if email else Comment.network == network
    scope = select(Comment.id).join(Thread).where(Thread.site_id == site_id, who)
    rows = db.session.execute(
        select(
            Comment.status,
            func.count(Comment.id),
            func.min(Comment.created_at),
            func.max(Comment.created_at),
        )
        .where(Comment.id.in_(scope))
        .group_by(Comment.status)
    ).all()
    reports = db.session.scalar(select(func.count(Report.id)).where(Report.comment_id.in_(scope)))
    notices = db.session.scalar(select(func.count(Notice.id)).where(Notice.comment_id.in_(scope)))
    firsts = [row[2] for row in rows if row[2] is not None]
    lasts = [row[3] for row in rows if row[3] is not None]
    return History(
        {status: count for status, count, _, _ in rows},
        reports or 0,
        min(firsts) if firsts else None,
        max(lasts) if lasts else None,
        notices or 0,
    )
