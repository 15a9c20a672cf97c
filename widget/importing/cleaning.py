"""An imported comment's fields through the live form's checks; what fails is mended and
counted, never a reason to lose the comment."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from widget.comments.forms import NAME_MAX, TEXT_CONTROLS_KEPT, CommentForm, is_unsafe_single_line

from .model import IncomingComment
from .report import Report

ANONYMOUS = "Anonymous"


@dataclass(frozen=True)
class CleanFields:
    name: str
    email: str
    website: str | None
    text: str


def _mend_name(name: str) -> str:
    kept = "".join(" " if is_unsafe_single_line(char) else char for char in name or "")
    return " ".join(unicodedata.normalize("NFC", kept).split())[:NAME_MAX].strip()


def clean_fields(comment: IncomingComment, report: Report) -> CleanFields | None:
    """The fields as live posts would store them, or None when there is no text to keep."""
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
        name = _mend_name(form.name.data or "") or ANONYMOUS
        report.changed["name replaced"] += 1
    email = form.email.data
    if form.email.errors:
        email = ""
        report.changed["blank email"] += 1
    website = form.website.data or None
    if form.website.errors:
        website = None
        report.changed["website dropped"] += 1
    text = form.text.data or ""
    if not text and comment.status != "deleted":
        report.skipped["empty"] += 1
        return None
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in TEXT_CONTROLS_KEPT for c in text):
        text = "".join(
            c
            for c in text
            if unicodedata.category(c) not in ("Cc", "Cs") or c in TEXT_CONTROLS_KEPT
        )
        report.changed["text cleaned"] += 1
    # A text longer than MAX_COMMENT_LENGTH is kept whole: it was published elsewhere.
    return CleanFields(name=name, email=email, website=website, text=text)
