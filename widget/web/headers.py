"""Headers every response carries: no sniffing, a strict policy for our pages, CORS for
the API, and compression."""

from __future__ import annotations

from flask import Response, request

from widget.sites.registry import registry, registry_checked

from .compression import compress_response
from .context import caller_site, request_origin
from .cors import add_cors_headers
from .errors import is_api_request

NOSNIFF = "nosniff"
# Our HTML pages run no script at all and load only our own stylesheet.
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def add_response_headers(response: Response) -> Response:
    """Headers every response carries; CORS for the API; compression."""
    response.headers.setdefault("X-Content-Type-Options", NOSNIFF)
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if is_api_request():
        if not registry_checked():
            registry()  # CORS must not rest on a registry older than the database's
        caller = caller_site()
        add_cors_headers(
            response,
            request_origin() if caller is not None else None,
            preflight=request.method == "OPTIONS",
        )
    return compress_response(response)
