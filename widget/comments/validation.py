"""Checks of JSON payloads and query parameters; each failure is a Refused."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from werkzeug.datastructures import MultiDict

from widget.core.refusals import Refused, invalid_fields
from widget.core.urls import canonical_url
from widget.i18n import _

from .forms import CommentForm, is_unsafe_single_line

# A field people never see (hidden from eyes and screen readers); bots fill it in.
HONEYPOT_FIELD = "homepage"
# What a client may send when posting; anything else is ignored.
ACCEPTED_FIELDS = (
    "url",
    "thread",
    "title",
    "parent_id",
    "published",  # the article's publication time, from the embedding page (issue 24)
    "name",
    "email",
    "website",
    "text",
    "form_token",
    "lang",
    "notify",
    "commenter_key",  # the returning commenter's proof (comments/proof.py)
    "reconsidered",  # true: the reader saw the pre-screen's nudge and posts anyway
    HONEYPOT_FIELD,
)
FORM_FIELDS = ("name", "email", "website", "text")
THREAD_ID_MAX = 200
TITLE_MAX = 300


@dataclass(frozen=True)
class NewComment:
    """A comment payload that passed every check."""

    page_url: str
    thread_key: str
    title: str
    parent_id: int | None
    name: str
    email: str
    website: str | None
    text: str
    form_token: str
    honeypot: str = ""
    # Mail me replies (double opt-in); ignored when mail is off.
    notify: bool = False
    # The key an earlier post from this browser answered with (comments/proof.py).
    commenter_key: str | None = None
    # When the article was published, as its page says (data-published, article:published_time).
    published: datetime | None = None
    # The reader was asked to reconsider (422 `reconsider`) and posts it (changed or not).
    reconsidered: bool = False


def page_url_param(value: object) -> str:
    """Canonical form of the page URL a client names, or 400."""
    try:
        if isinstance(value, str) and len(value) <= 2048:
            return _canonical(value)  # the same few URLs are read over and over
        return canonical_url(value)  # type: ignore[arg-type]
    except ValueError as exc:
        raise Refused("invalid_url", str(exc), {"url": [str(exc)]}) from exc


@lru_cache(maxsize=4096)
def _canonical(value: str) -> str:
    return canonical_url(value)


def thread_key_param(url: str, thread: object) -> str:
    """An explicit thread id wins over the page URL (Disqus's identifier)."""
    if thread is None or thread == "":
        return url
    if not isinstance(thread, str) or len(thread) > THREAD_ID_MAX or is_unsafe_single_line(thread):
        message = _("The thread id must be text of at most {n} characters.", n=THREAD_ID_MAX)
        raise Refused("invalid_thread", message, {"thread": [message]})
    return unicodedata.normalize("NFC", thread.strip()) or url


def whole_number(value: str | None) -> int | None:
    """A whole number written in ASCII digits (at most 9, so any int column holds it), or None."""
    if value and value.isascii() and value.isdigit() and len(value) < 10:
        return int(value)
    return None


def int_param(name: str, value: str | None, default: int, low: int, high: int) -> int:
    """An integer query parameter within [low, high], or 400."""
    if value is None or value == "":
        return default
    number = whole_number(value)
    number = low - 1 if number is None else number
    if not low <= number <= high:
        message = _(
            "`{parameter}` must be a whole number from {low} to {high}.",
            parameter=name,
            low=low,
            high=high,
        )
        raise Refused(f"invalid_{name}", message, {name: [message]})
    return number


def _type_errors(payload: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field in ACCEPTED_FIELDS:
        value = payload.get(field)
        if field == "parent_id":
            if value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**31
            ):
                errors[field] = ["Must be the id (a whole number) of the comment replied to."]
        elif field in ("notify", "reconsidered"):
            if value is not None and not isinstance(value, bool):
                errors[field] = ["Must be true or false."]
        elif value is not None and not isinstance(value, str):
            errors[field] = ["Must be a string."]
    return errors


def title_param(value: object) -> str:
    """A page title as given in a query (the admin API): one safe line, cut to its maximum."""
    return _title(value if isinstance(value, str) else None)


def _title(value: str | None) -> str:
    title = unicodedata.normalize("NFC", (value or "").strip())
    title = "".join(" " if is_unsafe_single_line(char) else char for char in title)
    return title[:TITLE_MAX]


class SignedInCommentForm(CommentForm):
    """A verified commenter's form: name and email come from their profile, not the form."""

    name = None
    email = None


def validate_new_comment(
    payload: dict, language: str, author: tuple[str, str] | None = None
) -> NewComment:
    """Check a POST /api/comments payload; refuse with per-field messages in `language`.

    `author`: a signed-in commenter's (name, email); the payload's are ignored.
    """
    errors = _type_errors(payload)
    if errors:
        raise invalid_fields(errors)
    fields = FORM_FIELDS if author is None else ("website", "text")
    form = (CommentForm if author is None else SignedInCommentForm)(
        formdata=MultiDict({f: payload[f] for f in fields if payload.get(f) is not None}),
        meta={"csrf": False},
    )
    form.language = language
    return _new_comment(form, payload, author)


def validate_preview(payload: dict, language: str) -> tuple[str, str]:
    """Check a POST /api/preview payload: the page's URL, and a text checked as a comment's."""
    errors = {
        field: ["Must be a string."]
        for field in ("url", "text", "lang")
        if payload.get(field) is not None and not isinstance(payload.get(field), str)
    }
    if errors:
        raise invalid_fields(errors)
    url = page_url_param(payload.get("url"))
    form = CommentForm(
        formdata=MultiDict({"text": payload.get("text") or ""}), meta={"csrf": False}
    )
    form.language = language
    if not form.text.validate(form, [lambda form, field: form.validate_text(field)]):
        raise invalid_fields({"text": form.text.errors})
    return url, form.text.data


def validate_form_post(
    form: CommentForm, values: Mapping[str, str], commenter_key: str | None = None
) -> NewComment:
    """Check a post of the no-JavaScript form (CSRF included); same rules, same errors."""
    given = values.get("parent_id") or None
    parent = None if given is None else whole_number(given) or -1  # -1: refused as not an id
    hidden = {
        name: values.get(name) for name in ("url", "thread", "title", "form_token", HONEYPOT_FIELD)
    }
    errors = _type_errors({**hidden, "parent_id": parent})
    if errors:
        raise invalid_fields(errors)
    extra = {
        "parent_id": parent,
        "notify": form.notify.data,
        "commenter_key": commenter_key,
        "reconsidered": values.get("reconsidered") == "1",  # after the pre-screen's nudge
    }
    return _new_comment(form, {**hidden, **extra})


def _new_comment(
    form: CommentForm, values: Mapping, author: tuple[str, str] | None = None
) -> NewComment:
    url = page_url_param(values.get("url"))
    thread_key = thread_key_param(url, values.get("thread"))
    if not form.validate():
        raise invalid_fields(form.errors)
    token = values.get("form_token")
    if not token:
        message = _("The form token is missing; reload the page and try again.")
        raise Refused("missing_form_token", message)
    return NewComment(
        page_url=url,
        thread_key=thread_key,
        title=_title(values.get("title")),
        parent_id=values.get("parent_id"),
        name=author[0] if author else form.name.data,
        email=author[1] if author else form.email.data,
        website=form.website.data,
        text=form.text.data,
        form_token=token,
        honeypot=(values.get(HONEYPOT_FIELD) or "").strip(),
        # a signed-in commenter without an address has nowhere to be told
        notify=bool(values.get("notify")) and (author is None or bool(author[1])),
        commenter_key=values.get("commenter_key"),
        published=published_time(values.get("published")),
        reconsidered=bool(values.get("reconsidered")),
    )


def published_time(value: object) -> datetime | None:
    """A page's publication time (ISO 8601) as aware UTC; None when absent or unreadable
    (a page's markup is not the commenter's fault: the post goes on)."""
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC) if moment.year >= 1990 else None
