"""Story settings: a thread's own moderation, closing, message and mode over its site's.

Each setting is None on the thread for "the site's value". What a thread is now (closed
by age or not) is worked out at read and write time from its row: no job runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from widget import storage
from widget.comments.forms import has_control_characters
from widget.comments.rendering import render_comment
from widget.core.refusals import Refused
from widget.i18n import _
from widget.storage.models import (
    THREAD_MODERATION_MODES,
    THREAD_MODES,
    ApiToken,
    Moderator,
    Thread,
    utcnow,
)
from widget.webhooks import emit

from .registry import site_for_page

# What a PUT may change, and nothing else.
ACCEPTED_FIELDS = ("moderation", "closed", "close_after_days", "message", "mode", "published_at")
MAX_MESSAGE = 2000
MAX_CLOSE_DAYS = 3650
_LINK = re.compile(r"<a\s")  # in a comment's sanitised HTML: one per link


class StoryRow(Protocol):
    """A thread's row or its state as a read sees it (storage.ThreadState)."""

    closed: bool
    created_at: datetime | None
    moderation: str | None
    close_after_days: int | None
    message_html: str | None
    mode: str | None
    published_at: datetime | None


class SiteDefaults(Protocol):
    moderation: str
    close_after_days: int | None


@dataclass(frozen=True)
class Story:
    """A thread's effective settings: its own where set, else its site's."""

    moderation: str
    closed: bool
    closed_reason: str | None  # "closed" (a moderator or the CMS), "age", or None
    close_after_days: int | None
    closes_at: datetime | None
    message_html: str | None
    mode: str


def story_of(site: SiteDefaults, row: StoryRow | None) -> Story:
    """The effective settings of a thread (None: no thread yet) on `site`, now."""
    if row is None:
        days = site.close_after_days
        return Story(site.moderation, False, None, days, None, None, "comments")
    days = row.close_after_days if row.close_after_days is not None else site.close_after_days
    start = row.published_at or row.created_at
    closes_at = start + timedelta(days=days) if days and start is not None else None
    reason = None
    if row.closed:
        reason = "closed"
    elif closes_at is not None and utcnow() > closes_at:
        reason = "age"
    return Story(
        row.moderation or site.moderation,
        reason is not None,
        reason,
        days or None,
        closes_at,
        row.message_html or None,
        row.mode or "comments",
    )


def public_story(story: Story) -> dict:
    """What a thread read says of its settings (docs/openapi.yaml, Thread)."""
    closes_at = story.closes_at
    return {
        "moderation": story.moderation,
        "closed_reason": story.closed_reason,
        "close_after_days": story.close_after_days,
        "closes_at": closes_at.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        if closes_at and not story.closed
        else None,
        "message": story.message_html,
        "mode": story.mode,
    }


def thread_settings(thread: Thread) -> dict:
    """The thread's own settings (None: the site's), as the admin API answers them."""
    published = thread.published_at
    return {
        "moderation": thread.moderation,
        "closed": bool(thread.closed),
        "close_after_days": thread.close_after_days,
        "message": thread.message,
        "mode": thread.mode,
        "published_at": published.astimezone(UTC)
        .isoformat(timespec="seconds")
        .replace("+00:00", "Z")
        if published
        else None,
    }


def _refuse(field: str, message: str) -> Refused:
    return Refused("invalid_settings", message, {field: [message]})


def _check_choice(field: str, value: Any, choices: tuple[str, ...]) -> str | None:
    if value is None or (isinstance(value, str) and value in choices):
        return value
    raise _refuse(field, f"Give one of {', '.join(choices)}, or null for the site's value.")


