"""The comment form: one set of rules for the JSON API and the no-JavaScript page."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

NAME_MAX = 80
WEBSITE_MAX = 200
# Characters that reorder or hide text: a name could impersonate another with them.
BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
TEXT_CONTROLS_KEPT = frozenset("\n\t")


def nfc(value: str | None) -> str | None:
    return None if value is None else unicodedata.normalize("NFC", value)


def strip(value: str | None) -> str | None:
    return None if value is None else value.strip()


def normalize_newlines(value: str | None) -> str | None:
    return None if value is None else value.replace("\r\n", "\n").replace("\r", "\n")


def has_control_characters(value: str, allowed: frozenset[str] = frozenset()) -> bool:
    """True when `value` holds C0/C1 control characters other than `allowed`."""
    return any(unicodedata.category(char) == "Cc" and char not in allowed for char in value)


def is_unsafe_single_line(value: str) -> bool:
    """Controls, line separators or bidi overrides: not in a name or an address."""
    return has_control_characters(value) or any(
        char in BIDI_CONTROLS or unicodedata.category(char) in ("Zl", "Zp") for char in value
    )


def is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class CommentForm(FlaskForm):
    """Name, email, website and text of a new comment."""

    name = StringField(
        "Name",
        validators=[InputRequired("Please enter your name."), Length(max=NAME_MAX)],
        filters=[nfc, strip],
    )
    email = StringField(
        "Email",
        validators=[InputRequired("Please enter your email address.")],
        filters=[strip],
    )
    website = StringField("Website", filters=[strip])
    text = TextAreaField(
        "Comment",
        validators=[InputRequired("Please write a comment.")],
        filters=[normalize_newlines, nfc, strip],
    )

    def validate_name(self, field) -> None:
        if not field.data:
            raise ValidationError("Please enter your name.")
        if is_unsafe_single_line(field.data):
            raise ValidationError("The name contains characters that are not allowed.")

    def validate_email(self, field) -> None:
        try:
            result = validate_email(
                field.data,
                check_deliverability=current_app.config["CHECK_EMAIL_DELIVERABILITY"],
            )
        except EmailNotValidError as exc:
            raise ValidationError(f"This is not a valid email address: {exc}") from exc
        # Stored and compared in one form: Unicode-normalised and lower-cased.
        field.data = result.normalized.lower()

    def validate_website(self, field) -> None:
        if not field.data:
            field.data = None
            return
        if len(field.data) > WEBSITE_MAX:
            raise ValidationError(f"The website address is longer than {WEBSITE_MAX} characters.")
        if is_unsafe_single_line(field.data) or any(c.isspace() for c in field.data):
            raise ValidationError("The website address contains characters that are not allowed.")
        if not is_http_url(field.data):
            raise ValidationError("The website must be an http:// or https:// address.")

    def validate_text(self, field) -> None:
        limit = current_app.config["MAX_COMMENT_LENGTH"]
        if not field.data:
            raise ValidationError("Please write a comment.")
        if len(field.data) > limit:
            raise ValidationError(f"The comment is longer than {limit:,} characters.")
        if has_control_characters(field.data, TEXT_CONTROLS_KEPT):
            raise ValidationError("The comment contains control characters that are not allowed.")
