"""Tertulia: a self-hosted comment service. `create_app` assembles it."""

from __future__ import annotations

import importlib
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

ROOT = Path(__file__).resolve().parent.parent
# Our HTML pages run no script at all and load only our own stylesheet.
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then WIDGET_CONFIG file, then WIDGET_* env, then test_config."""
    from . import settings
    from .settings import checks

    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        static_folder=str(ROOT / "static"),
        template_folder=str(ROOT / "templates"),
    )
    app.config.from_mapping(settings.DEFAULTS)
    if os.environ.get("WIDGET_CONFIG"):
        app.config.from_pyfile(os.environ["WIDGET_CONFIG"])
    app.config.from_prefixed_env("WIDGET")
    if test_config:
        app.config.from_mapping(test_config)
    checks.check(app.config, os.environ)
    # Known only now: the settings file or the environment may name the instance folder.
    if app.config["INSTANCE_PATH"]:
        app.instance_path = str(app.config["INSTANCE_PATH"])
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.ensure_secret_key(app.instance_path)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = settings.default_database_url(app.instance_path)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=app.config["ADMIN_SESSION_HOURS"])
    from widget.web.context import SessionInterface

    app.session_interface = SessionInterface()

    _trust_only_our_own_host(app)
    trusted = int(app.config["TRUSTED_PROXIES"])
    if trusted > 0:
        # The client's address and scheme, never its idea of our host name.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted)

    from .extensions import csrf, db

    db.init_app(app)
    csrf.init_app(app)

    from . import cli
    from .web import admin, api, errors, feeds, health, limits, mail_pages, pages
    from .web.api import likes  # noqa: F401  (its routes join the api blueprint)

    # Newsroom moderation adds its routes to the api and pages blueprints when imported.
    importlib.import_module("widget.web.api.reports")
    importlib.import_module("widget.web.pages.newsroom")

    csrf.exempt(api.bp)  # JSON only, from registered origins: see sites.py
    # The plain comment form checks its own CSRF token, to answer with the form again.
    csrf.exempt(pages.post_comment)
    # RFC 8058 one-click unsubscribe: mail clients post it bare; its signed token is the authority.
    csrf.exempt(mail_pages.unsubscribe)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(mail_pages.bp)
    app.register_blueprint(feeds.bp)
    limits.install(app)
    _start_mail(app)
    errors.register(app)
    cli.register(app)
    from widget.comments.identicon import identicon

    app.jinja_env.globals["identicon"] = identicon
    app.after_request(_response_headers)
    return app


def _trust_only_our_own_host(app: Flask) -> None:
    """With WIDGET_PUBLIC_URL, requests for any other host name are refused (400)."""
    from widget.core.urls import public_base

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


def _start_mail(app: Flask) -> None:
    """Check the mail settings; run a sender thread in each web process unless told not to."""
    from widget.mail.smtp import parse_smtp_url

    if not app.config.get("SMTP_URL"):
        return
    parse_smtp_url(app.config["SMTP_URL"])  # a mistyped URL stops the start, not a mail later
    if app.config["MAIL_SENDER"] not in ("thread", "off"):
        raise ValueError("WIDGET_MAIL_SENDER must be `thread` or `off`.")
    if not app.config.get("PUBLIC_URL"):
        app.logger.warning(
            "WIDGET_SMTP_URL is set but WIDGET_PUBLIC_URL is not: mail stays off, "
            "because every mail links to the service. Set WIDGET_PUBLIC_URL."
        )
        return
    if app.config["MAIL_SENDER"] == "thread":
        from .mail import outbox

        outbox.install(app)


def _response_headers(response: Response) -> Response:
    """Headers every response carries; CORS for the API; compression."""
    from widget.sites.registry import caller_site, registry
    from widget.web.compression import compress_response
    from widget.web.context import request_origin
    from widget.web.cors import add_cors_headers
    from widget.web.errors import is_api_request

    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if is_api_request():
        if not g.get("sites_checked"):
            registry()  # CORS must not rest on a registry older than the database's
        caller = caller_site()
        add_cors_headers(
            response,
            request_origin() if caller is not None else None,
            preflight=request.method == "OPTIONS",
        )
    return compress_response(response)
