"""The moderation ladder: time-out, pre-moderation, shadow ban, trust and warnings.

A moderator decides about a commenter on one site from the admin's comment page. The
commenter is keyed on their email, else the comment's client network (a verified user's
id is a further kind of key: models/sanctions.py). Each decision and each lifting is
audited and kept in the commenter's history. What a sanction does to a post is decided
here (`standing`, `apply_to_post`) and applied by comments/posting.py.

A typed email proves nothing (comments/proof.py): sanctions that restrict apply to whoever
posts with the email, but trust and a warning's message reach only a poster who proves it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from widget import storage
from widget.comments import proof as proofs
from widget.core.refusals import Refused
from widget.i18n import _, in_language, normalise
from widget.i18n.dates import moment
from widget.i18n.labels import SANCTION_MAIL
from widget.mail import notifications
from widget.sites.registry import registry
from widget.storage.models import Comment, Moderator, Sanction, utcnow

from .defences import Reason

DURATIONS = {"1h": timedelta(hours=1), "24h": timedelta(hours=24), "7d": timedelta(days=7)}
MAX_CUSTOM_HOURS = 24 * 365
LABELS = {
    "timeout": "time-out",
    "premoderate": "always pre-moderate",
    "shadow": "shadow ban",
    "trusted": "trusted",
    "warning": "warning",
}


def commenter_of(comment: Comment) -> tuple[str, str]:
    """The key a comment's author is sanctioned by: the verified user (signed in) where
    there is one, else their email, else the network."""
    if comment.site_user_id:
        return ("user", str(comment.site_user_id))
    return ("email", comment.email) if comment.email else ("network", comment.network)


@dataclass
class Standing:
    """What the sanctions in force on a poster do to their next post."""

    suspended_until: datetime | None = None
    premoderate: bool = False
    shadow: bool = False
    trusted: list[Sanction] = field(default_factory=list)
    warnings: list[Sanction] = field(default_factory=list)


def standing(
    site_id: int, email: str | None, network: str | None, user_id: int | None = None
) -> Standing:
    """The sanctions in force on this verified user, this email or this network, on this site."""
    found = Standing()
    if site_id not in registry().sanctioned:
        return found  # most sites, most of the time: no query
    keys = [("user", str(user_id))] if user_id else []
    keys += [("email", email)] if email else []
    keys += [("network", network)] if network else []
    for sanction in storage.list_active_sanctions(site_id, keys):
        if sanction.kind == "timeout":
            found.suspended_until = max(filter(None, [found.suspended_until, sanction.ends_at]))
        elif sanction.kind == "warning":
            found.warnings.append(sanction)
        elif sanction.kind == "trusted":
            found.trusted.append(sanction)
        else:
            setattr(found, sanction.kind, True)
    return found


def meant_for(sanction: Sanction, proof: proofs.Proof | None) -> bool:
    """Does the poster prove to be the commenter a sanction that favours or tells them
    something was decided about? A network's poster, yes; an email's, only with the
    commenter key of the comment decided from, or by having confirmed the address."""
    if sanction.key_kind in ("network", "user"):
        return True  # a user's sanction is found only through their own sign-in
    if proof is None:
        return False
    return proof.address_confirmed or (
        sanction.commenter_key is not None and proof.key_hash == sanction.commenter_key
    )


def trusted(found: Standing, proof: proofs.Proof | None) -> bool:
    """Trust holds for a trusted network, or a trusted email its poster proves."""
    return any(meant_for(sanction, proof) for sanction in found.trusted)


def author_trusted(comment: Comment) -> bool:
    """Do moderators trust the author of this stored comment (as they proved it)?"""
    site_id = comment.thread.site_id
    found = standing(site_id, comment.email, comment.network, comment.site_user_id)
    if not found.trusted:
        return False
    return trusted(found, proofs.proof_of(site_id, comment.email, comment.commenter_key))


# The holds a trusted commenter skips (the word lists, bans and the checker still apply).
SKIPPED_BY_TRUST = frozenset({"links"})


def on_post(
    found: Standing, is_trusted: bool, verdict: str | None, reasons: list[Reason]
) -> tuple[str | None, list[Reason]]:
    """The defences' verdict, as the commenter's rungs change it: trust drops the link
    hold; pre-moderation holds the comment, with its reason."""
    if is_trusted and verdict == "pending":
        reasons = [reason for reason in reasons if reason[0] not in SKIPPED_BY_TRUST]
        verdict = "pending" if reasons else None
    if found.premoderate and verdict != "spam":
        verdict, reasons = "pending", [*reasons, ("ladder", "premoderate")]
    return verdict, reasons


def format_time(when: datetime, language: str) -> str:
    """A moment in the reader's language, in UTC ("December 3, 2026, 17:00 UTC"; Spanish
    "3 de diciembre de 2026, 17:00 UTC"): the date as the locale writes it (Babel, CLDR)."""
    return f"{moment(when, normalise(language) or 'en')} UTC"


def check_not_suspended(found: Standing, language: str) -> None:
    """Refuse the post of a commenter in a time-out, saying until when."""
    if found.suspended_until is not None:
        until = format_time(found.suspended_until, language)
        raise Refused("suspended", _("You cannot comment on this site until {until}.", until=until))


def decide(
    moderator: Moderator,
    comment: Comment,
    kind: str,
    *,
    duration: timedelta | None = None,
    message: str = "",
    mail: bool = False,
) -> Sanction:
    """Put the comment's author on a rung of the ladder (audited, in one transaction)."""
    key_kind, key = commenter_of(comment)
    site_id = comment.thread.site_id
    now = utcnow()
    ends_at = now + duration if kind == "timeout" and duration else None
    sanction = storage.add_sanction(
        site_id=site_id,
        key_kind=key_kind,
        key=key,
        kind=kind,
        commenter_key=comment.commenter_key,
        message=message,
        ends_at=ends_at,
        created_at=now,
        created_by=moderator.email,
    )
    until = f" until {ends_at:%Y-%m-%d %H:%M} UTC" if ends_at else ""
    storage.record_action(
        moderator, kind, comment, detail=f"{LABELS[kind]}: {key}{until}" + _note(message)
    )
    if mail and kind in ("timeout", "warning") and comment.email:
        _mail(comment, sanction)
    storage.commit()
    return sanction


