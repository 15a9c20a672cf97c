"""Fixtures: a fresh app per test on a real database, and action objects.

Every API test runs on SQLite; when WIDGET_TEST_DATABASE_URL is set, also on
PostgreSQL, in a schema of its own that is dropped at the end of the run.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text

from tests.actions import Admin, Api
from widget import create_app, storage
from widget.accounts.moderators import create_moderator
from widget.sites.editing import register_site
from widget.storage import database
from widget.storage.database import db, make_engine

# The apps and commands speak the environment's language (widget/i18n/environment.py): the
# suite's English expectations hold on a translator's machine too. LANGUAGE wins over LANG
# and leaves the locale (encodings) alone; language tests set their own.
os.environ["LANGUAGE"] = "en"
POSTGRES_URL = os.environ.get("WIDGET_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("WIDGET_TEST_REDIS_URL")
RUN_ID = uuid.uuid4().hex[:10]
BLOG = "https://blog.example.org"
OTHER = "https://other.example.net"
TABLES = (
    "mail_outbox, subscriptions, mail_addresses, audit_log, moderator_sessions, sign_in_attempts, "
    "comment_likes, moderators, comment_sources, reports, hold_reasons, notices, comments, "
    "webhook_deliveries, webhook_endpoints, api_tokens, "
    "site_users, threads, site_origins, sites, bans, proven_addresses"
)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
# Fixtures of one subject that several test files use.
pytest_plugins = ["tests.prescreening"]


def pytest_collection_modifyitems(config, items):
    missing = {
        "postgres": None if POSTGRES_URL else "WIDGET_TEST_DATABASE_URL is not set",
        "redis": None if REDIS_URL else "WIDGET_TEST_REDIS_URL is not set",
    }
    for item in items:
        for marker, reason in missing.items():
            if reason and marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


def _with_search_path(url: str, schema: str) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session", autouse=True)
def redis_cleanup():
    """Delete every Redis key this run made (all carry its RUN_ID)."""
    yield
    if REDIS_URL:
        import redis

        connection = redis.Redis.from_url(REDIS_URL)
        keys = list(connection.scan_iter(match=f"*tertulia-test-{RUN_ID}*"))
        if keys:
            connection.delete(*keys)
        connection.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A migrated SQLite file, copied for each test (migrating each time is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    database.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_schema():
    """A migrated schema of this run's own; dropped when the run ends."""
    schema = f"tertulia_test_{RUN_ID}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = _with_search_path(POSTGRES_URL, schema)
    engine = make_engine(url)
    database.upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """A fresh, migrated, empty database for one test."""
    if request.param == "sqlite":
        path = tmp_path / "tertulia.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_schema")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture
def app_factory(database_url, tmp_path):
    """Make apps on this test's database (rate limits off unless asked); dispose them after."""
    apps = []

    def make_app(**overrides):
        config = {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key",
            "RATELIMIT_ENABLED": False,
            "RATELIMIT_KEY_PREFIX": f"tertulia-test-{RUN_ID}-{uuid.uuid4().hex[:8]}",
            "FORM_TOKEN_MIN_AGE": 0,
            # Flood defences are off, like rate limits, except in their own tests.
            "DUPLICATE_WINDOW_MINUTES": 0,
            "THREAD_RATE_LIMIT": "10000 per hour",
            "EMAIL_RATE_LIMIT": "10000 per hour",
            "HOLD_LINK_COUNT": 0,
            **overrides,
        }
        apps.append(create_app(config))
        return apps[-1]

    yield make_app
    for app in apps:
        # The outbox's sender thread first: it would outlive the test's schema otherwise.
        if sender := app.extensions.get("tertulia.mail_sender"):
            sender.stop()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(app_factory):
    """A fresh app with two registered sites: the blog and another one."""
    app = app_factory()
    with app.app_context():
        register_site("Blog", [BLOG, "https://www.blog.example.org"], "none")
        register_site("Other", [OTHER], "none")
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def api(client):
    """Actions of a reader's browser on a page of the blog."""
    return Api(client, origin=BLOG)


# ---- moderators ----------------------------------------------------------------


MODERATOR_EMAIL = "mod@example.org"
MODERATOR_PASSWORD = "a long moderation passphrase"


@dataclass(frozen=True)
class Account:
    """A moderator account and the password to sign in with."""

    id: int
    email: str
    password: str


@pytest.fixture
def make_moderator(app):
    """Create a moderator account on the test's database."""

    def make(email: str = MODERATOR_EMAIL, password: str = MODERATOR_PASSWORD) -> Account:
        with app.app_context():
            return Account(create_moderator(email, password).id, email, password)

    return make


@pytest.fixture
def moderator(make_moderator) -> Account:
    """A moderator account on the test's database."""
    return make_moderator()


@pytest.fixture
def admin(client, moderator) -> Admin:
    """The moderator's browser, signed in."""
    browser = Admin(client)
    assert browser.login(moderator.email, moderator.password).status_code == 303
    return browser


# ---- mail ------------------------------------------------------------------------


@pytest.fixture
def smtp():
    """A real SMTP server (aiosmtpd) on a free port of 127.0.0.1, stopped after the test."""
    from tests.mailbox import SmtpServer

    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def make_mail_app(app_factory, smtp):
    """Apps that send mail to the test's SMTP server; the sender thread is off unless asked."""
    from tests.mailbox import PUBLIC_URL

    def make(**overrides):
        config = {
            "SMTP_URL": smtp.url,
            "PUBLIC_URL": PUBLIC_URL,
            # The public URL's host, and the test client's own (it calls http://localhost).
            "TRUSTED_HOSTS": ["comments.example.org", "localhost"],
            "MAIL_SENDER": "off",
            "MAIL_FROM": "Tertulia <comments@example.org>",
            **overrides,
        }
        mail_app = app_factory(**config)
        with mail_app.app_context():
            if not storage.list_sites():
                register_site("Blog", [BLOG, "https://www.blog.example.org"], "none")
                register_site("Other", [OTHER], "none")
        return mail_app

    return make


@pytest.fixture
def mail_app(make_mail_app):
    return make_mail_app()


# ---- webhooks --------------------------------------------------------------------


@pytest.fixture
def receiver():
    """A real HTTP receiver on 127.0.0.1, stopped after the test."""
    from tests.webhook_receiver import Receiver

    got = Receiver()
    yield got
    got.stop()


@pytest.fixture
def make_hook_app(app_factory):
    """Apps whose webhooks may reach loopback (WEBHOOK_ALLOW_PRIVATE); no sender thread
    unless asked, so each test says when deliveries go."""

    def make(**overrides):
        app = app_factory(**{"WEBHOOK_ALLOW_PRIVATE": True, "MAIL_SENDER": "off", **overrides})
        with app.app_context():
            if not storage.list_sites():
                register_site("Blog", [BLOG, "https://www.blog.example.org"], "none")
                register_site("Other", [OTHER], "none")
        return app

    return make


@pytest.fixture
def hook_app(make_hook_app):
    return make_hook_app()
