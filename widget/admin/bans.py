"""Bans: list them, add one, lift one; and the audit log."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for

from .. import moderation, storage
from ..models import utcnow
from ..validation import whole_number
from .auth import current_moderator
from .forms import BanForm, ButtonForm


def list_bans():
    """Every ban (expired ones greyed), and a form to add one."""
    return render_template(
        "admin/bans.html",
        bans=storage.list_bans(),
        form=ButtonForm(),
        ban_form=BanForm(),
        now=utcnow(),
    )


def lift_ban(ban_id: int):
    entry = storage.find_ban(ban_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400, "The form expired; please try again.")
    moderation.lift_ban(current_moderator(), entry)
    flash(f"Lifted the ban on {entry.email or entry.network}.")
    return redirect(url_for("admin.list_bans"), 303)


def audit_log():
    """Every moderator action, newest first."""
    entries = storage.list_audit(whole_number(request.args.get("before")))
    return render_template("admin/audit.html", entries=entries)
