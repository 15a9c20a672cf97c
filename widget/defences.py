"""Spam and flood defences: each a setting (README, "Spam and flood defences").

`check_flood` refuses a post outright (409, 429); `classify` lets it in but decides it
must wait (pending) or is spam.
"""

from __future__ import annotations

import math
import re
from datetime import timedelta

from flask import current_app, request
from limits import parse_many

from . import storage
from .checkers import Submission, verdict
from .errors import ApiError
from .models import Site, Thread, utcnow
from .validation import NewComment

STRICTNESS = {"published": 0, "pending": 1, "spam": 2}
_LINK = re.compile(r"<a\s")


def _windows(setting: str) -> list[tuple[int, timedelta]]:
    """Each limit of a setting such as "3 per hour;10 per day", as (amount, window)."""
    return [
        (limit.amount, timedelta(seconds=limit.get_expiry()))
        for limit in parse_many(current_app.config[setting])
    ]


def _too_many(message: str, oldest, window: timedelta) -> ApiError:
    wait = max(1, math.ceil((oldest + window - utcnow()).total_seconds()))
    return ApiError(429, "rate_limited", f"{message} Please wait {wait} seconds.", retry_after=wait)


def check_flood(thread: Thread | None, new: NewComment, network: str) -> None:
    """Refuse repeats and floods before anything is stored."""
    minutes = current_app.config["DUPLICATE_WINDOW_MINUTES"]
    if (
        thread is not None
        and minutes
        and storage.has_recent_duplicate(
            thread.id, new.text, new.email, network, utcnow() - timedelta(minutes=minutes)
        )
    ):
        raise ApiError(409, "duplicate", "You've already said that.")
    for amount, window in _windows("EMAIL_RATE_LIMIT"):
        times = storage.recent_times(since=utcnow() - window, email=new.email)
        if len(times) >= amount:
            raise _too_many("Too many comments from this email address.", times[-amount], window)
    if thread is None or new.parent_id is not None:
        return
    for amount, window in _windows("THREAD_RATE_LIMIT"):
        times = storage.recent_times(
            since=utcnow() - window, thread_id=thread.id, network=network, top_level=True
        )
        if len(times) >= amount:
            raise _too_many(
                "Too many new comments in this thread from your address.", times[-amount], window
            )


def _listed(words: str, haystack: str) -> bool:
    return any(word and word in haystack for word in words.lower().splitlines())


def classify(
    site: Site,
    *,
    page_url: str,
    name: str,
    email: str,
    website: str | None,
    text: str,
    html: str,
    honeypot: str = "",
) -> str | None:
    """ "spam", "pending", or None when no defence objects (new comments and edits alike)."""
    config = current_app.config
    if config["HONEYPOT"] and honeypot:
        return "spam"
    user_agent = request.user_agent.string
    haystack = "\n".join([text, name, email, website or "", user_agent]).lower()
    if _listed(site.spam_words, haystack):
        return "spam"
    if _listed(site.hold_words, haystack):
        return "pending"
    links = config["HOLD_LINK_COUNT"]
    held = bool(links) and len(_LINK.findall(html)) >= links
    answer = verdict(
        Submission(
            page_url=page_url,
            name=name,
            email=email,
            website=website,
            text=text,
            client_address=request.remote_addr or "",
            user_agent=user_agent,
            referrer=request.referrer or "",
            language=request.accept_languages.best or "",
        )
    )
    if answer == "spam":
        return "spam"
    return "pending" if held or answer == "error" else None


def strictest(*statuses: str | None) -> str:
    """Of several verdicts, the one that trusts least."""
    return max((s for s in statuses if s), key=STRICTNESS.__getitem__)
