"""Queries of the moderators' side: accounts, bans, the audit log, the queue."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, bindparam, delete, func, or_, select
from sqlalchemy.orm import joinedload

from .database import db
from .ids import is_row_id
from .models import (
    AuditEntry,
    Ban,
    Comment,
    Moderator,
    ModeratorSession,
    SignInAttempt,
    Thread,
    utcnow,
)

# ---- the queue and the comment list ----------------------------------------


def list_for_moderation(
    *,
    status: str | None = None,
    site_id: int | None = None,
    thread_id: int | None = None,
    search: str | None = None,
    before_id: int | None = None,
    limit: int = 50,
    email: str | None = None,
    network: str | None = None,
    user_id: int | None = None,
) -> Sequence[Comment]:
    """Comments for moderators, newest first, filtered; `search` looks in text, name, email;
    `user_id`: a verified commenter's (issue 23)."""
    query = select(Comment).join(Thread).options(joinedload(Comment.thread))
    if status:
        query = query.where(_with_status(status))
    if site_id:
        query = query.where(Thread.site_id == site_id)
    if thread_id:
        query = query.where(Comment.thread_id == thread_id)
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(
            or_(
                Comment.text.ilike(pattern, escape="\\"),
                Comment.name.ilike(pattern, escape="\\"),
                Comment.email.ilike(pattern, escape="\\"),
            )
        )
    if email:  # a commenter's record (newsroom): exact, not a search
        query = query.where(Comment.email == email)
    if network:
        query = query.where(Comment.network == network)
    if user_id:
        query = query.where(Comment.site_user_id == user_id)
    if before_id:
        query = query.where(Comment.id < before_id)
    return db.session.scalars(query.order_by(Comment.id.desc()).limit(limit)).all()


def list_pending_by_toxicity(
    after: tuple[float, int] | None = None, limit: int = 50
) -> Sequence[Comment]:
    """The queue, most likely toxic first (unscored last), then newest; keyset `after`:
    the (score, id) of the last row of the page before (an unscored row's score is -1)."""
    score = func.coalesce(Comment.toxicity, -1.0)
    query = (
        select(Comment)
        .join(Thread)
        .options(joinedload(Comment.thread))
        .where(_with_status("pending"))
    )
    if after is not None:
        query = query.where(or_(score < after[0], and_(score == after[0], Comment.id < after[1])))
    return db.session.scalars(query.order_by(score.desc(), Comment.id.desc()).limit(limit)).all()


def find_comments(ids: Sequence[int]) -> Sequence[Comment]:
    return db.session.scalars(select(Comment).where(Comment.id.in_(list(ids)))).all()


def count_with_status(status: str) -> int:
    return db.session.scalar(select(func.count(Comment.id)).where(_with_status(status)))


def _with_status(status: str):
    """ "pending" means waiting for a moderator: held comments, and authors' held edits."""
    if status == "pending":
        return or_(Comment.status == "pending", Comment.pending_text.is_not(None))
    return Comment.status == status


# ---- bans --------------------------------------------------------------------


# Every post asks: built once, with the email and the time bound at execution.
_ACTIVE_BANS = select(Ban).where(
    or_(
        Ban.email == bindparam("email"),
        Ban.network.is_not(None),
        Ban.site_user_id == bindparam("user_id"),
    ),
    or_(Ban.expires_at.is_(None), Ban.expires_at > bindparam("now")),
)


def list_active_bans(email: str | None, user_id: int | None = None) -> Sequence[Ban]:
    """Unexpired bans on this email or verified commenter, and every unexpired network ban
    (few: matched in Python)."""
    # A None email or user matches no row (`= NULL` is never true).
    params = {"email": email, "user_id": user_id, "now": utcnow()}
    return db.session.scalars(_ACTIVE_BANS, params).all()


def add_ban(
    *,
    email: str | None = None,
    network: str | None = None,
    note: str = "",
    expires_at: datetime | None = None,
    site_user_id: int | None = None,
) -> Ban:
    ban = Ban(
        email=email,
        network=network,
        note=note,
        expires_at=expires_at,
        site_user_id=site_user_id,
    )
    db.session.add(ban)
    db.session.flush()
    return ban


def list_bans() -> Sequence[Ban]:
    """Every ban, the newest first (expired ones too: they say what happened)."""
    return db.session.scalars(select(Ban).order_by(Ban.id.desc())).all()


