"""Bans: list them, add one, lift one; and the audit log."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for

from widget import storage
from widget.comments.validation import whole_number
from widget.i18n import gettext as _
from widget.i18n.dates import format_when
from widget.moderation import rules
from widget.storage.models import utcnow

from .auth import back_target, current_moderator
from .forms import BanForm, ButtonForm


def list_bans():
    """Every ban (expired ones greyed), and a form to add one."""
    return render_template(
        "admin/bans.html",
        bans=storage.list_bans(),
        banned_label=rules.banned_label,
        form=ButtonForm(),
        ban_form=BanForm(),
        now=utcnow(),
    )


def lift_ban(ban_id: int):
    entry = storage.find_ban(ban_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400, _("The form expired; please try again."))
    rules.lift_ban(current_moderator(), entry)
    flash(_("Lifted the ban on {banned}.", banned=rules.banned_label(entry)))
    return redirect(url_for("admin.list_bans"), 303)


def audit_log():
    """Every moderator action, newest first."""
    entries = storage.list_audit(whole_number(request.args.get("before")))
    return render_template("admin/audit.html", entries=entries)


def add_ban():
    """Ban an email or a network, for some days or for ever."""
    form = BanForm()
    comment_id = whole_number(request.form.get("comment_id"))
    comment = storage.find_comment(comment_id) if comment_id else None
    if comment is not None:  # from a comment's page: ban its author's email or network
        by = {"email": comment.email, "user": str(comment.site_user_id or "")}
        form.value.data = by.get(form.kind.data, comment.network)
    if not form.validate_on_submit():
        problems = "; ".join(
            f"{name}: {' '.join(str(error) for error in errors)}"
            for name, errors in form.errors.items()
        )
        flash(_("The ban was not added: {problems}", problems=problems))
        return redirect(back_target(), 303)
    value = form.value.data.strip()
    expires = utcnow() + timedelta(days=form.days.data) if form.days.data else None
    try:
        entry = rules.ban(current_moderator(), form.kind.data, value, expires, form.note.data or "")
    except ValueError as exc:
        flash(_("The ban was not added: {problems}", problems=exc))
    else:
        banned = rules.banned_label(entry)  # as stored and matched
        if expires:
            when = format_when(expires, with_time=False)
            flash(_("Banned {banned}, until {date}.", banned=banned, date=when))
        else:
            flash(_("Banned {banned}, for ever.", banned=banned))
    return redirect(back_target(), 303)
