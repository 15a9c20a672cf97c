"""Whom to believe about the request: our own host name only, and the client's address
and scheme as the trusted proxies in front of us report them."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from widget.core.urls import public_base


def install(app: Flask) -> None:
    """WIDGET_PUBLIC_URL names our one host; WIDGET_TRUSTED_PROXIES, the proxies' headers."""
    _trust_only_our_own_host(app)
    trusted = int(app.config["TRUSTED_PROXIES"])
    if trusted > 0:
        # The client's address and scheme, never its idea of our host name.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted)


def _trust_only_our_own_host(app: Flask) -> None:
    """With WIDGET_PUBLIC_URL, requests for any other host name are refused (400)."""
    base = app.config.get("PUBLIC_URL")
    if not base:
        return
    try:
        app.config["PUBLIC_URL"] = public_base(base)
    except ValueError as exc:
        raise RuntimeError(f"WIDGET_PUBLIC_URL: {exc}") from exc
    host = urlsplit(app.config["PUBLIC_URL"]).hostname
    if app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = [host]
