"""Adding a site and changing its settings, each in one transaction with its audit entry."""

from __future__ import annotations

from widget import storage
from widget.core.urls import normalize_origin
from widget.i18n import gettext as _
from widget.storage.models import MODERATION_MODES, WHO_MAY_COMMENT, Moderator, Site

# The pre-screen's threshold (issue 25): below 0.05 nearly everything would be held.
TOXICITY_RANGE = (0.05, 1.0)


def language_codes(text: str) -> str:
    """A site's languages as stored: "en, ES es" → "en es"; ValueError unless each is a
    two- or three-letter code."""
    codes = text.replace(",", " ").lower().split()
    if any(not (code.isascii() and code.isalpha() and 2 <= len(code) <= 3) for code in codes):
        raise ValueError(_("Give language codes such as en or es, separated by spaces."))
    return " ".join(dict.fromkeys(codes))


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
        raise ValueError(_moderation_refused())
    if not origins:
        raise ValueError(_("Give at least one origin, such as https://blog.example.org."))
    normalized = list(dict.fromkeys(normalize_origin(origin) for origin in origins))
    taken = storage.taken_origins(normalized)
    if taken:
        raise ValueError(_("Already registered: {origins}.", origins=", ".join(taken)))
    site = storage.create_site(name or normalized[0], normalized, moderation, **settings)
    if moderator is not None:
        storage.record_action(moderator, "add-site", detail=site.name)
    storage.commit()
    return site


def change_site(moderator: Moderator, site: Site, *, origins: list[str], **settings) -> Site:
    """Save a site's new settings and origins (normalised, free) with the audit entry,
    which lists what changed ("moderation: none → first")."""
    storage.record_action(
        moderator, "edit-site", detail=f"{site.name}: {site_changes(site, origins, settings)}"
    )
    storage.update_site(site, origins=origins, **settings)
    storage.commit()
    return site


def site_changes(site: Site, origins: list[str], settings: dict) -> str:
    """What a site edit changes, field by field: `field: old → new`, or "nothing changed"."""
    changes = []
    for name, new in settings.items():
        old = getattr(site, name)
        if old != new and not (old in (None, "") and new in (None, "")):
            label = name.replace("_", " ")
            changes.append(f"{label}: {_shown(old)} → {_shown(new)}")
    had = [o.origin for o in site.origins]
    added = [f"+{origin}" for origin in origins if origin not in had]
    removed = [f"−{origin}" for origin in had if origin not in origins]
    if added or removed:
        changes.append("origins: " + " ".join(added + removed))
    return "; ".join(changes) or "nothing changed"


def _shown(value: object) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "on" if value else "off"
    text = " ".join(str(value).split())
    return (
        f"“{text[:60]}…”" if len(text) > 60 else (f"“{text}”" if isinstance(value, str) else text)
    )


def _moderation_refused() -> str:
    return _("Moderation must be one of: {choices}.", choices=", ".join(MODERATION_MODES))


def change_site_settings(site: Site, **settings) -> Site:
    """Change some settings of a site from the command line (no audit entry: the operator's
    shell is not a moderator); ValueError when a value is not allowed."""
    if settings.get("moderation", site.moderation) not in MODERATION_MODES:
        raise ValueError(_moderation_refused())
    if settings.get("who_may_comment", site.who_may_comment) not in WHO_MAY_COMMENT:
        raise ValueError(
            _("Who may comment must be one of: {choices}.", choices=", ".join(WHO_MAY_COMMENT))
        )
    threshold = settings.get("toxicity_threshold")
    if threshold is not None and not TOXICITY_RANGE[0] <= threshold <= TOXICITY_RANGE[1]:
        raise ValueError(_("The toxicity threshold must be between 0.05 and 1."))
    if "languages" in settings:
        settings["languages"] = language_codes(settings["languages"])
    storage.update_site(site, origins=[o.origin for o in site.origins], **settings)
    storage.commit()
    return site