def find_ban(ban_id: int) -> Ban | None:
    return db.session.get(Ban, ban_id) if is_row_id(ban_id) else None


def delete_ban(ban: Ban) -> None:
    db.session.delete(ban)


# ---- moderators ----------------------------------------------------------------


def find_moderator(moderator_id: int) -> Moderator | None:
    return db.session.get(Moderator, moderator_id) if is_row_id(moderator_id) else None


def find_moderator_by_email(email: str) -> Moderator | None:
    return db.session.scalars(select(Moderator).where(Moderator.email == email)).first()


def list_moderators() -> Sequence[Moderator]:
    return db.session.scalars(select(Moderator).order_by(Moderator.email)).all()


def moderator_display_names() -> Sequence[str]:
    """The names moderators sign their replies as the site with."""
    return db.session.scalars(
        select(Moderator.display_name).where(Moderator.display_name != "").distinct()
    ).all()


def add_moderator(email: str, password_hash: str) -> Moderator:
    moderator = Moderator(email=email, password_hash=password_hash)
    db.session.add(moderator)
    db.session.flush()
    return moderator


def delete_moderator(moderator: Moderator) -> None:
    db.session.delete(moderator)
    db.session.flush()


# ---- the audit log ---------------------------------------------------------------


def record_action(
    moderator: Moderator,
    action: str,
    comment: Comment | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    detail: str = "",
) -> AuditEntry:
    """Add an entry to the log; committed with the change it describes."""
    entry = AuditEntry(
        moderator_id=moderator.id,
        moderator_email=moderator.email,
        action=action,
        comment_id=comment.id if comment else None,
        from_status=from_status,
        to_status=to_status,
        detail=detail,
        created_at=utcnow(),
    )
    db.session.add(entry)
    return entry


def list_audit(before_id: int | None, limit: int = 100) -> Sequence[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if before_id:
        query = query.where(AuditEntry.id < before_id)
    return db.session.scalars(query).all()


# ---- sign-in attempts and sessions ------------------------------------------------------


def recent_sign_in_attempts(
    address_key: str, account_key: str, since: datetime
) -> list[tuple[bool, bool, datetime]]:
    """(same address, same account, when) of the attempts on either key since `since`."""
    rows = db.session.execute(
        select(
            SignInAttempt.address_key == address_key,
            SignInAttempt.account_key == account_key,
            SignInAttempt.created_at,
        )
        .where(
            SignInAttempt.created_at >= since,
            or_(
                SignInAttempt.address_key == address_key,
                SignInAttempt.account_key == account_key,
            ),
        )
        .order_by(SignInAttempt.created_at)
    )
    return [(bool(address), bool(account), when) for address, account, when in rows]


def add_sign_in_attempt(address_key: str, account_key: str) -> SignInAttempt:
    attempt = SignInAttempt(address_key=address_key, account_key=account_key, created_at=utcnow())
    db.session.add(attempt)
    db.session.flush()
    return attempt


def delete_sign_in_attempt(attempt: SignInAttempt) -> None:
    db.session.execute(delete(SignInAttempt).where(SignInAttempt.id == attempt.id))


def add_moderator_session(id_hash: str, moderator: Moderator, expires_at: datetime) -> None:
    db.session.add(
        ModeratorSession(
            id_hash=id_hash, moderator_id=moderator.id, created_at=utcnow(), expires_at=expires_at
        )
    )


def find_session_moderator(id_hash: str, now: datetime) -> Moderator | None:
    return db.session.scalars(
        select(Moderator)
        .join(ModeratorSession, ModeratorSession.moderator_id == Moderator.id)
        .where(ModeratorSession.id_hash == id_hash, ModeratorSession.expires_at > now)
    ).first()


def delete_moderator_session(id_hash: str) -> None:
    db.session.execute(delete(ModeratorSession).where(ModeratorSession.id_hash == id_hash))


def delete_expired_sessions(now: datetime, attempts_before: datetime) -> None:
    """Forget expired sessions, and sign-in attempts older than any limit still counts."""
    db.session.execute(delete(ModeratorSession).where(ModeratorSession.expires_at <= now))
    db.session.execute(delete(SignInAttempt).where(SignInAttempt.created_at < attempts_before))