def _check_days(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CLOSE_DAYS:
        message = f"Give a whole number of days from 1 to {MAX_CLOSE_DAYS}, or null."
        raise _refuse("close_after_days", message)
    return value


def _check_message(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_MESSAGE:
        raise _refuse("message", f"Give a text of at most {MAX_MESSAGE} characters, or null.")
    if has_control_characters(value, frozenset("\t\n\r")):
        raise _refuse("message", "The message contains control characters, which are not allowed.")
    return value.strip() or None


def parse_time(value: Any, field: str = "published_at") -> datetime | None:
    """An ISO 8601 time (a date alone is midnight UTC) as aware UTC; Refused if not one."""
    if value is None:
        return None
    message = _("Give an ISO 8601 time such as 2026-12-01T09:30:00Z, or null.")
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        raise _refuse(field, message)
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise _refuse(field, message) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if not 1990 <= moment.year <= 9999:
        raise _refuse(field, message)
    return moment.astimezone(UTC)


def check_changes(body: dict) -> dict:
    """The settings a body changes, checked; Refused names each bad field."""
    unknown = sorted(set(body) - set(ACCEPTED_FIELDS))
    if unknown:
        message = f"Unknown settings: {', '.join(unknown)}."
        raise Refused("invalid_settings", message, {name: [message] for name in unknown})
    checks = {
        "moderation": lambda v: _check_choice("moderation", v, THREAD_MODERATION_MODES),
        "mode": lambda v: _check_choice("mode", v, THREAD_MODES),
        "close_after_days": _check_days,
        "message": _check_message,
        "published_at": parse_time,
        "closed": _check_closed,
    }
    return {name: checks[name](value) for name, value in body.items()}


def _check_closed(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)  # null: the site's value, which is open
    raise _refuse("closed", "Give true, false, or null.")


def apply_changes(thread: Thread, changes: dict) -> list[str]:
    """Set checked changes on a thread (flushed, not committed); returns what changed."""
    changed = []
    for name, value in changes.items():
        if getattr(thread, name) == value:
            continue
        changed.append(name)
        setattr(thread, name, value)
        if name == "message":
            thread.message_html = render_comment(value) if value else None
    if changed:
        storage.thread_changed(thread.id)  # readers see the settings: a new version
    return changed


def note_publication(thread: Thread, published: datetime | None) -> None:
    """The article's publication time the embedding page gave with the thread's first
    comment, kept once; a time in the future is ignored (it would keep a thread open).
    Later posts cannot move it (a CMS that knows better sets `published_at`)."""
    first = not thread.published_count
    if published is not None and first and thread.published_at is None:
        if published <= utcnow():
            thread.published_at = published


def count_links(html: str) -> int:
    """Links in a comment's rendered (sanitised) HTML, for the `links` moderation mode."""
    return len(_LINK.findall(html))


def _describe(url: str, changes: dict) -> str:
    """The audit line: which settings, to what (a message by its length only)."""
    said = [
        f"{name}={'(' + str(len(value)) + ' characters)' if name == 'message' and value else value}"
        for name, value in changes.items()
    ]
    return f"{url}: {', '.join(said) or 'nothing changed'}"


def change_story_by_token(token: ApiToken, url: str, key: str, title: str, body: dict) -> Thread:
    """A CMS sets a story's settings (creating its thread if need be); audited; commit.

    :raise Refused: `invalid_settings`; `origin_mismatch` when the page is another site's.
    """
    site = site_for_page(url)
    if site.id != token.site_id:
        raise Refused("origin_mismatch", _("This API token is for another site's pages."))
    changes = check_changes(body)
    thread = storage.get_or_create_thread(site.id, key, url, title)
    was_closed = bool(thread.closed)
    apply_changes(thread, changes)
    storage.record_token_use(token, "story", _describe(url, changes))
    if thread.closed and not was_closed:
        emit("thread.closed", thread)  # webhooks, as when a moderator closes it
    storage.commit()
    return thread


def change_story_by_moderator(moderator: Moderator, thread: Thread, changes: dict) -> list[str]:
    """A moderator sets a story's settings from its admin page; audited; commit."""
    was_closed = bool(thread.closed)
    changed = apply_changes(thread, check_changes(changes))
    if changed:
        detail = _describe(thread.url, {name: changes[name] for name in changed})
        storage.record_action(moderator, "story", detail=detail)
    if thread.closed and not was_closed:
        emit("thread.closed", thread)
    storage.commit()
    return changed
