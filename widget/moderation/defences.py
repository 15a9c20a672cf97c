"""Spam and flood defences: each a setting (README, "Spam and flood defences").

`check_flood` refuses a post outright (409, 429); `classify` lets it in but decides it
must wait (pending) or is spam.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from limits import parse_many

from widget.comments.validation import NewComment
from widget.core.clients import Client
from widget.core.refusals import Refused
from widget.i18n import N_, _
from widget.i18n.labels import please_wait
from widget.storage.models import Site, Thread

from .checkers import Submission, verdict
from .word_lists import compiled

STRICTNESS = {"published": 0, "pending": 1, "shadow": 1, "spam": 2}
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


# The limits counted from stored comments: what each counts, and what it says when it refuses.
COUNTED_LIMITS = (
    ("POST_RATE_LIMIT", "client", N_("Too many comments from your address.")),
    ("EMAIL_RATE_LIMIT", "email", N_("Too many comments from this email address.")),
    ("THREAD_RATE_LIMIT", "thread", N_("Too many new comments in this thread from your address.")),
)


@dataclass(frozen=True)
class CountedLimit:
    """At most `amount` comments of `kind` (see storage.count_recent) within `window`."""

    kind: str
    amount: int
    window: timedelta
    message: str


def counted_limits(thread: Thread | None, new: NewComment) -> list[CountedLimit]:
    """The limits a new comment is held to, the duplicate check first."""
    limits = []
    minutes = current_app.config["DUPLICATE_WINDOW_MINUTES"]
    if thread is not None and minutes:
        limits.append(
            CountedLimit(
                "duplicate", 1, timedelta(minutes=minutes), N_("You've already said that.")
            )
        )
    for setting, kind, message in COUNTED_LIMITS:
        if kind == "thread" and (thread is None or new.parent_id is not None):
            continue  # a first comment opens the thread; replies do not count here
        limits.extend(
            CountedLimit(kind, amount, window, message) for amount, window in windows(setting)
        )
    return limits


def _too_many(message: str, oldest, window: timedelta, now) -> Refused:
    wait = max(1, math.ceil((oldest + window - now).total_seconds()))
    return Refused("rate_limited", f"{_(message)} {please_wait(wait)}", retry_after=wait)


def check_flood(
    limits: list[CountedLimit],
    counts: list[int],
    nth_newest: Callable[[CountedLimit], datetime | None],
    now: datetime,
) -> None:
    """Refuse repeats and floods, from the counts of the poster's stored comments.

    `counts` come from `storage.count_recent`, read under the lock on the client and
    the email: concurrent posts wait their turn, so each count is exact. `nth_newest`
    tells when the limit's `amount`-th newest counted comment was posted: the wait.
    """
    for limit, count in zip(limits, counts, strict=True):
        if count < limit.amount:
            continue
        if limit.kind == "duplicate":
            raise Refused("duplicate", _(limit.message))
        raise _too_many(limit.message, nth_newest(limit) or now, limit.window, now)


def _listed(words: str, haystack: str) -> str | None:
    """The first listed word or phrase found in `haystack`, or None (word_lists.py)."""
    return compiled(words).first(haystack) if words else None


def rephrase(language: str) -> Refused:
    """A reject word's refusal: it names no word, so it teaches no way around the list."""
    return Refused("rephrase", _("Please rephrase your comment."))


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
    haystack = "\n".join([text, name, email, website or "", user_agent])
    if word := _listed(site.spam_words, haystack):
        return "spam", [("spam_word", word)]
    if _listed(site.reject_words, "\n".join([text, name])):
        raise rephrase(client.language)  # what readers would see: its text and name
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
