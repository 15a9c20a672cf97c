"""A thread's page (its story settings) and a site's API tokens (revoke)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from widget import storage
from widget.core.refusals import Refused
from widget.i18n import gettext as _
from widget.sites import tokens
from widget.sites.registry import site_by_id
from widget.sites.stories import change_story_by_moderator, story_of

from .auth import current_moderator
from .forms import ButtonForm, StoryForm


def show_thread(thread_id: int):
    """A thread's story settings: moderation, closing, message, kind."""
    thread = storage.find_thread_by_id(thread_id) or abort(404)
    form = StoryForm(
        data={
            "moderation": thread.moderation or "",
            "closed": thread.closed,
            "close_after_days": thread.close_after_days,
            "message": thread.message or "",
            "mode": thread.mode or "",
        }
        if request.method == "GET"
        else None
    )
    if request.method == "POST" and form.validate_on_submit():
        try:
            changed = change_story_by_moderator(current_moderator(), thread, form.changes())
        except Refused as refusal:
            for name, messages in (refusal.fields or {}).items():
                getattr(form, name).errors.extend(messages)
        else:
            flash(
                _("Saved: {fields}.", fields=", ".join(changed))
                if changed
                else _("Nothing changed.")
            )
            return redirect(url_for("admin.show_thread", thread_id=thread.id), 303)
    site = site_by_id(thread.site_id) or thread.site
    status = 400 if request.method == "POST" else 200
    return render_template(
        "admin/thread.html", thread=thread, site=site, story=story_of(site, thread), form=form
    ), status


def revoke_token(token_id: int):
    """Revoke a site's API token for good (audited)."""
    row = storage.find_api_token(token_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400, _("The form expired; please try again."))
    tokens.revoke_token(current_moderator(), row)
    flash(_("Revoked the API token {token}….", token=row.hint))
    return redirect(url_for("admin.edit_site", site_id=row.site_id) + "#tokens", 303)
