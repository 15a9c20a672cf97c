"""Queries about sites and the origins allowed to embed them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .database import db
from .ids import is_row_id
from .models import Site, SiteOrigin


def find_site_by_origin(origin: str) -> Site | None:
    """The site that registered `origin`, if any."""
    return db.session.scalars(
        select(Site).join(SiteOrigin).where(SiteOrigin.origin == origin)
    ).first()


def find_site(site_id: int) -> Site | None:
    return db.session.get(Site, site_id) if is_row_id(site_id) else None


def list_sites() -> Sequence[Site]:
    return db.session.scalars(select(Site).order_by(Site.id)).all()


def load_sites() -> Sequence[Site]:
    """Every site with its origins loaded (for the per-process registry)."""
    return db.session.scalars(
        select(Site).options(selectinload(Site.origins)).order_by(Site.id)
    ).all()


def taken_origins(origins: Iterable[str]) -> list[str]:
    """Which of `origins` some site registered already."""
    return list(
        db.session.scalars(select(SiteOrigin.origin).where(SiteOrigin.origin.in_(list(origins))))
    )


def create_site(name: str, origins: Sequence[str], moderation: str, **settings) -> Site:
    """Add a site with its origins (already normalised and free) and settings."""
    site = Site(name=name, moderation=moderation, **settings)
    site.origins = [SiteOrigin(origin=origin) for origin in origins]
    db.session.add(site)
    db.session.flush()
    return site


def update_site(site: Site, *, origins: Sequence[str], **values) -> Site:
    """Change a site's settings; its origins are replaced by `origins` (normalised, free)."""
    for name, value in values.items():
        setattr(site, name, value)
    kept = {o.origin: o for o in site.origins}
    site.origins = [kept.get(origin) or SiteOrigin(origin=origin) for origin in origins]
    db.session.flush()
    return site
