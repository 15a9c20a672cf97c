"""Forms of the admin pages; every one carries a CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    EmailField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from widget.comments.forms import has_control_characters, is_unsafe_single_line
from widget.core.urls import normalize_origin
from widget.storage.models import MODERATION_MODES, WEBHOOK_EVENTS


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[InputRequired(), Length(max=320)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=1000)])


class ButtonForm(FlaskForm):
    """A form that is only a button: the CSRF token is all it carries."""


class AccountForm(FlaskForm):
    mail_held = BooleanField("Mail me when a comment is held for moderation")
    display_name = StringField(
        "Display name (signs your replies as the site; empty: the site's staff label)",
        validators=[Optional(), Length(max=80)],
    )

    def validate_display_name(self, field) -> None:
        field.data = (field.data or "").strip()
        if is_unsafe_single_line(field.data):
            raise ValidationError("The name contains characters that are not allowed.")


class StaffReplyForm(FlaskForm):
    """A moderator's reply as the site (newsroom)."""

    reply = TextAreaField("Reply", validators=[InputRequired(), Length(max=100_000)])


class DecisionForm(FlaskForm):
    """The decision on a notice of illegal content, with its statement of reasons (DSA Art. 17)."""

    # No default: the moderator picks one (a legal decision is never pre-filled).
    decision = RadioField(
        "Decision",
        choices=[
            SelectChoice("remove", "Remove the comment"),
            SelectChoice("restrict", "Restrict: hide it from readers, keep its text"),
            SelectChoice("keep", "Keep it published"),
        ],
        validators=[InputRequired("Choose a decision.")],
    )
    statement = TextAreaField(
        "Statement of reasons (mailed to the notifier)",
        validators=[InputRequired(), Length(max=10_000)],
    )


class EditCommentForm(FlaskForm):
    text = TextAreaField("Text", validators=[InputRequired(), Length(max=100_000)])

    def validate_text(self, field) -> None:
        if has_control_characters(field.data, frozenset("\n\t\r")):
            raise ValidationError("The text contains control characters.")


class BanForm(FlaskForm):
    kind = SelectField(
        "Ban by", choices=[SelectChoice("email", "Email"), SelectChoice("network", "Network")]
    )
    # DataRequired, not InputRequired: from a comment's page the view fills it in.
    value = StringField("Email or network", validators=[DataRequired(), Length(max=320)])
    days = IntegerField(
        "Days (empty: for ever)", validators=[Optional(), NumberRange(min=1, max=3650)]
    )
    note = StringField("Note", validators=[Optional(), Length(max=500)])


class SiteForm(FlaskForm):
    staff_label = StringField(
        "Staff label (the badge of replies as the site; empty: Staff / Redacción)",
        validators=[Optional(), Length(max=80)],
    )
    hold_on_notice = BooleanField(
        "Hold a comment while a legal notice about it is open", default=True
    )
    name = StringField("Name", validators=[InputRequired(), Length(max=200)])
    origins = TextAreaField("Origins, one per line", validators=[InputRequired(), Length(max=5000)])
    moderation = SelectField("Moderation", choices=[SelectChoice(m, m) for m in MODERATION_MODES])
    close_after_days = IntegerField(
        "Close threads after (days; empty: never)",
        validators=[Optional(), NumberRange(min=1, max=36500)],
    )
    hold_words = TextAreaField(
        "Hold for moderation when a comment contains (one word or phrase per line)",
        validators=[Optional(), Length(max=20000)],
    )
    spam_words = TextAreaField(
        "Mark as spam when a comment contains (one word or phrase per line)",
        validators=[Optional(), Length(max=20000)],
    )
    # The local pre-screen (issue 25; works when WIDGET_PRESCREEN is on).
    prescreen = BooleanField("Pre-screen toxicity: ask the writer to reconsider, then hold")
    toxicity_threshold = DecimalField(
        "Toxicity threshold (0.05 to 1; 0.8: clearly offensive)",
        places=2,
        default=0.8,
        validators=[Optional(), NumberRange(min=0.05, max=1)],
    )
    languages = StringField(
        "Languages of the site (codes such as en es, space-separated; empty: any). A comment "
        "surely in another language is held",
        validators=[Optional(), Length(max=200)],
    )

    def validate_languages(self, field) -> None:
        codes = (field.data or "").replace(",", " ").lower().split()
        if any(not (code.isascii() and code.isalpha() and 2 <= len(code) <= 3) for code in codes):
            raise ValidationError("Give language codes such as en or es, separated by spaces.")
        field.data = " ".join(dict.fromkeys(codes))

    def validate_origins(self, field) -> None:
        origins = []
        for line in field.data.split():
            try:
                origins.append(normalize_origin(line))
            except ValueError as exc:
                raise ValidationError(str(exc)) from exc
        self.origin_list = list(dict.fromkeys(origins))
        if not self.origin_list:
            raise ValidationError("Give at least one origin.")


class EraseForm(FlaskForm):
    """Erasing a commenter's data: the moderator must tick that they mean it."""

    confirm = BooleanField("I understand: this cannot be undone", validators=[DataRequired()])


class WebhookForm(FlaskForm):
    """A new webhook endpoint of a site: where, which events, which format."""

    url = StringField(
        "Endpoint URL", validators=[DataRequired(), Length(max=2048)], render_kw={"type": "url"}
    )
    events = SelectMultipleField(
        "Events",
        # Checked by the use case (at least one, each known): a `required` on every box
        # would make a browser ask for all of them.
        choices=[SelectChoice(event, event) for event in WEBHOOK_EVENTS],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    format = SelectField(
        "Format",
        choices=[
            SelectChoice("standard", "Standard Webhooks (signed JSON)"),
            SelectChoice("slack", "Slack-compatible (a message with links)"),
        ],
        default="standard",
    )
