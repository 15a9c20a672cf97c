"""An imported comment's fields through the live form's checks; what fails is mended and
counted, never a reason to lose the comment."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from flask import current_app
from werkzeug.datastructures import MultiDict

from widget.comments.forms import (
    CONTROLS,
    NAME_MAX,
    TEXT_CONTROLS_KEPT,
    CommentForm,
    is_unsafe_single_line,
    nfc,
    normalize_newlines,
    renders_as_nothing,
    stacks_marks,
    strip,
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


KNOWN_MAX = 20_000  # checked emails and websites remembered (commenters come back)


class FieldChecks:
    """The live form's checks of name, email and website, one field at a time on one form:
    what a form per comment does, without building one per comment (a long import's cost).
    The text is only filtered: its checks (length, controls) are mended here, not refused."""

    def __init__(self) -> None:
        self.form = CommentForm(formdata=None, meta={"csrf": False})
        self.longest = longest_text()  # (a setting: read once, not per comment)
        self.known: dict[tuple[str, str], tuple[object, bool]] = {}

    def check(self, name: str, value: str) -> tuple[object, bool]:
        """(the field's data after filters and checks, whether a check failed)."""
        remembered = name != "name"  # names rarely repeat; emails and websites do
        if remembered and (name, value) in self.known:
            return self.known[(name, value)]
        field = self.form[name]
        field.process(MultiDict({name: value}))
        inline = getattr(CommentForm, f"validate_{name}")
        result = (field.data, not field.validate(self.form, [inline]))
        if remembered:
            if len(self.known) >= KNOWN_MAX:
                self.known.clear()
            self.known[(name, value)] = result
        return result


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


def clean_fields(
    comment: IncomingComment, report: Report, checks: FieldChecks | None = None
) -> CleanFields | None:
    """The fields as live posts would store them, or None when the comment is skipped (no
    text, or a text too long). What was mended is noted in `comment.changes`; the importer
    counts it only for a comment it stores, so each comment lands in one line of the report."""
    checks = checks or FieldChecks()
    if len(comment.text or "") > checks.longest:
        report.skip("too long", comment)
        return None
    changes = comment.changes
    name, name_failed = checks.check("name", comment.name or "")
    if comment.status == "deleted" and not name:
        name = ""  # an erased placeholder: nothing of its author is kept, or shown
    elif name_failed:
        name = _mend_name(name or "")
        changes.append("name replaced")
    email, email_failed = checks.check("email", comment.email or "")
    if email_failed:
        email = ""
        changes.append("blank email")
    website, website_failed = checks.check("website", comment.website or "")
    website = website or None
    if website_failed:
        website = None
        changes.append("website dropped")
    text = strip(nfc(normalize_newlines(comment.text or ""))) or ""
    if not text and comment.status != "deleted":
        report.skip("empty", comment)
        return None
    if any(c not in TEXT_CONTROLS_KEPT for c in CONTROLS.findall(text)):
        text = CONTROLS.sub(lambda found: found[0] if found[0] in TEXT_CONTROLS_KEPT else "", text)
        changes.append("text cleaned")
    # A text longer than MAX_COMMENT_LENGTH (up to longest_text()) is kept whole: it was
    # published elsewhere.
    return CleanFields(name=name, email=email, website=website, text=text)
