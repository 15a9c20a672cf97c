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

    from . import admin, api, cli, errors, pages

    csrf.exempt(api.bp)  # JSON only, from registered origins: see sites.py
    # The plain comment form checks its own CSRF token, to answer with the form again.
    csrf.exempt(pages.post_comment)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(admin.bp)
    errors.register(app)
    cli.register(app)
    from .identicon import identicon

    app.jinja_env.globals["identicon"] = identicon
    app.after_request(_response_headers)
    return app


def _response_headers(response: Response) -> Response:
    """Headers every response carries; CORS for the API; compression."""
    from .compression import compress_response
    from .errors import is_api_request
    from .security import add_cors_headers
    from .sites import caller_site, registry

    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype == "text/html":
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if is_api_request():
        if not g.get("sites_checked"):
            registry()  # CORS must not rest on a registry older than the database's
        add_cors_headers(response, caller_site() is not None)
    return compress_response(response)
