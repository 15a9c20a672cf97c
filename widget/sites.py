"""Which site a request belongs to, from the page URL and the `Origin` header."""

from __future__ import annotations

from . import storage
from .models import MODERATION_MODES, Moderator, Site
from .refusals import Refused
from .urls import normalize_origin, origin_of


def not_registered(origin: str) -> Refused:
    return Refused(
        "origin_not_registered",
        f"The origin {origin} is not registered with this comment server; "
        f"its operator must register it (flask --app app sites add {origin}).",
    )


def site_for_page(page_url: str, caller_origin: str | None = None) -> Site:
    """The site whose origins include the page's.

    From the embed (the JSON API), the caller's Origin must belong to the same site; our
    own no-JavaScript pages are same-origin and CSRF-protected, and pass no origin.
    """
    page_origin = origin_of(page_url)
    site = storage.find_site_by_origin(page_origin)
    if site is None:
        raise not_registered(page_origin)
    caller = caller_origin
    if caller is not None and caller != page_origin:
        caller_site = storage.find_site_by_origin(caller)
        if caller_site is None or caller_site.id != site.id:
            raise Refused(
                "origin_mismatch",
                f"A page on {caller} may not use the comments of {page_origin}; "
                "register both origins for the same site.",
            )
    return site


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
