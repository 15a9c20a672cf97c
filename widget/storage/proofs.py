"""Queries about what commenters proved: their comments by key, addresses they confirmed."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from .database import db
from .mail import _insert_or_ignore
from .models import Comment, ProvenAddress, Thread, utcnow


def commenter_statuses(site_id: int, email: str, commenter_keys: Sequence[str]) -> set[str]:
    """Which of "published" and "spam" the comments of these keys with this email have had."""
    if not commenter_keys:
        return set()
    return set(
        db.session.scalars(
            select(Comment.status)
            .join(Thread)
            .where(
                Thread.site_id == site_id,
                Comment.email == email,
                Comment.commenter_key.in_(list(commenter_keys)),
                Comment.status.in_(("published", "spam")),
            )
            .distinct()
        )
    )


def proven_keys(email: str) -> list[str]:
    """The commenter keys whose holders confirmed this address through a mail link."""
    return list(
        db.session.scalars(
            select(ProvenAddress.commenter_key).where(ProvenAddress.email == email).limit(100)
        )
    )


def add_proven_address(email: str, commenter_key: str) -> None:
    """Record that this key's holder confirmed the address (again: a no-op)."""
    _insert_or_ignore(
        ProvenAddress,
        ["email", "commenter_key"],
        email=email,
        commenter_key=commenter_key,
        created_at=utcnow(),
    )


def forget_proven_address(email: str) -> int:
    """A privacy erasure: no key stays bound to the address."""
    rows = db.session.query(ProvenAddress).filter(ProvenAddress.email == email)
    return rows.delete(synchronize_session=False)
