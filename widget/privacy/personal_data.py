"""Commenters' data without accounts: export it, erase it, and prune it with age (GDPR).

Each kind of personal data is one `DataSource`: what to export for an email and how to erase
it. A new table holding emails (subscriptions…) is one more entry in `SOURCES`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from widget import storage
from widget.accounts.moderators import normalize_email
from widget.exporting.writer import iso_time
from widget.i18n import gettext, in_language, ngettext
from widget.storage.models import Comment, Moderator, SiteUser, utcnow
from widget.webhooks import comments_erased

from .mail import erase_mail, export_mail
from .site_users import (
    erase_email_sign_ins,
    erase_site_users,
    erase_user,
    export_email_sign_ins,
    export_site_users,
)

ERASED = "[erased]"


@dataclass(frozen=True)
class DataSource:
    name: str
    export: Callable[[str], list[dict]]
    erase: Callable[[str], dict[str, int]]


def _export_comments(email: str) -> list[dict]:
    return [
        {
            "site": comment.thread.site.name,
            "thread_url": comment.thread.url,
            "thread_title": comment.thread.title,
            "id": comment.id,
            "parent_id": comment.parent_id,
            "name": comment.name,
            "website": comment.website,
            "text": comment.text,
            "status": comment.status,
            "created_at": iso_time(comment.created_at),
            "edited_at": iso_time(comment.updated_at),
            "network": comment.network,
            "user_agent": comment.user_agent,
        }
        for comment in storage.list_comments_by_email(email)
    ]


def _erase_comments(email: str) -> dict[str, int]:
    summary = erase_comments_of(lambda: storage.list_comments_by_email(email))
    storage.forget_proven_address(email)  # no browser stays proven to own the address
    return summary


def erase_comments_of(listed: Callable[[], Sequence[Comment]]) -> dict[str, int]:
    """Delete the comments `listed` gives (again after each pass), or blank those with replies."""
    comments = listed()
    comments_erased(comments)  # webhooks: comment.removed of each public one, nothing said
    ids = [comment.id for comment in comments]
    threads = {comment.thread_id for comment in comments}
    deleted = 0
    # Leaves first: once a reply of theirs goes, their comment above may have none left.
    while ids and (gone := storage.delete_comments_without_replies(ids)):
        deleted += gone
        ids = [comment.id for comment in listed()]
    placeholders = storage.blank_comments(ids) if ids else 0
    # ---- read-model bookkeeping: counts, versions, placeholders of each thread touched ----
    for thread_id in sorted(threads):
        storage.thread_changed(thread_id)
    return {"comments deleted": deleted, "comments kept as placeholders": placeholders}


def _export_bans(email: str) -> list[dict]:
    return [
        {
            "note": ban.note,
            "expires_at": iso_time(ban.expires_at),
            "created_at": iso_time(ban.created_at),
        }
        for ban in storage.list_bans_by_email(email)
    ]


def _export_sanctions(email: str) -> list[dict]:
    """The moderation ladder's decisions about this email (moderation/ladder.py)."""
    return [
        {
            "kind": sanction.kind,
            "message": sanction.message or None,
            "ends_at": iso_time(sanction.ends_at),
            "created_at": iso_time(sanction.created_at),
            "lifted_at": iso_time(sanction.lifted_at),
        }
        for sanction in storage.list_sanctions_by_email(email)
    ]


def _export_audit(email: str) -> list[dict]:
    return [
        {"action": entry.action, "detail": entry.detail, "created_at": iso_time(entry.created_at)}
        for entry in storage.list_audit_mentioning(email)
    ]


def _export_notices(email: str) -> list[dict]:
    """Notices of illegal content this person sent (newsroom), with their decisions."""
    return [
        {
            "reference": notice.reference,
            "name": notice.name,
            "category": notice.category,
            "explanation": notice.explanation,
            "decision": notice.decision,
            "statement_of_reasons": notice.statement or None,
            "created_at": iso_time(notice.created_at),
        }
        for notice in storage.list_notices_by_email(email)
    ]


SOURCES: list[DataSource] = [
    DataSource("comments", _export_comments, _erase_comments),
    DataSource("bans", _export_bans, lambda e: {"bans lifted": storage.delete_bans_by_email(e)}),
    DataSource(
        "sanctions",
        _export_sanctions,
        lambda e: {"ladder decisions removed": storage.delete_sanctions_by_email(e)},
    ),
    DataSource(
        "audit_log",
        _export_audit,
        lambda e: {"audit entries scrubbed": storage.scrub_audit(e, ERASED)},
    ),
    DataSource(
        "notices",
        _export_notices,
        lambda e: {"notices made anonymous": storage.clear_notifier(e)},
    ),
    # Verified commenters (issue 23) with this address, on any site: after the comments.
    DataSource("site_users", export_site_users, erase_site_users),
    DataSource("email_sign_ins", export_email_sign_ins, erase_email_sign_ins),
    DataSource("mail", export_mail, erase_mail),
]