def _note(message: str) -> str:
    return f"; message: {message[:200]}" if message else ""


def lift(moderator: Moderator, sanction: Sanction) -> None:
    """End a sanction now (one click), audited; the row stays in the history."""
    if sanction.lifted_at is None:
        sanction.lifted_at = utcnow()
        sanction.lifted_by = moderator.email
        storage.record_action(
            moderator, "lift", detail=f"{LABELS[sanction.kind]}: {sanction.key} lifted"
        )
    storage.commit()


def acknowledge(comment: Comment, warning_id: int) -> bool:
    """The author of `comment` acknowledges a warning on them: True if it was theirs."""
    sanction = storage.find_sanction(warning_id)
    if (
        sanction is None
        or sanction.kind != "warning"
        or sanction.site_id != comment.thread.site_id
        or (sanction.key_kind, sanction.key) not in _keys_of(comment)
        or not meant_for(
            sanction, proofs.proof_of(sanction.site_id, comment.email, comment.commenter_key)
        )
    ):
        return False
    if sanction.acknowledged_at is None and sanction.lifted_at is None:
        sanction.acknowledged_at = utcnow()
        storage.commit()
    return True


def warning_for(site_id: int, comment: Comment, language: str) -> dict | None:
    """The oldest warning in force on the author of a comment just posted, if they prove
    to be its commenter: shown above the form until they acknowledge it."""
    found = standing(site_id, comment.email, comment.network, comment.site_user_id)
    if not found.warnings:
        return None
    proof = proofs.proof_of(site_id, comment.email, comment.commenter_key)
    warning = next((w for w in found.warnings if meant_for(w, proof)), None)
    if warning is None:
        return None
    with in_language(language):
        return {
            "id": warning.id,
            "title": _("A message from the moderators"),
            "message": warning.message,
            "button": _("I understand"),
        }


def _keys_of(comment: Comment) -> list[tuple[str, str]]:
    keys = [("network", comment.network)]
    keys += [("user", str(comment.site_user_id))] if comment.site_user_id else []
    return keys + ([("email", comment.email)] if comment.email else [])


def _mail(comment: Comment, sanction: Sanction) -> None:
    """Tell the commenter, only at an address they confirmed (never at a typed one)."""
    address = storage.find_mail_address(comment.email)
    if not notifications.enabled() or address is None or address.confirmed_at is None:
        return
    with in_language(address.lang):
        site = comment.thread.site.name
        until = format_time(sanction.ends_at, address.lang) if sanction.ends_at else ""
        notifications.queue_plain(
            "ladder",
            address.email,
            _(SANCTION_MAIL[sanction.kind][0], site=site),
            "ladder",
            address.lang,
            intro=_(SANCTION_MAIL[sanction.kind][1], site=site, until=until),
            message=sanction.message,
        )


def history(comment: Comment) -> list[Sanction]:
    """Every sanction on the comment's author on its site, newest first."""
    key_kind, key = commenter_of(comment)
    return list(storage.list_sanctions(comment.thread.site_id, key_kind, key))


def is_active(sanction: Sanction) -> bool:
    return sanction.active(utcnow())
