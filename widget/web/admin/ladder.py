"""The moderation ladder on a comment's page: put its author on a rung, lift one."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, request, url_for

from widget import storage
from widget.i18n import gettext as _
from widget.i18n.labels import ladder_label
from widget.moderation import ladder
from widget.storage.models import SANCTION_KINDS

from .auth import current_moderator
from .forms import ButtonForm, LadderForm


def ladder_decide(comment_id: int):
    """Time-out, pre-moderate, shadow-ban, trust or warn the comment's author (audited)."""
    comment = storage.find_comment(comment_id) or abort(404)
    form = LadderForm()
    kind = request.form.get("kind", "")
    if kind not in SANCTION_KINDS:
        abort(400, _("Unknown step of the ladder."))
    back = url_for("admin.show_comment", comment_id=comment.id) + "#ladder"
    if not form.validate_on_submit():
        problems = "; ".join(" ".join(map(str, errors)) for errors in form.errors.values())
        problems = problems or _("the form expired; please try again.")
        flash(_("Nothing was changed: {problems}", problems=problems))
        return redirect(back, 303)
    message = (form.message.data or "").replace("\r\n", "\n").strip()
    if kind == "warning" and not message:
        flash(_("Nothing was changed: a warning needs its message."))
        return redirect(back, 303)
    if kind == "timeout" and form.duration.data == "custom" and not form.hours.data:
        flash(_("Nothing was changed: give the custom time-out in hours."))
        return redirect(back, 303)
    duration = (
        timedelta(hours=form.hours.data)
        if form.duration.data == "custom"
        else ladder.DURATIONS.get(form.duration.data, ladder.DURATIONS["24h"])
    )
    sanction = ladder.decide(
        current_moderator(),
        comment,
        kind,
        duration=duration,
        message=message if kind in ("timeout", "warning") else "",
        mail=form.mail.data,
    )
    flash(_("{step}: {key}.", step=ladder_label(kind).capitalize(), key=sanction.key))
    return redirect(back, 303)


def lift_sanction(sanction_id: int):
    """End a sanction now (one click), audited."""
    sanction = storage.find_sanction(sanction_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400, _("The form expired; please try again."))
    ladder.lift(current_moderator(), sanction)
    flash(_("Lifted: {step} of {key}.", step=ladder_label(sanction.kind), key=sanction.key))
    comment_id = request.form.get("comment_id", "")
    if comment_id.isdigit():
        return redirect(url_for("admin.show_comment", comment_id=int(comment_id)) + "#ladder", 303)
    return redirect(url_for("admin.queue"), 303)
