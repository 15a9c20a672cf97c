"""The comment form: one set of rules for the JSON API and the no-JavaScript page."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import ValidationError

from widget.i18n import _

NAME_MAX = 80
WEBSITE_MAX = 200
# Characters that reorder or hide text: a name could impersonate another with them.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Letters of no shape: Hangul fillers and the blank Braille pattern look like nothing.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Combining marks on one character: real scripts need a few, stacked "Zalgo" text
# needs dozens and overflows every box around it.
MAX_MARKS_PER_CHARACTER = 4
TEXT_CONTROLS_KEPT = frozenset("\n\t")
# Unicode's categories Cc (C0 and C1 controls, DEL) and Cs (surrogates), as one character class:
# the same test as unicodedata.category, without a Python call per character.
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# Bidi controls and Unicode's line and paragraph separators (categories Zl, Zp: U+2028, U+2029).
SINGLE_LINE_BREAKERS = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "\u2028\u2029]")
# Combining marks are never ASCII: more than MAX_MARKS_PER_CHARACTER of them need a longer run.
NON_ASCII_RUN = re.compile(f"[^\\x00-\\x7f]{{{MAX_MARKS_PER_CHARACTER + 1},}}")


def nfc(value: str | None) -> str | None:
    return None if value is None else unicodedata.normalize("NFC", value)


def strip(value: str | None) -> str | None:
    return None if value is None else value.strip()


def strip_blanks(value: str | None) -> str | None:
    return None if value is None else value.strip(" \t")


def normalize_newlines(value: str | None) -> str | None:
    return None if value is None else value.replace("\r\n", "\n").replace("\r", "\n")


def has_control_characters(value: str, allowed: frozenset[str] = frozenset()) -> bool:
    """True when `value` holds C0/C1 controls other than `allowed`, or lone surrogates
    (which no text encoding can store)."""
    return any(char not in allowed for char in CONTROLS.findall(value))


def is_unsafe_single_line(value: str) -> bool:
    """Controls, line separators or bidi overrides: not in a name or an address."""
    return has_control_characters(value) or bool(SINGLE_LINE_BREAKERS.search(value))


def renders_as_nothing(value: str) -> bool:
    """True when no character of `value` shows: only spaces, format characters (zero
    widths, tags), combining marks, and letters without a shape."""
    return all(
        char.isspace()
        or char in BLANK_LETTERS
        or unicodedata.category(char) in ("Cf", "Mn", "Me", "Zs")
        for char in value
    )


def stacks_marks(value: str) -> bool:
    """True when some character carries more than MAX_MARKS_PER_CHARACTER combining marks."""
    if value.isascii():
        return False
    # Precomposed letters count their marks; only runs of non-ASCII characters can hold them.
    for candidate in NON_ASCII_RUN.finditer(unicodedata.normalize("NFD", value)):
        run = 0
        for char in candidate.group():
            run = run + 1 if unicodedata.category(char) in ("Mn", "Me") else 0
            if run > MAX_MARKS_PER_CHARACTER:
                return True
    return False


def is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class CommentForm(FlaskForm):
    """Name, email, website and text of a new comment; messages in the reader's language."""

    # Set by whoever builds the form: the language of its messages.
    language = "en"

    name = StringField("Name", filters=[nfc, strip])
    # Only spaces and tabs are trimmed: an address with CR or LF around it is refused.
    email = StringField("Email", filters=[strip_blanks])
    website = StringField("Website", filters=[strip])
    text = TextAreaField("Comment", filters=[normalize_newlines, nfc, strip])
    # "Notify me of follow-up comments by email." (shown only when mail is on)
    notify = BooleanField("Notify me")

    def validate_name(self, field) -> None:
        if not field.data:
            raise ValidationError(_("Please enter your name."))
        if len(field.data) > NAME_MAX:
            raise ValidationError(_("The name is longer than {n} characters.", n=NAME_MAX))
        if is_unsafe_single_line(field.data):
            raise ValidationError(_("The name contains characters that are not allowed."))
        if renders_as_nothing(field.data):
            raise ValidationError(_("The name must contain letters or other visible characters."))
        if stacks_marks(field.data):
            raise ValidationError(_("The name stacks too many accents on one letter."))

    def validate_email(self, field) -> None:
        if not field.data:
            raise ValidationError(_("Please enter your email address."))
        try:
            result = validate_email(
                field.data,
                check_deliverability=current_app.config["CHECK_EMAIL_DELIVERABILITY"],
            )
        except EmailNotValidError as exc:
            raise ValidationError(
                _("This is not a valid email address: {reason}", reason=exc)
            ) from exc
        # Stored and compared in one form: Unicode-normalised and lower-cased.
        field.data = result.normalized.lower()

    def validate_website(self, field) -> None:
        if not field.data:
            field.data = None
            return
        if len(field.data) > WEBSITE_MAX:
            raise ValidationError(
                _("The website address is longer than {n} characters.", n=WEBSITE_MAX)
            )
        if is_unsafe_single_line(field.data) or any(c.isspace() for c in field.data):
            raise ValidationError(
                _("The website address contains characters that are not allowed.")
            )
        if not is_http_url(field.data):
            raise ValidationError(_("The website must be an http:// or https:// address."))

    def validate_text(self, field) -> None:
        limit = current_app.config["MAX_COMMENT_LENGTH"]
        if not field.data:
            raise ValidationError(_("Please write a comment."))
        if len(field.data) > limit:
            raise ValidationError(
                _("The comment is longer than {n} characters.", n=format(limit, ","))
            )
        if has_control_characters(field.data, TEXT_CONTROLS_KEPT):
            raise ValidationError(
                _("The comment contains control characters that are not allowed.")
            )
        if stacks_marks(field.data):
            raise ValidationError(_("The comment stacks too many accents on one letter."))
