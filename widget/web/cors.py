"""CORS for registered origins: the embed on a site's pages may read our answers."""

from __future__ import annotations

from flask import Response

from .compression import add_vary

CORS_MAX_AGE = "86400"


def add_cors_headers(response: Response, origin: str | None, preflight: bool) -> Response:
    """Let `origin` (already found registered, or None) read the response."""
    add_vary(response, "Origin")
    if not origin:
        return response
    response.headers["Access-Control-Allow-Origin"] = origin
    if preflight:
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, PATCH, DELETE, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Authorization"
        response.headers["Access-Control-Max-Age"] = CORS_MAX_AGE
    response.headers["Access-Control-Expose-Headers"] = "Retry-After"
    return response
