"""An imported comment's fields through the live form's checks; what fails is mended and
counted, never a reason to lose the comment."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from widget.comments.forms import (
    CONTROLS,
    NAME_MAX,
    TEXT_CONTROLS_KEPT,
    CommentForm,
    is_unsafe_single_line,
    nfc,
    normalize_newlines,
    strip,
)

from .model import IncomingComment
from .report import Report

ANONYMOUS = "Anonymous"
KNOWN_MAX = 20_000  # checked emails and websites remembered (commenters come back)


class FieldChecks:
    """The live form's checks of name, email and website, one field at a time on one form:
    what a form per comment does, without building one per comment (a long import's cost).
    The text is only filtered: its checks (length, controls) are mended here, not refused."""

    def __init__(self) -> None:
        self.form = CommentForm(formdata=None, meta={"csrf": False})
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
    kept = "".join(" " if is_unsafe_single_line(char) else char for char in name or "")
    return " ".join(unicodedata.normalize("NFC", kept).split())[:NAME_MAX].strip()


def clean_fields(
    comment: IncomingComment, report: Report, checks: FieldChecks | None = None
) -> CleanFields | None:
    """The fields as live posts would store them, or None when there is no text to keep."""
    checks = checks or FieldChecks()
    name, name_failed = checks.check("name", comment.name or "")
    if comment.status == "deleted" and not name:
        name = ""  # an erased placeholder: nothing of its author is kept, or shown
    elif name_failed:
        name = _mend_name(name or "") or ANONYMOUS
        report.changed["name replaced"] += 1
    email, email_failed = checks.check("email", comment.email or "")
    if email_failed:
        email = ""
        report.changed["blank email"] += 1
    website, website_failed = checks.check("website", comment.website or "")
    website = website or None
    if website_failed:
        website = None
        report.changed["website dropped"] += 1
    text = strip(nfc(normalize_newlines(comment.text or ""))) or ""
    if not text and comment.status != "deleted":
        report.skipped["empty"] += 1
        return None
    if any(c not in TEXT_CONTROLS_KEPT for c in CONTROLS.findall(text)):
        text = CONTROLS.sub(lambda found: found[0] if found[0] in TEXT_CONTROLS_KEPT else "", text)
        report.changed["text cleaned"] += 1
    # A text longer than MAX_COMMENT_LENGTH is kept whole: it was published elsewhere.
    return CleanFields(name=name, email=email, website=website, text=text)
