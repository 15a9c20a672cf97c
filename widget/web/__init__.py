"""Everything that knows HTTP: the JSON API, reader pages, admin, feeds, mail pages, errors.

`register` binds it all to an app, each blueprint named here; below this folder nothing
reads the request.
"""

from __future__ import annotations

from flask import Flask
from flask_wtf import CSRFProtect

csrf = CSRFProtect()


def register(app: Flask) -> None:
    """Proxies and host, sessions, CSRF, every blueprint, limits, errors, response headers."""
    from widget.comments.identicon import identicon
    from widget.identity.badges import label as badge_label

    from . import (
        admin,
        api,
        errors,
        feeds,
        headers,
        health,
        limits,
        mail_pages,
        metrics,
        pages,
        proxies,
    )
    from .context import SessionInterface
    from .fast_reads import FastReads

    app.session_interface = SessionInterface()
    app.wsgi_app = FastReads(app, app.wsgi_app)  # inside ProxyFix: it sees the reader's address
    proxies.install(app)
    csrf.init_app(app)
    csrf.exempt(api.bp)  # JSON only, from registered origins: see sites/registry.py
    # The plain comment form checks its own CSRF token, to answer with the form again.
    csrf.exempt(pages.thread.post_comment)
    # RFC 8058 one-click unsubscribe: mail clients post it bare; its signed token is the authority.
    csrf.exempt(mail_pages.unsubscribe)
    for blueprint in (api.bp, pages.bp, admin.bp, health.bp, mail_pages.bp, feeds.bp):
        app.register_blueprint(blueprint)
    limits.install(app)
    errors.register(app)
    metrics.install(app)  # GET /metrics, and each request measured when it is on
    app.jinja_env.globals["identicon"] = identicon
    app.jinja_env.globals["badge_label"] = badge_label  # in the reader's language
    app.after_request(headers.add_response_headers)
