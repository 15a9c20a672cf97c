"""Signing moderators in and out, and keeping everyone else out of /admin."""

from __future__ import annotations

from flask import (
    Response,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from itsdangerous import BadSignature, URLSafeSerializer

from widget.accounts import signin
from widget.core.urls import is_safe_redirect
from widget.i18n import gettext as _
from widget.i18n import request_chosen
from widget.web.context import current_client, is_secure
from widget.web.errors import error_response

from .forms import LoginForm

# Endpoints of the admin blueprint that need no session.
OPEN_ENDPOINTS = {"admin.login"}
DEVICE_COOKIE = "tertulia_device"
DEVICE_COOKIE_DAYS = 365


def current_moderator():
    """The signed-in moderator of this request (an unexpired session on the server), or None."""
    if "moderator" not in g:
        g.moderator = signin.session_moderator(session.get("sid"), session.get("seal"))
    return g.moderator


def choose_language() -> None:
    """Before every admin request (and its error pages): the moderator's language, chosen
    on the account page, over the browser's."""
    moderator = current_moderator()
    if moderator is not None and moderator.lang:
        request_chosen(moderator.lang)


def require_moderator():
    """Before every admin request: sign-in page for people, 401 JSON for scripts."""
    moderator = current_moderator()
    if request.endpoint in OPEN_ENDPOINTS or moderator is not None:
        return None
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return error_response(401, "unauthorized", "Please sign in.")
    return redirect(url_for("admin.login", next=request.full_path.rstrip("?")))


def _devices() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="tertulia.known-device")


def _known_device(email: str) -> str | None:
    """The device id of this browser, if it signed in to this account before."""
    try:
        account, device = _devices().loads(request.cookies.get(DEVICE_COOKIE, ""))
    except (BadSignature, ValueError, TypeError):
        return None
    return device if account == signin.account_key(email) else None


def _remember_device(response: Response, email: str) -> None:
    device = _known_device(email) or signin.new_device_id()
    response.set_cookie(
        DEVICE_COOKIE,
        _devices().dumps([signin.account_key(email), device]),
        max_age=DEVICE_COOKIE_DAYS * 86400,
        path=url_for("admin.login"),
        secure=is_secure(),
        httponly=True,
        samesite="Strict",
    )


def login():
    """Sign-in form; failed attempts are limited per address and per account."""
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        signed_in = signin.sign_in(
            form.email.data,
            form.password.data,
            current_client(),
            _known_device(form.email.data),
        )
        if signed_in is not None:
            moderator, session_id = signed_in
            session.clear()  # a fresh session: nothing from before sign-in survives
            session.permanent = True
            session["sid"] = session_id
            session["seal"] = signin.password_seal(moderator)
            response = redirect(_safe_next(request.args.get("next")), 303)
            _remember_device(response, form.email.data)
            return response
        error = _("The email or the password is not right.")
    elif form.is_submitted():
        error = _("Please enter your email and your password.")
    return render_template("admin/login.html", form=form, error=error), 200 if not error else 401


def logout():
    """Sign out (a POST with the CSRF token): the session ends on the server too."""
    signin.sign_out(session.get("sid"))
    session.clear()
    return redirect(url_for("admin.login"), 303)


def _safe_next(target: str | None) -> str:
    """Only a path of our admin pages: never an open redirect to another site."""
    if target and is_safe_redirect(target):
        return target
    return url_for("admin.queue")


def back_target() -> str:
    """Where a form asks to go back to (its `back` field), if that is one of our admin pages."""
    target = request.form.get("back", "")
    return target if is_safe_redirect(target) else url_for("admin.queue")
