"""Queries of the moderation ladder's sanctions (models/sanctions.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, or_, select, tuple_

from .database import db
from .ids import is_row_id
from .models import Sanction, utcnow
from .versions import sites_changed


def add_sanction(**values) -> Sanction:
    sanction = Sanction(**values)
    db.session.add(sanction)
    db.session.flush()
    return sanction


def find_sanction(sanction_id: int) -> Sanction | None:
    return db.session.get(Sanction, sanction_id) if is_row_id(sanction_id) else None


def list_active_sanctions(
    site_id: int, keys: Sequence[tuple[str, str]], now: datetime | None = None
) -> Sequence[Sanction]:
    """The sanctions in force on any of these (kind of key, key) on a site, oldest first."""
    if not keys:
        return []
    now = now or utcnow()
    return db.session.scalars(
        select(Sanction)
        .where(
            Sanction.site_id == site_id,
            tuple_(Sanction.key_kind, Sanction.key).in_(list(keys)),
            Sanction.lifted_at.is_(None),
            Sanction.acknowledged_at.is_(None),
            or_(Sanction.ends_at.is_(None), Sanction.ends_at > now),
        )
        .order_by(Sanction.id)
    ).all()


def list_sanctions(site_id: int, key_kind: str, key: str) -> Sequence[Sanction]:
    """Every sanction on one commenter of a site, the newest first (ended ones too)."""
    return db.session.scalars(
        select(Sanction)
        .where(Sanction.site_id == site_id, Sanction.key_kind == key_kind, Sanction.key == key)
        .order_by(Sanction.id.desc())
    ).all()


def list_sanctions_by_email(email: str) -> Sequence[Sanction]:
    """Every sanction keyed on this email, on any site (a privacy request)."""
    return db.session.scalars(
        select(Sanction)
        .where(Sanction.key_kind == "email", Sanction.key == email)
        .order_by(Sanction.id)
    ).all()


def delete_sanctions_by_email(email: str) -> int:
    deleted = db.session.execute(
        delete(Sanction).where(Sanction.key_kind == "email", Sanction.key == email)
    ).rowcount
    if deleted:
        sites_changed()  # a bulk delete: no flush event tells the registry
    return deleted


def delete_sanctions_of_user(user_id: int) -> int:
    """The sanctions on a verified user whose account the site deleted."""
    deleted = db.session.execute(
        delete(Sanction).where(Sanction.key_kind == "user", Sanction.key == str(user_id))
    ).rowcount
    if deleted:
        sites_changed()
    return deleted


def sanctioned_sites() -> set[int]:
    """The sites with any sanction not lifted nor acknowledged (loaded with the registry)."""
    return set(
        db.session.scalars(
            select(Sanction.site_id)
            .where(Sanction.lifted_at.is_(None), Sanction.acknowledged_at.is_(None))
            .distinct()
        )
    )
