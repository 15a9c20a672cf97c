"""Forms of the readers' newsroom pages: a report without JavaScript, a legal notice."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import ValidationError

from widget.comments.forms import (
    has_control_characters,
    is_unsafe_single_line,
    nfc,
    normalize_newlines,
    strip,
)
from widget.i18n import _
from widget.storage.models.newsroom import NOTICE_CATEGORIES, REPORT_REASONS

EXPLANATION_MAX = 5000
NAME_MAX = 80


class ReportForm(FlaskForm):
    """The reason a reader without JavaScript reports a comment."""

    language = "en"
    reason = StringField("Reason")

    def validate_reason(self, field) -> None:
        if field.data not in REPORT_REASONS:
            raise ValidationError(_("Please choose a category."))


class NoticeForm(FlaskForm):
    """A notice of illegal content (DSA Art. 16): messages in the notifier's language."""

    language = "en"
    category = StringField("Category")
    explanation = TextAreaField("Explanation", filters=[normalize_newlines, nfc, strip])
    name = StringField("Name", filters=[nfc, strip])
    email = StringField("Email", filters=[strip])
    good_faith = BooleanField("Good faith")

    def validate_category(self, field) -> None:
        if field.data not in NOTICE_CATEGORIES:
            raise ValidationError(_("Please choose a category."))

    def validate_explanation(self, field) -> None:
        if not field.data:
            raise ValidationError(_("This field is required."))
        if len(field.data) > EXPLANATION_MAX:
            raise ValidationError(
                _("This is longer than {n} characters.", n=format(EXPLANATION_MAX, ","))
            )
        if has_control_characters(field.data, frozenset("\n\t")):
            raise ValidationError(
                _("The comment contains control characters that are not allowed.")
            )

    def validate_name(self, field) -> None:
        field.data = field.data or ""
        if len(field.data) > NAME_MAX:
            raise ValidationError(_("This is longer than {n} characters.", n=NAME_MAX))
        if is_unsafe_single_line(field.data):
            raise ValidationError(_("The name contains characters that are not allowed."))

    def validate_email(self, field) -> None:
        if not field.data:
            field.data = ""
            return
        try:
            field.data = validate_email(field.data, check_deliverability=False).normalized.lower()
        except EmailNotValidError as exc:
            raise ValidationError(_("This is not a valid email address.")) from exc

    def validate_good_faith(self, field) -> None:
        if not field.data:
            raise ValidationError(_("This field is required."))
