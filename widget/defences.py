"""Spam and flood defences: each a setting (README, "Spam and flood defences").

`check_flood` refuses a post outright (409, 429); `classify` lets it in but decides it
must wait (pending) or is spam.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta

from flask import current_app
from limits import parse_many

from .checkers import Submission, verdict
from .clients import Client
from .models import Site, Thread
from .refusals import Refused
from .storage import RecentComment
from .validation import NewComment

STRICTNESS = {"published": 0, "pending": 1, "spam": 2}
_LINK = re.compile(r"<a\s")


# Per-address limits, which RATELIMIT_ENABLED turns off with flask-limiter's.
ADDRESS_LIMITS = frozenset({"POST_RATE_LIMIT", "LOGIN_RATE_LIMIT"})


def windows(setting: str) -> list[tuple[int, timedelta]]:
    """Each limit of a setting such as "3 per hour;10 per day", as (amount, window)."""
    if setting in ADDRESS_LIMITS and not current_app.config["RATELIMIT_ENABLED"]:
        return []
    return [
        (limit.amount, timedelta(seconds=limit.get_expiry()))
        for limit in parse_many(current_app.config[setting])
    ]


# The limits counted from stored comments, and what each says when it refuses.
COUNTED_LIMITS = (
    ("POST_RATE_LIMIT", "Too many comments from your address."),
    ("EMAIL_RATE_LIMIT", "Too many comments from this email address."),
    ("THREAD_RATE_LIMIT", "Too many new comments in this thread from your address."),
)


def flood_window() -> timedelta:
    """How far back `check_flood` needs to look."""
    spans = [window for setting, _ in COUNTED_LIMITS for _, window in windows(setting)]
    spans.append(timedelta(minutes=current_app.config["DUPLICATE_WINDOW_MINUTES"]))
    return max(spans, default=timedelta(0))


def _too_many(message: str, oldest, window: timedelta, now) -> Refused:
    wait = max(1, math.ceil((oldest + window - now).total_seconds()))
    return Refused("rate_limited", f"{message} Please wait {wait} seconds.", retry_after=wait)


def check_flood(
    activity: list[RecentComment], thread: Thread | None, new: NewComment, now: datetime
) -> None:
    """Refuse repeats and floods, counting the stored comments of this client and email.

    `activity` comes from `storage.recent_activity`, read under the lock on the client
    and the email: concurrent posts wait their turn, so each count is exact.
    """
    minutes = current_app.config["DUPLICATE_WINDOW_MINUTES"]
    if thread is not None and minutes:
        since = now - timedelta(minutes=minutes)
        if any(
            c.same_text and c.thread_id == thread.id and c.created_at >= since for c in activity
        ):
            raise Refused("duplicate", "You've already said that.")
    counted = {
        "POST_RATE_LIMIT": [c.created_at for c in activity if c.same_client],
        "EMAIL_RATE_LIMIT": [c.created_at for c in activity if c.same_email],
        "THREAD_RATE_LIMIT": [
            c.created_at
            for c in activity
            if thread is not None
            and new.parent_id is None
            and c.same_client
            and c.thread_id == thread.id
            and c.top_level
        ],
    }
    for setting, message in COUNTED_LIMITS:
        for amount, window in windows(setting):
            times = [moment for moment in counted[setting] if moment >= now - window]
            if len(times) >= amount:
                raise _too_many(message, times[-amount], window, now)


def _listed(words: str, haystack: str) -> str | None:
    """The first listed word or phrase found in `haystack`, or None."""
    return next((word for word in words.lower().splitlines() if word and word in haystack), None)


# A reason a rule gave: (code, detail), recorded with the comment (see held.py).
Reason = tuple[str, str]


def classify(site: Site, **fields) -> str | None:
    """ "spam", "pending", or None when no defence objects (new comments and edits alike)."""
    return classify_with_reasons(site, **fields)[0]


def classify_with_reasons(
    site: Site,
    *,
    page_url: str,
    name: str,
    email: str,
    website: str | None,
    text: str,
    html: str,
    client: Client,
    honeypot: str = "",
) -> tuple[str | None, list[Reason]]:
    """`classify`'s verdict, with the rules that gave it (a word, a count, an answer)."""
    config = current_app.config
    if config["HONEYPOT"] and honeypot:
        return "spam", [("honeypot", "")]
    user_agent = client.user_agent
    haystack = "\n".join([text, name, email, website or "", user_agent]).lower()
    if word := _listed(site.spam_words, haystack):
        return "spam", [("spam_word", word)]
    if word := _listed(site.hold_words, haystack):
        return "pending", [("word", word)]
    links = config["HOLD_LINK_COUNT"]
    found = len(_LINK.findall(html))
    reasons: list[Reason] = []
    if links and found >= links:
        reasons.append(("links", str(found)))
    answer = verdict(
        Submission(
            page_url=page_url,
            name=name,
            email=email,
            website=website,
            text=text,
            client_address=str(client.address or ""),
            user_agent=user_agent,
            referrer=client.referrer,
            language=client.browser_language,
        )
    )
    if answer == "spam":
        return "spam", [*reasons, ("checker", "spam")]
    if answer == "error":
        reasons.append(("checker", "error"))
    return ("pending" if reasons else None), reasons


def strictest(*statuses: str | None) -> str:
    """Of several verdicts, the one that trusts least."""
    return max((s for s in statuses if s), key=STRICTNESS.__getitem__)
