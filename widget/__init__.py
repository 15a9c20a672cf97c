"""Tertulia: a self-hosted comment service. `create_app` assembles it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then WIDGET_CONFIG file, then WIDGET_* env, then test_config."""
    from . import settings
    from .settings import checks, instance

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
    with _speaking():  # a wrong setting stops the start in the environment's language
        checks.check(app.config, os.environ)
    # Known only now: the settings file or the environment may name the instance folder.
    if app.config["INSTANCE_PATH"]:
        app.instance_path = str(app.config["INSTANCE_PATH"])
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance.ensure_secret_key(app.instance_path)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = instance.default_database_url(app.instance_path)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=app.config["ADMIN_SESSION_HOURS"])

    from . import cli, i18n, web
    from .moderation import prescreen
    from .storage.database import db

    with _speaking():  # and so do the refusals below (metrics, the mail settings)
        prescreen.init_app(app)  # before anything else: on without its packages, no start
        db.init_app(app)
        i18n.init_app(app)
        web.register(app)
        _start_outbox(app)
    cli.register(app)
    return app


@contextmanager
def _speaking() -> Iterator[None]:
    """gettext in the environment's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) while the
    app is assembled: no request is there to give one. No app context is pushed for it (the
    settings are not checked yet); each request, later, picks its own language."""
    from .i18n import in_language
    from .i18n.environment import environment_language

    with in_language(environment_language()):
        yield


def _start_outbox(app: Flask) -> None:
    """Check the mail settings; run the outbox's sender thread in each web process unless
    told not to. It sends mail when mail is on, and webhook deliveries in any case (with
    mail off it starts once a webhook endpoint exists)."""
    from widget import storage
    from widget.i18n import gettext as _
    from widget.mail.smtp import parse_smtp_url

    if app.config["MAIL_SENDER"] not in ("thread", "off"):
        # TRANSLATORS: `thread` and `off` are the values to type: keep them.
        raise ValueError(_("WIDGET_MAIL_SENDER must be `thread` or `off`."))
    mail_on = bool(app.config.get("SMTP_URL"))
    if mail_on:
        parse_smtp_url(app.config["SMTP_URL"])  # a mistyped URL stops the start, not a mail later
    if mail_on and not app.config.get("PUBLIC_URL"):
        app.logger.warning(
            "WIDGET_SMTP_URL is set but WIDGET_PUBLIC_URL is not: mail stays off, "
            "because every mail links to the service. Set WIDGET_PUBLIC_URL."
        )
        mail_on = False
    if app.config["MAIL_SENDER"] == "thread":
        from .mail import outbox
        from .webhooks import delivery

        jobs = [outbox.deliver_all_due] if mail_on else []
        jobs.append(delivery.deliver_all_due)
        outbox.install(app, jobs, has_work=None if mail_on else storage.has_webhook_endpoints)
