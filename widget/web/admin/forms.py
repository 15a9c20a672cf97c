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
from widget.i18n import SHIPPED, language_name
from widget.i18n import lazy_gettext as _l
from widget.i18n import lazy_pgettext as _lp
from widget.identity.badges import parse_labels
from widget.sites.editing import TOXICITY_RANGE, language_codes
from widget.storage.models import MODERATION_MODES, THREAD_MODERATION_MODES, WEBHOOK_EVENTS


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[InputRequired(), Length(max=320)])
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=1000)])


class ButtonForm(FlaskForm):
    """A form that is only a button: the CSRF token is all it carries."""


class AccountForm(FlaskForm):
    mail_held = BooleanField(_l("Mail me when a comment is held for moderation"))
    display_name = StringField(
        _l("Display name (signs your replies as the site; empty: the site's staff label)"),
        validators=[Optional(), Length(max=80)],
    )

    lang = SelectField(
        _l("Language of the admin"),
        choices=[SelectChoice("", _l("Your browser's"))]
        + [SelectChoice(code, language_name(code)) for code in SHIPPED],
        default="",
    )

    def validate_display_name(self, field) -> None:
        field.data = (field.data or "").strip()
        if is_unsafe_single_line(field.data):
            raise ValidationError(_l("The name contains characters that are not allowed."))


class StaffReplyForm(FlaskForm):
    """A moderator's reply as the site (newsroom)."""

    reply = TextAreaField(_l("Reply"), validators=[InputRequired(), Length(max=100_000)])


class DecisionForm(FlaskForm):
    """The decision on a notice of illegal content, with its statement of reasons (DSA Art. 17)."""

    # No default: the moderator picks one (a legal decision is never pre-filled).
    decision = RadioField(
        _l("Decision"),
        choices=[
            SelectChoice("remove", _l("Remove the comment")),
            SelectChoice("restrict", _l("Restrict: hide it from readers, keep its text")),
            SelectChoice("keep", _l("Keep it published")),
        ],
        validators=[InputRequired(_l("Choose a decision."))],
    )
    statement = TextAreaField(
        _l("Statement of reasons (mailed to the notifier)"),
        validators=[InputRequired(), Length(max=10_000)],
    )


class EditCommentForm(FlaskForm):
    text = TextAreaField(_l("Text"), validators=[InputRequired(), Length(max=100_000)])

    def validate_text(self, field) -> None:
        if has_control_characters(field.data, frozenset("\n\t\r")):
            raise ValidationError(_l("The text contains control characters."))


class BanForm(FlaskForm):
    kind = SelectField(
        _l("Ban by"),
        choices=[
            SelectChoice("email", _lp("ban by", "Email")),
            SelectChoice("network", _lp("ban by", "Network")),
            # from a comment's page: its verified commenter's account (issue 23)
            SelectChoice("user", _lp("ban by", "Verified commenter")),
        ],
    )
    # DataRequired, not InputRequired: from a comment's page the view fills it in.
    value = StringField(_l("Email or network"), validators=[DataRequired(), Length(max=320)])
    days = IntegerField(
        _l("Days (empty: for ever)"), validators=[Optional(), NumberRange(min=1, max=3650)]
    )
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])


