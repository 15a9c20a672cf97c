"""The admin's error pages (400, 403, 404, a CSRF failure...) in the moderator's language.

widget/web/errors.py answers everything else (the API's JSON, the readers' pages); this only
takes the requests of /admin that a person reads, and hands the rest back to it.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.globals import request_ctx
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from widget.i18n import gettext as _
from widget.web import errors as app_errors

from .auth import choose_language

PREFIX = "/admin"


def _is_admin_page() -> bool:
    """A request of /admin from a browser (scripts get the JSON errors as before)."""
    if request_ctx.url_adapter is None:  # not our host name: the app's plain page
        return False
    if not (request.path == PREFIX or request.path.startswith(PREFIX + "/")):
        return False
    return not (request.accept_mimetypes.best == "application/json" or request.is_json)


def _message(exc: HTTPException) -> str:
    """The page's sentence, in the current language."""
    status = exc.code or 500
    if isinstance(exc, CSRFError):
        return _("The form expired or came from another page: go back, reload it and try again.")
    if status == 404:
        return _("There is nothing at {path}.", path=request.path)
    if exc.description != type(exc).description and status < 500:
        # Our own sentence (abort(400, _("..."))): already translated; looked up again in
        # case it was given in English before the language was known.
        return _(exc.description)
    defaults = {
        400: _("The request could not be understood."),
        403: _("This request is not allowed."),
        405: _("This method is not allowed here."),
        413: _("The request body is too large."),
    }
    if status in defaults:
        return defaults[status]
    english = app_errors.DEFAULTS.get(status, ("", exc.description))[1]
    return _(english) if english else english  # DEFAULTS are marked, English until here


def handle_http_exception(exc: HTTPException):
    """An admin page's error, in the moderator's language; anything else as the app answers."""
    if not _is_admin_page() or exc.code == 429 or (exc.code or 500) >= 500:
        return app_errors.handle_http_exception(exc)
    choose_language()  # a CSRF failure or an unknown address comes before the blueprint's own
    status = exc.code or 500
    headers = {}
    if status == 405 and getattr(exc, "valid_methods", None):
        headers["Allow"] = ", ".join(exc.valid_methods)
    page = render_template("admin/error.html", status=status, message=_message(exc))
    return page, status, headers


def register(bp: Blueprint) -> None:
    """Errors of the admin's routes, and 404s of addresses under /admin no route knows."""
    bp.register_error_handler(HTTPException, handle_http_exception)
    bp.app_errorhandler(404)(handle_http_exception)
