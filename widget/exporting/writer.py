"""Our own export: every stored field of sites, threads and comments, as one JSON document
written as a stream (a thread's comments at a time), which `import tertulia` reads back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TextIO

from widget import storage
from widget.storage.imports import iter_thread_comments, iter_threads, thread_hold_reasons
from widget.storage.models import Comment, Site, Thread, utcnow

FORMAT = "tertulia"
# 2: the site's who_may_comment and badge_labels, a comment's badges and hold reasons.
VERSION = 2


def iso_time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def site_fields(site: Site) -> dict:
    """A site's settings as exported (everything stored but its row id and its SSO secrets,
    sealed with this server's key: a new install makes its own)."""
    return {
        "name": site.name,
        "origins": [o.origin for o in site.origins],
        "moderation": site.moderation,
        "close_after_days": site.close_after_days,
        "hold_words": site.hold_words,
        "spam_words": site.spam_words,
        "reject_words": site.reject_words,
        "staff_label": site.staff_label,
        "hold_on_notice": site.hold_on_notice,
        "prescreen": site.prescreen,
        "toxicity_threshold": site.toxicity_threshold,
        "languages": site.languages,
        "who_may_comment": site.who_may_comment,
        "badge_labels": site.badge_labels,
        "created_at": iso_time(site.created_at),
    }


def thread_fields(thread: Thread) -> dict:
    return {
        "key": thread.key,
        "url": thread.url,
        "title": thread.title,
        "closed": thread.closed,
        "created_at": iso_time(thread.created_at),
        # Its own story settings (issue 24); null: the site's value.
        "story": {
            "moderation": thread.moderation,
            "close_after_days": thread.close_after_days,
            "message": thread.message,
            "mode": thread.mode,
            "published_at": iso_time(thread.published_at) if thread.published_at else None,
        },
    }


def badges_of(comment: Comment) -> list:
    """The badges shown with it when it was posted (stored as a JSON list, "" for none)."""
    return json.loads(comment.badges) if comment.badges else []


def hold_reason_fields(reason: tuple[str, str, datetime]) -> dict:
    code, detail, created_at = reason
    return {"code": code, "detail": detail, "created_at": iso_time(created_at)}


def comment_fields(
    comment: Comment,
    system: str | None,
    source_id: str | None,
    reasons: Sequence[tuple[str, str, datetime]] = (),
) -> dict:
    """Every stored field of a comment but its edit-token hash and its signed-in author's
    row (the account belongs to this install's sign-in; its name and badges travel)."""
    return {
        "id": comment.id,
        "parent_id": comment.parent_id,
        "depth": comment.depth,
        "status": comment.status,
        "name": comment.name,
        "email": comment.email,
        "website": comment.website,
        "text": comment.text,
        "markup": comment.markup,
        "html": comment.html,
        "avatar": comment.avatar,
        "network": comment.network,
        "user_agent": comment.user_agent,
        "client_key": comment.client_key,
        "commenter_key": comment.commenter_key,
        "pending_text": comment.pending_text,
        "featured": comment.featured,
        "staff": comment.staff,
        "reports_cleared": comment.reports_cleared,
        # A count: who liked is kept only as keyed hashes of this server, of no use elsewhere.
        "likes": comment.likes,
        "badges": badges_of(comment),
        "hold_reasons": [hold_reason_fields(reason) for reason in reasons],
        "language": comment.language,
        "toxicity": comment.toxicity,
        "toxicity_model": comment.toxicity_model,
        "created_at": iso_time(comment.created_at),
        "edited_at": iso_time(comment.edited_at),
        "updated_at": iso_time(comment.updated_at),
        "source": {"system": system, "id": source_id} if system else None,
    }


def write_export(out: TextIO) -> dict[str, int]:
    """Write the whole database's comments to `out`; returns what was written, counted."""
    counts = {"sites": 0, "threads": 0, "comments": 0}
    out.write(f'{{"format": "{FORMAT}", "version": {VERSION}, ')
    out.write(f'"exported_at": {_dump(iso_time(utcnow()))}, "sites": [')
    for site_number, site in enumerate(storage.list_sites()):
        counts["sites"] += 1
        head = _dump(site_fields(site))[:-1]  # the object without its closing brace
        out.write(("," if site_number else "") + "\n" + head + ', "threads": [')
        for thread_number, thread in enumerate(iter_threads(site.id)):
            counts["threads"] += 1
            head = _dump(thread_fields(thread))[:-1]
            out.write(("," if thread_number else "") + "\n" + head + ', "comments": [')
            reasons = thread_hold_reasons(thread.id)
            for comment_number, (comment, system, source_id) in enumerate(
                iter_thread_comments(thread.id)
            ):
                counts["comments"] += 1
                row = _dump(comment_fields(comment, system, source_id, reasons.get(comment.id, ())))
                out.write(("," if comment_number else "") + "\n" + row)
            out.write("]}")
        out.write("]}")
    out.write("]}\n")
    return counts
