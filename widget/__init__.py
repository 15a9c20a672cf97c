"""Tertulia: a self-hosted comment service. `create_app` assembles it."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from flask import Flask, Response, g
from werkzeug.middleware.proxy_fix import ProxyFix

ROOT = Path(__file__).resolve().parent.parent
# Our HTML pages run no script at all and load only our own stylesheet.
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then WIDGET_CONFIG file, then WIDGET_* env, then test_config."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get(
        "WIDGET_INSTANCE_PATH", str(ROOT / "instance")
    )
    app = Flask(
        __name__,
        instance_path=instance_path,
        static_folder=str(ROOT / "static"),
        template_folder=str(ROOT / "templates"),
    )
    from . import config

    app.config.from_mapping(config.DEFAULTS)
    if os.environ.get("WIDGET_CONFIG"):
        app.config.from_pyfile(os.environ["WIDGET_CONFIG"])
    app.config.from_prefixed_env("WIDGET")
    if test_config:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config.ensure_secret_key(app.instance_path)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = config.default_database_url(app.instance_path)
    # Our JSON API has its own 429 body and Retry-After; no X-RateLimit-* on every reply.
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    # Flask's own defaults are None and 31 days: these are set, not defaulted.
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=app.config["ADMIN_SESSION_HOURS"])
    from .security import SessionInterface

    app.session_interface = SessionInterface()

    trusted = int(app.config["TRUSTED_PROXIES"])
    if trusted > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted, x_host=trusted)

    from .extensions import csrf, db, limiter

    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)

    from . import admin, api, cli, errors, mail_pages, pages

    csrf.exempt(api.bp)  # JSON only, from registered origins: see sites.py
    # The plain comment form checks its own CSRF token, to answer with the form again.
    csrf.exempt(pages.post_comment)
    # RFC 8058 one-click unsubscribe: mail clients post it bare; its signed token is the authority.
    csrf.exempt(mail_pages.unsubscribe)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(mail_pages.bp)
    _start_mail(app)
    errors.register(app)
    cli.register(app)
    from .identicon import identicon

    app.jinja_env.globals["identicon"] = identicon
    app.after_request(_response_headers)
    return app


def _start_mail(app: Flask) -> None:
    """Check the mail settings; run a sender thread in each web process unless told not to."""
    from .mailer import parse_smtp_url

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
        from . import outbox

        outbox.install(app)


def _response_headers(response: Response) -> Response:
    """Headers every response carries; CORS for the API."""
    from .errors import is_api_request

    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if is_api_request():
        from . import storage
        from .security import add_cors_headers, request_origin

        origin = request_origin()
        allowed = bool(origin) and (
            g.get("cors_allowed") or storage.find_site_by_origin(origin) is not None
        )
        add_cors_headers(response, allowed)
    return response
