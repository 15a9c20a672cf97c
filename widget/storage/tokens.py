"""Queries about per-site API tokens and the audit entries their uses leave."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from .database import db
from .ids import is_row_id
from .models import ApiToken, AuditEntry, utcnow


def add_api_token(site_id: int, token_hash: str, hint: str, scopes: str, note: str) -> ApiToken:
    token = ApiToken(
        site_id=site_id,
        token_hash=token_hash,
        hint=hint,
        scopes=scopes,
        note=note,
        created_at=utcnow(),
    )
    db.session.add(token)
    db.session.flush()
    return token


def find_api_token_by_hash(token_hash: str) -> ApiToken | None:
    """A token that has not been revoked, by its hash."""
    return db.session.scalars(
        select(ApiToken).where(ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None))
    ).first()


def find_api_token(token_id: int) -> ApiToken | None:
    return db.session.get(ApiToken, token_id) if is_row_id(token_id) else None


def list_api_tokens(site_id: int | None = None) -> Sequence[ApiToken]:
    """A site's tokens (or every site's), the newest first, revoked ones included."""
    query = select(ApiToken).order_by(ApiToken.id.desc())
    if site_id is not None:
        query = query.where(ApiToken.site_id == site_id)
    return db.session.scalars(query).all()


def record_token_use(
    token: ApiToken, action: str, detail: str, actor: str | None = None
) -> AuditEntry:
    """An audit entry for a use of a token (no moderator: the token names itself), or
    about it by `actor` (the command line)."""
    if actor is None:
        token.last_used_at = utcnow()
    entry = AuditEntry(
        moderator_id=None,
        moderator_email=actor or f"API token {token.hint}… (site {token.site_id})",
        action=action,
        detail=detail,
        created_at=utcnow(),
    )
    db.session.add(entry)
    return entry
