"""The moderator's own account (mail preference), and the mail outbox with its failures."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from widget import storage
from widget.i18n import gettext as _
from widget.i18n import request_chosen
from widget.mail import notifications
from widget.storage.models import MAIL_STATUSES

from .auth import current_moderator
from .forms import AccountForm, ButtonForm


def account():
    """Whether this moderator gets a mail for each held comment."""
    moderator = current_moderator()
    form = AccountForm(obj=moderator) if request.method == "GET" else AccountForm()
    if form.validate_on_submit():
        moderator.mail_held = form.mail_held.data
        if moderator.display_name != (form.display_name.data or ""):
            storage.sites_changed()  # every worker reloads the names guests may not take
        moderator.display_name = form.display_name.data or ""
        moderator.lang = form.lang.data or ""
        storage.commit()
        # The message below in the language just chosen ("": the browser's again).
        request_chosen(moderator.lang)
        flash(
            _("Saved: you get a mail when a comment is held.")
            if moderator.mail_held
            else _("Saved: you no longer get a mail when a comment is held.")
        )
        return redirect(url_for("admin.account"), 303)
    return render_template(
        "admin/account.html", form=form, mail_on=notifications.enabled()
    ), 400 if form.is_submitted() else 200


def outbox():
    """Queued, sent and failed mail, newest first; failures first to the eye."""
    status = request.args.get("status")
    status = status if status in MAIL_STATUSES else None
    return render_template(
        "admin/mail.html",
        messages=storage.list_outbox(status),
        counts=storage.count_outbox_by_status(),
        statuses=MAIL_STATUSES,
        status=status,
        form=ButtonForm(),
        mail_on=notifications.enabled(),
    )


def retry_mail(message_id: int):
    """Send a failed message again (after the SMTP problem was fixed)."""
    if not ButtonForm().validate_on_submit():
        abort(400, _("The form expired; please try again."))
    message = storage.find_outbox_message(message_id) or abort(404)
    if message.status == "failed":
        notifications.retry(message)
        flash(_("Mail {n} will be sent again.", n=message.id))
    return redirect(url_for("admin.outbox", status="failed"), 303)
