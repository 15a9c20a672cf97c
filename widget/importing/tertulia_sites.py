"""Our own export's times and a site's fields, checked as the admin checks them.

widget/importing/tertulia.py reads the stream; what it finds is checked here field by field.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from widget.i18n import N_
from widget.i18n import gettext as _
from widget.identity.badges import parse_labels
from widget.storage.models import MODERATION_MODES, WHO_MAY_COMMENT

from .model import ImportRefused, IncomingSite


def time_of(value: object, what: str) -> datetime | None:
    """`value` as a time; `what` (marked with N_) names the field in a refusal."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise ImportRefused(
            # TRANSLATORS: {what} is a field of the file, translated apart, like “A comment's
            # created_at”; {value} is the file's value, as code.
            _("{what} is not a time: {value}.", what=_(what), value=repr(value))
        ) from exc
    if parsed.tzinfo is None:
        raise ImportRefused(
            # TRANSLATORS: {what} is a field of the file, translated apart, like “A comment's
            # created_at”; {value} is the file's value, as code.
            _("{what} has no time zone: {value}.", what=_(what), value=repr(value))
        )
    return parsed


def site_of(fields: dict) -> IncomingSite:
    moderation = fields.get("moderation", "none")
    if moderation not in MODERATION_MODES:
        raise ImportRefused(_("Unknown moderation mode {mode}.", mode=repr(moderation)))
    origins = fields.get("origins")
    if not isinstance(origins, list) or not all(isinstance(o, str) for o in origins):
        raise ImportRefused(_("A site's `origins` must be a list of origins."))
    return IncomingSite(
        name=str(fields.get("name") or origins[0] if origins else ""),
        origins=origins,
        settings={
            "moderation": moderation,
            "close_after_days": fields.get("close_after_days"),
            "hold_words": str(fields.get("hold_words") or ""),
            "spam_words": str(fields.get("spam_words") or ""),
            "reject_words": str(fields.get("reject_words") or ""),
            "staff_label": str(fields.get("staff_label") or "")[:80],
            "hold_on_notice": fields.get("hold_on_notice") is not False,
            **_prescreen_settings(fields),
            **_identity_settings(fields),
            "created_at": time_of(fields.get("created_at"), N_("A site's created_at")),
        },
    )


def fraction(value: object, low: float) -> float | None:
    """A number from `low` to 1 (ijson reads numbers as Decimal), or None."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return float(value) if low <= value <= 1 else None


def _prescreen_settings(fields: dict) -> dict:
    """A site's pre-screen settings (issue 25), defaults for what is missing or wrong."""
    threshold = fraction(fields.get("toxicity_threshold"), 0.05)
    languages = fields.get("languages")
    return {
        "prescreen": fields.get("prescreen") is True,
        "toxicity_threshold": 0.8 if threshold is None else threshold,
        "languages": languages[:200] if isinstance(languages, str) else "",
    }


def _identity_settings(fields: dict) -> dict:
    """Who may comment and the badges' labels (issue 23); version 1 exports have neither."""
    who = fields.get("who_may_comment")
    labels = fields.get("badge_labels")
    labels = labels if isinstance(labels, str) else ""
    try:  # checked as the admin form checks them
        parse_labels(labels)
    except ValueError as exc:
        raise ImportRefused(_("A site's badge_labels: {error}", error=exc)) from exc
    if who is None:  # version 1
        who = "everyone"
    elif who not in WHO_MAY_COMMENT:  # a typo must not open an SSO-only site to everyone
        raise ImportRefused(
            # TRANSLATORS: {value} is the file's value, as code; {values} the values allowed,
            # as code, comma-separated.
            _(
                "A site's who_may_comment is {value}: write one of {values}.",
                value=repr(who),
                values=", ".join(WHO_MAY_COMMENT),
            )
        )
    return {"who_may_comment": who, "badge_labels": labels}
