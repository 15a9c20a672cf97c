"""Adding a site and changing its settings, each in one transaction with its audit entry."""

from __future__ import annotations

from widget import storage
from widget.core.urls import normalize_origin
from widget.storage.models import MODERATION_MODES, Moderator, Site


def register_site(
    name: str,
    origins: list[str],
    moderation: str,
    *,
    moderator: Moderator | None = None,
    **settings,
) -> Site:
    """Validate and store a new site with its settings (and the moderator's audit entry),
    in one transaction; ValueError says what is wrong."""
    if moderation not in MODERATION_MODES:
        raise ValueError(f"Moderation must be one of: {', '.join(MODERATION_MODES)}.")
    if not origins:
        raise ValueError("Give at least one origin, such as https://blog.example.org.")
    normalized = list(dict.fromkeys(normalize_origin(origin) for origin in origins))
    taken = storage.taken_origins(normalized)
    if taken:
        raise ValueError(f"Already registered: {', '.join(taken)}.")
    site = storage.create_site(name or normalized[0], normalized, moderation, **settings)
    if moderator is not None:
        storage.record_action(moderator, "add-site", detail=site.name)
    storage.commit()
    return site


def change_site(moderator: Moderator, site: Site, *, origins: list[str], **settings) -> Site:
    """Save a site's new settings and origins (normalised, free) with the audit entry."""
    storage.record_action(
        moderator,
        "edit-site",
        detail=f"{site.name}: {site.moderation} -> {settings.get('moderation', site.moderation)}",
    )
    storage.update_site(site, origins=origins, **settings)
    storage.commit()
    return site
