"""Erasing a commenter's data from one of their comments' page, behind a confirmation."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from widget import storage
from widget.i18n import gettext as _
from widget.privacy import personal_data

from .auth import current_moderator
from .forms import EraseForm


def erase_author(comment_id: int):
    """GET: what would go, and the confirmation; POST: erase every trace of the author's email."""
    comment = storage.find_comment(comment_id) or abort(404)
    form = EraseForm()
    if not personal_data.names_someone(comment.email):
        flash(_("This comment has no email: there is no commenter's data to erase."))
        return redirect(url_for("admin.show_comment", comment_id=comment_id), 303)
    if form.validate_on_submit():
        summary = personal_data.erase_personal_data(
            comment.email, by=current_moderator().email, moderator=current_moderator()
        )
        flash(_("Erased the commenter's data: {summary}", summary=personal_data.describe(summary)))
        return redirect(url_for("admin.list_all"), 303)
    data = personal_data.export_personal_data(comment.email)
    status = 400 if form.is_submitted() else 200
    return render_template("admin/erase.html", comment=comment, form=form, data=data), status