class SiteForm(FlaskForm):
    staff_label = StringField(
        _l("Staff label (the badge of replies as the site; empty: Staff / Redacción)"),
        validators=[Optional(), Length(max=80)],
    )
    hold_on_notice = BooleanField(
        _l("Hold a comment while a legal notice about it is open"), default=True
    )
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=200)])
    origins = TextAreaField(
        _l("Origins, one per line"), validators=[InputRequired(), Length(max=5000)]
    )
    moderation = SelectField(
        _l("Moderation"),
        choices=[SelectChoice(m, _lp("moderation mode", m)) for m in MODERATION_MODES],
    )
    close_after_days = IntegerField(
        _l("Close threads after (days; empty: never)"),
        validators=[Optional(), NumberRange(min=1, max=36500)],
    )
    hold_words = TextAreaField(
        _l("Hold for moderation when a comment contains (one word or phrase per line)"),
        validators=[Optional(), Length(max=60000)],
    )
    spam_words = TextAreaField(
        _l("Mark as spam when a comment contains (one word or phrase per line)"),
        validators=[Optional(), Length(max=60000)],
    )
    reject_words = TextAreaField(
        _l("Refuse a comment that contains (the reader is asked to rephrase; one per line)"),
        validators=[Optional(), Length(max=60000)],
    )
    who_may_comment = SelectField(
        _l("Who may comment"),
        choices=[
            SelectChoice("everyone", _l("everyone (guests too)")),
            SelectChoice("verified", _l("verified readers (the site's accounts or email sign-in)")),
            SelectChoice("sso", _l("the site's own accounts only (SSO)")),
        ],
        default="everyone",
    )
    badge_labels = TextAreaField(
        _l("Badges' labels (one per line: key = English | Español | fr: Français | de: Deutsch …)"),
        validators=[Optional(), Length(max=5000)],
    )

    def validate_badge_labels(self, field) -> None:
        try:
            parse_labels(field.data or "")
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc

    # The local pre-screen (issue 25; works when WIDGET_PRESCREEN is on).
    prescreen = BooleanField(_l("Pre-screen toxicity: ask the writer to reconsider, then hold"))
    toxicity_threshold = DecimalField(
        _l("Toxicity threshold (0.05 to 1; 0.8: clearly offensive)"),
        places=2,
        default=0.8,
        validators=[Optional(), NumberRange(min=TOXICITY_RANGE[0], max=TOXICITY_RANGE[1])],
    )
    languages = StringField(
        _l(
            "Languages of the site (codes such as en es, space-separated; empty: any). A comment "
            "surely in another language is held"
        ),
        validators=[Optional(), Length(max=200)],
    )

    def validate_languages(self, field) -> None:
        try:
            field.data = language_codes(field.data or "")
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc

    def validate_origins(self, field) -> None:
        origins = []
        for line in field.data.split():
            try:
                origins.append(normalize_origin(line))
            except ValueError as exc:
                raise ValidationError(str(exc)) from exc
        self.origin_list = list(dict.fromkeys(origins))
        if not self.origin_list:
            raise ValidationError(_l("Give at least one origin."))


class EraseForm(FlaskForm):
    """Erasing a commenter's data: the moderator must tick that they mean it."""

    confirm = BooleanField(_l("I understand: this cannot be undone"), validators=[DataRequired()])


class WebhookForm(FlaskForm):
    """A new webhook endpoint of a site: where, which events, which format."""

    url = StringField(
        _l("Endpoint URL"), validators=[DataRequired(), Length(max=2048)], render_kw={"type": "url"}
    )
    events = SelectMultipleField(
        _l("Events"),
        # Checked by the use case (at least one, each known): a `required` on every box
        # would make a browser ask for all of them.
        choices=[SelectChoice(event, event) for event in WEBHOOK_EVENTS],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    format = SelectField(
        _l("Format"),
        choices=[
            SelectChoice("standard", _l("Standard Webhooks (signed JSON)")),
            SelectChoice("slack", _l("Slack-compatible (a message with links)")),
        ],
        default="standard",
    )


class StoryForm(FlaskForm):
    """A thread's story settings (issue 24); empty is the site's value."""

    moderation = SelectField(
        _l("Moderation"),
        choices=[SelectChoice("", _l("The site's"))]
        + [SelectChoice(m, _lp("moderation mode", m)) for m in THREAD_MODERATION_MODES],
    )
    closed = BooleanField(_l("Closed now"))
    close_after_days = IntegerField(
        _l("Close after (days from the article's publication; empty: the site's)"),
        validators=[Optional(), NumberRange(min=1, max=3650)],
    )
    message = TextAreaField(
        _l("Message above the form (Markdown)"), validators=[Optional(), Length(max=2000)]
    )
    mode = SelectField(
        _l("Kind"),
        choices=[
            SelectChoice("", _lp("thread kind", "Comments")),
            SelectChoice("qa", _l("Questions and answers")),
        ],
    )

    def changes(self) -> dict:
        """The settings as the admin API takes them (None: the site's value)."""
        return {
            "moderation": self.moderation.data or None,
            "closed": bool(self.closed.data),
            "close_after_days": self.close_after_days.data,
            "message": self.message.data or None,
            "mode": self.mode.data or None,
        }


class LadderForm(FlaskForm):
    """A rung of the moderation ladder for a comment's author (the button says which)."""

    duration = RadioField(
        _l("Time-out for"),
        choices=[
            SelectChoice("1h", _l("1 hour")),
            SelectChoice("24h", _l("24 hours")),
            SelectChoice("7d", _l("7 days")),
            SelectChoice("custom", _l("Custom (hours)")),
        ],
        default="24h",
    )
    hours = IntegerField(
        _l("Custom time-out, in hours"), validators=[Optional(), NumberRange(min=1, max=24 * 365)]
    )
    message = TextAreaField(
        _l("Message (a warning's text; mailed with a time-out when asked)"),
        validators=[Optional(), Length(max=2000)],
    )
    mail = BooleanField(_l("Mail it to the commenter (only to an address they confirmed)"))
