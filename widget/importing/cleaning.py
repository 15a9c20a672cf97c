"""An imported comment's fields through the live form's checks; what fails is mended and
counted, never a reason to lose the comment."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from flask import current_app
from werkzeug.datastructures import MultiDict

from widget.comments.forms import (
    NAME_MAX,
    TEXT_CONTROLS_KEPT,
    CommentForm,
    is_unsafe_single_line,
    renders_as_nothing,
    stacks_marks,
)

from .model import IncomingComment
from .report import Report

ANONYMOUS = "Anonymous"
# An imported text may be longer than a live one (it was published elsewhere), up to this
# many times MAX_COMMENT_LENGTH; a longer one is refused, and readers never hold more of it.
IMPORT_LENGTH_FACTOR = 10


def longest_text() -> int:
    """The longest imported text kept, in characters."""
    return current_app.config["MAX_COMMENT_LENGTH"] * IMPORT_LENGTH_FACTOR


@dataclass(frozen=True)
class CleanFields:
    name: str
    email: str
    website: str | None
    text: str


def _mend_name(name: str) -> str:
    """The name without what the live form refuses, or ANONYMOUS when nothing shows."""
    kept = "".join(" " if is_unsafe_single_line(char) else char for char in name or "")
    mended = " ".join(unicodedata.normalize("NFC", kept).split())[:NAME_MAX].strip()
    if not mended or renders_as_nothing(mended) or stacks_marks(mended):
        return ANONYMOUS
    return mended


def clean_fields(comment: IncomingComment, report: Report) -> CleanFields | None:
    """The fields as live posts would store them, or None when the comment is skipped (no
    text, or a text too long). What was mended is noted in `comment.changes`; the importer
    counts it only for a comment it stores, so each comment lands in one line of the report."""
    if len(comment.text or "") > longest_text():
        report.skip("too long", comment)
        return None
    changes = comment.changes
    form = CommentForm(
        formdata=MultiDict(
            {
                "name": comment.name or "",
                "email": comment.email or "",
                "website": comment.website or "",
                "text": comment.text or "",
            }
        ),
        meta={"csrf": False},
    )
    form.validate()
    name = form.name.data
    if comment.status == "deleted" and not name:
        name = ""  # an erased placeholder: nothing of its author is kept, or shown
    elif form.name.errors:
        name = _mend_name(form.name.data or "")
        changes.append("name replaced")
    email = form.email.data
    if form.email.errors:
        email = ""
        changes.append("blank email")
    website = form.website.data or None
    if form.website.errors:
        website = None
        changes.append("website dropped")
    text = form.text.data or ""
    if not text and comment.status != "deleted":
        report.skip("empty", comment)
        return None
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in TEXT_CONTROLS_KEPT for c in text):
        text = "".join(
            c
            for c in text
            if unicodedata.category(c) not in ("Cc", "Cs") or c in TEXT_CONTROLS_KEPT
        )
        changes.append("text cleaned")
    # A text longer than MAX_COMMENT_LENGTH (up to longest_text()) is kept whole: it was
    # published elsewhere.
    return CleanFields(name=name, email=email, website=website, text=text)
