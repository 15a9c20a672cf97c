"""Signing moderators in and out, and keeping everyone else out of /admin."""

from __future__ import annotations

from flask import current_app, g, redirect, render_template, request, session, url_for

from .. import accounts, storage
from ..errors import error_response
from ..extensions import limiter
from ..security import keyed_hash
from .forms import LoginForm

# Endpoints of the admin blueprint that need no session.
OPEN_ENDPOINTS = {"admin.login"}
LOGIN_LIMIT_MESSAGE = "Too many sign-in attempts."


def _session_seal(password_hash: str) -> str:
    # Changes when the password does: other sessions of the account end with it.
    return keyed_hash("admin-session", password_hash)[:32]


def current_moderator():
    """The signed-in moderator of this request, or None."""
    if "moderator" not in g:
        moderator = storage.find_moderator(session.get("moderator_id") or 0)
        if moderator and session.get("seal") != _session_seal(moderator.password_hash):
            moderator = None
        g.moderator = moderator
    return g.moderator


def require_moderator():
    """Before every admin request: sign-in page for people, 401 JSON for scripts."""
    if request.endpoint in OPEN_ENDPOINTS or current_moderator() is not None:
        return None
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return error_response(401, "unauthorized", "Please sign in.")
    return redirect(url_for("admin.login", next=request.full_path.rstrip("?")))


def _failed(response) -> bool:
    return response.status_code != 303


def _account_key() -> str:
    return "account:" + request.form.get("email", "").strip().lower()[:320]


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@limiter.limit(
    _login_limit, methods=["POST"], deduct_when=_failed, error_message=LOGIN_LIMIT_MESSAGE
)
@limiter.limit(
    _login_limit,
    methods=["POST"],
    deduct_when=_failed,
    key_func=_account_key,
    error_message=LOGIN_LIMIT_MESSAGE,
)
def login():
    """Sign-in form; failed attempts are limited per address and per account."""
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        moderator = accounts.authenticate(form.email.data, form.password.data)
        if moderator is not None:
            session.clear()  # a fresh session: nothing from before sign-in survives
            session.permanent = True
            session["moderator_id"] = moderator.id
            session["seal"] = _session_seal(moderator.password_hash)
            return redirect(_safe_next(request.args.get("next")), 303)
        error = "The email or the password is not right."
    elif form.is_submitted():
        error = "Please enter your email and your password."
    return render_template("admin/login.html", form=form, error=error), 200 if not error else 401


def logout():
    """Sign out (a POST with the CSRF token)."""
    session.clear()
    return redirect(url_for("admin.login"), 303)


def _safe_next(target: str | None) -> str:
    """Only a path of our admin pages: never an open redirect to another site."""
    if (
        target
        and (target == "/admin" or target.startswith(("/admin/", "/admin?")))
        and not any(bad in target for bad in ("//", "\\"))
    ):
        return target
    return url_for("admin.queue")