def _normal(email: str) -> str:
    """The stored form of `email`; ValueError when it names no one (an erased comment's
    email is "", so an empty one would reach every erased and email-less comment)."""
    try:
        normal = normalize_email(email)
    except ValueError:
        normal = email.strip().lower()
    local, _, domain = normal.rpartition("@")
    if not local or not domain:
        raise ValueError(gettext("{email} is not an email address.", email=repr(email)))
    return normal


def names_someone(email: str | None) -> bool:
    """Does `email` name a commenter whose data can be exported or erased?"""
    try:
        _normal(email or "")
    except ValueError:
        return False
    return True


def export_personal_data(email: str) -> dict:
    """Everything stored about the commenter with this email, by kind."""
    email = _normal(email)
    data = {"email": email, "exported_at": iso_time(utcnow())}
    for source in SOURCES:
        data[source.name] = source.export(email)
    return data


def erase_personal_data(email: str, by: str, moderator: Moderator | None = None) -> dict[str, int]:
    """Erase every trace of this email, log the erasure without it, commit; returns counts."""
    email = _normal(email)
    summary: dict[str, int] = {}
    for source in SOURCES:
        summary.update(source.erase(email))
    with in_language("en"):  # the audit log is one language for every moderator
        detail = "erased one commenter's data: " + describe(summary)
    storage.record_event(
        moderator.email if moderator else by, "erase", detail, moderator.id if moderator else None
    )
    storage.commit()
    return summary


def erase_site_user(user: SiteUser, by: str, moderator: Moderator | None = None) -> dict[str, int]:
    """Erase one verified commenter (their comments and profile), log it, commit."""
    summary = erase_user(user)
    with in_language("en"):
        detail = "erased one verified commenter's data: " + describe(summary)
    storage.record_event(
        moderator.email if moderator else by, "erase", detail, moderator.id if moderator else None
    )
    storage.commit()
    return summary


# How each count of an erasure reads, a plural in the current language (the summary's keys
# stay English: they are names in code).
_SUMMARY_WORDS: dict[str, Callable[[int], str]] = {
    "comments deleted": lambda n: ngettext("{n} comment deleted", "{n} comments deleted", n),
    "comments kept as placeholders": lambda n: ngettext(
        "{n} comment kept as a placeholder", "{n} comments kept as placeholders", n
    ),
    "signed-in comments deleted": lambda n: ngettext(
        "{n} signed-in comment deleted", "{n} signed-in comments deleted", n
    ),
    "signed-in comments kept as placeholders": lambda n: ngettext(
        "{n} signed-in comment kept as a placeholder",
        "{n} signed-in comments kept as placeholders",
        n,
    ),
    "verified profiles deleted": lambda n: ngettext(
        "{n} verified profile deleted", "{n} verified profiles deleted", n
    ),
    "bans lifted": lambda n: ngettext("{n} ban lifted", "{n} bans lifted", n),
    "audit entries scrubbed": lambda n: ngettext(
        "{n} audit entry scrubbed", "{n} audit entries scrubbed", n
    ),
    "ladder decisions removed": lambda n: ngettext(
        "{n} ladder decision removed", "{n} ladder decisions removed", n
    ),
    "notification addresses deleted": lambda n: ngettext(
        "{n} notification address deleted", "{n} notification addresses deleted", n
    ),
    "mail messages deleted": lambda n: ngettext(
        "{n} mail message deleted", "{n} mail messages deleted", n
    ),
    "email sign-in requests deleted": lambda n: ngettext(
        "{n} email sign-in request deleted", "{n} email sign-in requests deleted", n
    ),
}


def describe(summary: dict[str, int]) -> str:
    """The counts of an erasure as one line in the current language: "1 comment deleted, …"."""
    parts = [
        _SUMMARY_WORDS[what](count) if what in _SUMMARY_WORDS else f"{count} {what}"
        for what, count in summary.items()
    ]
    return ", ".join(parts) + "."


def prune(days: int) -> int:
    """Clear networks and browsers of comments (and who liked) older than `days`; commit;
    returns how many comments."""
    cutoff = utcnow() - timedelta(days=days)
    cleared = storage.clear_networks_before(cutoff)
    # Likes keep only keyed hashes of who gave them; past the retention they go too (after
    # which the same reader could like that comment again).
    storage.forget_likers_before(cutoff)
    # The webhook delivery log holds what each message said (names, text): it goes too.
    storage.delete_webhook_deliveries_before(cutoff)
    # Sign-in requests by email hold an address; after a day they only counted for the caps.
    storage.delete_email_sign_ins(before=cutoff)
    storage.commit()
    return cleared
