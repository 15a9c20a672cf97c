"""External spam checkers, behind one small interface; none is called unless configured.

A checker is a function `check(submission) -> "spam" | "ham"`. `WIDGET_SPAM_CHECKER` names
it: `akismet` for the built-in Akismet client, or `package.module:function` for your own.
If it raises or times out, the comment is held for a moderator rather than published.
"""

from __future__ import annotations

import importlib
import logging
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 5


@dataclass(frozen=True)
class Submission:
    """What a checker may see of a new comment. The raw address lives only in memory."""

    page_url: str
    name: str
    email: str
    website: str | None
    text: str
    client_address: str
    user_agent: str
    referrer: str
    language: str


Checker = Callable[[Submission], str]


def akismet(submission: Submission) -> str:
    """Akismet's comment-check call: "spam" or "ham"."""
    config = current_app.config
    parts = urllib.parse.urlsplit(submission.page_url)
    fields = {
        "api_key": config["AKISMET_API_KEY"],
        "blog": f"{parts.scheme}://{parts.netloc}/",
        "permalink": submission.page_url,
        "comment_type": "comment",
        "comment_author": submission.name,
        "comment_author_email": submission.email,
        "comment_author_url": submission.website or "",
        "comment_content": submission.text,
        "user_ip": submission.client_address,
        "user_agent": submission.user_agent,
        "referrer": submission.referrer,
        "blog_lang": submission.language,
    }
    request = urllib.request.Request(
        config["AKISMET_URL"],
        data=urllib.parse.urlencode(fields).encode(),
        headers={"User-Agent": "Tertulia/0.1 | Akismet"},
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        answer = response.read().decode().strip()
    if answer not in ("true", "false"):
        raise RuntimeError(f"Akismet answered {answer[:100]!r}")
    return "spam" if answer == "true" else "ham"


def load_checker(name: str) -> Checker:
    """The checker `name` names; ImportError or AttributeError when there is none."""
    if name == "akismet":
        return akismet
    module, _, attribute = name.partition(":")
    return getattr(importlib.import_module(module), attribute)


def verdict(submission: Submission) -> str | None:
    """ "spam", "ham", "error" (hold it), or None when no checker is configured."""
    name = current_app.config["SPAM_CHECKER"]
    if not name:
        return None
    try:
        answer = load_checker(name)(submission)
    except Exception:  # any failure of someone else's service: hold, never lose the comment
        log.warning("The spam checker failed on %s", submission.page_url, exc_info=True)
        return "error"
    return answer if answer in ("spam", "ham") else "error"
