"""One JSON error shape for the API: {"error", "message", "fields"?}."""

from __future__ import annotations

import logging
import math
import time

from flask import Flask, Response, jsonify, render_template, request
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException, InternalServerError

from widget.core.refusals import Refused
from widget.i18n import N_, gettext
from widget.i18n.labels import please_wait

log = logging.getLogger(__name__)

# Codes and sentences for errors Werkzeug raises on its own (routing, body size…). The code
# stays English (machines read it); the sentence is translated where it is sent.
DEFAULTS: dict[int, tuple[str, str]] = {
    400: ("bad_request", N_("The request could not be understood.")),
    401: ("unauthorized", N_("Please sign in.")),
    403: ("forbidden", N_("This request is not allowed.")),
    404: ("not_found", N_("There is nothing at this address.")),
    405: ("method_not_allowed", N_("This method is not allowed here.")),
    409: ("conflict", N_("This conflicts with what is already there.")),
    413: ("payload_too_large", N_("The request body is too large.")),
    415: ("unsupported_media_type", N_("Send the request body as application/json.")),
    429: ("rate_limited", N_("Too many requests; please wait before trying again.")),
    500: ("internal_error", N_("Something went wrong on our side; please try again later.")),
}


# The HTTP status of each refusal code (errors.py is the only place that knows HTTP).
STATUS_OF_REFUSAL: dict[str, int] = {
    "banned": 403,
    "invalid_token": 401,
    "insufficient_scope": 403,
    "suspended": 403,
    "thread_closed": 403,
    "origin_not_registered": 403,
    "origin_mismatch": 403,
    "bad_edit_token": 403,
    "sign_in_required": 403,
    # a verified commenter's token (widget/identity/tokens.py): sign in again
    "sso_token_invalid": 401,
    "sso_token_expired": 401,
    "sso_token_lifetime": 401,
    "sso_token_outdated": 401,
    "sso_claims_invalid": 401,
    "sso_not_configured": 401,
    "edit_window_closed": 403,
    "not_found": 404,
    "parent_not_found": 404,
    "duplicate": 409,
    "under_review": 409,
    "name_reserved": 400,
    "too_many_featured": 409,
    "already_decided": 409,
    "link_expired": 410,
    # sign in by email (widget/identity/email_sign_in.py)
    "link_used": 410,
    "sign_in_expired": 410,
    "email_sign_in_off": 403,
    "name_from_site": 403,
    "unsupported_media_type": 415,
    "rate_limited": 429,
    # The pre-screen's nudge (issue 25): the reader may edit, or post the same again.
    "reconsider": 422,
}


def status_of(refusal: Refused) -> int:
    """The HTTP status that answers a refusal (400 unless the code says otherwise)."""
    return STATUS_OF_REFUSAL.get(refusal.code, 400)


def error_response(
    status: int, error: str, message: str, fields: dict[str, list[str]] | None = None
) -> Response:
    """Build the one error shape."""
    body: dict[str, object] = {"error": error, "message": message}
    if fields:
        body["fields"] = fields
    response = jsonify(body)
    response.status_code = status
    return response


def _message(exc: HTTPException) -> tuple[str, str]:
    status = exc.code or 500
    if status not in DEFAULTS:
        return "error", exc.description or gettext("Error.")
    error, message = DEFAULTS[status]
    message = gettext(message)
    if status == 405 and getattr(exc, "valid_methods", None):
        allowed = ", ".join(sorted(set(exc.valid_methods) - {"HEAD", "OPTIONS"}))
        message = gettext(
            "{method} is not allowed here; use {allowed}.", method=request.method, allowed=allowed
        )
    elif status == 413:
        limit = request.max_content_length or 0
        message = gettext("The request body is larger than {size} KB.", size=limit // 1024)
    elif status == 404:
        message = gettext("There is nothing at {path}.", path=request.path)
    return error, message


def _retry_after_seconds() -> int:
    from .limits import current_limiter  # limits imports context, which imports refusals

    current = current_limiter().current_limit
    if current is None:
        return 60
    return max(1, math.ceil(current.reset_at - time.time()))


def _too_many_requests(exc: HTTPException) -> tuple[str, dict[str, str]]:
    """The 429 sentence (the limit's own, if it has one) and its Retry-After header."""
    wait = _retry_after_seconds()
    limit = getattr(exc, "limit", None)
    reason = getattr(limit, "error_message", None)
    reason = gettext(reason) if reason else gettext("Too many requests from your address.")
    return f"{reason} {please_wait(wait)}", {"Retry-After": str(wait)}


def is_api_request() -> bool:
    """Is this request for the JSON API (JSON errors, CORS)?"""
    return request.path == "/api" or request.path.startswith("/api/")


def handle_http_exception(exc: HTTPException):
    """JSON for the API; a small HTML page elsewhere."""
    if not is_api_request():
        return _html_error(exc)
    if exc.code == 429:
        message, headers = _too_many_requests(exc)
        response = error_response(429, "rate_limited", message)
        response.headers.update(headers)
        return response
    response = error_response(exc.code or 500, *_message(exc))
    if response.status_code == 405 and getattr(exc, "valid_methods", None):
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def _html_error(exc: HTTPException):
    status = exc.code or 500
    # Our own sentence when the code gave one (abort(400, "...")), else the default.
    given = exc.description != type(exc).description
    message = exc.description if given and status < 500 else _message(exc)[1]
    headers = {}
    if status == 429:
        message, headers = _too_many_requests(exc)
    if status == 405 and getattr(exc, "valid_methods", None):
        headers["Allow"] = ", ".join(exc.valid_methods)
    return _error_page(status, message), status, headers


def _error_page(status: int, message: str) -> str:
    """The small HTML page of an error; a plain one when no link can be built for this
    request (its Host is not ours, so Flask has no URL adapter for it)."""
    if request_ctx.url_adapter is None:
        message = gettext("This service does not answer for that host name.")  # never echo the host
        return render_template("plain_error.html", status=status, message=message)
    return render_template("error.html", status=status, message=message)


def handle_refusal(refusal: Refused):
    """A use case said no: the JSON error shape for the API, a small page elsewhere."""
    status = status_of(refusal)
    headers = {"Retry-After": str(refusal.retry_after)} if refusal.retry_after else {}
    if status == 401:  # the admin API's bearer tokens (RFC 6750)
        headers["WWW-Authenticate"] = f'Bearer error="{refusal.code}"'
    if is_api_request():
        response = error_response(status, refusal.code, refusal.message, refusal.fields)
        response.headers.update(headers)
        return response
    return _error_page(status, refusal.message), status, headers


def handle_unexpected(exc: Exception):
    """A bug must not leak a traceback: log it, answer 500 in the usual shape."""
    log.exception("Unhandled error on %s %s", request.method, request.path)
    from widget import storage

    try:  # a failed transaction must not break the rest of the response (CORS lookup)
        storage.rollback()
    except Exception:  # noqa: BLE001 - the database may be the thing that failed
        log.exception("Rollback after an unhandled error failed")
    if isinstance(exc, HTTPException):
        return handle_http_exception(exc)
    return handle_http_exception(InternalServerError())


def register(app: Flask) -> None:
    app.register_error_handler(Refused, handle_refusal)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
