"""An upgrade as docs/deploy.md runs it: a database made by the first release's migrations
(revision 0001), with rows in every one of its tables, is brought to head by
`flask --app app db upgrade`, and the service serves it: old comments read, new ones post.
On SQLite and on PostgreSQL (in a schema of its own)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, func, select, text

from tests.actions import Api
from tests.conftest import POSTGRES_URL, _with_search_path
from widget import create_app
from widget.storage import database
from widget.storage.database import db, make_engine

ROOT = Path(__file__).resolve().parent.parent
FIRST_RELEASE = "0001"
SITE = "https://ledger.example.org"
PAGE = f"{SITE}/2025/01/first-article"  # canonical: no trailing slash
FLASK = Path(sys.executable).with_name("flask")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def old_database(request, tmp_path):
    """An empty database URL of the test's own (a file, or a fresh PostgreSQL schema)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'first-release.sqlite3'}"
        return
    schema = f"tertulia_upgrade_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _with_search_path(POSTGRES_URL, schema)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _first_release_rows(url: str) -> None:
    """The first release's schema, with rows in every table, as its service wrote them."""
    engine = make_engine(url)
    database.upgrade(engine, FIRST_RELEASE)
    day = datetime(2025, 1, 15, 9, 30)
    with engine.begin() as connection:
        run = connection.execute
        run(
            text("INSERT INTO sites (name, moderation, created_at) VALUES (:n, 'none', :t)"),
            {"n": "The Ledger", "t": day},
        )
        run(text("INSERT INTO site_origins (site_id, origin) VALUES (1, :o)"), {"o": SITE})
        run(
            text(
                "INSERT INTO threads (site_id, key, url, title, closed, created_at) "
                "VALUES (1, :u, :u, 'First article', :closed, :t)"
            ),
            {"u": PAGE, "t": day, "closed": False},
        )
        for number, parent in ((1, None), (2, 1)):
            run(
                text(
                    "INSERT INTO comments (thread_id, parent_id, depth, status, name, email, "
                    "website, text, html, avatar, network, user_agent, edit_token_hash, "
                    "created_at, updated_at) VALUES (1, :parent, :depth, 'published', "
                    ":name, :email, NULL, :text, :html, :avatar, '203.0.113.0/24', 'Firefox', "
                    ":token, :t, NULL)"
                ),
                {  # ids come from the sequences, 1 and 2, as the first release's did
                    "parent": parent,
                    "depth": 0 if parent is None else 1,
                    "name": f"Reader {number}",
                    "email": f"reader{number}@example.org",
                    "text": f"Comment {number} from the first release.",
                    "html": f"<p>Comment {number} from the first release.</p>",
                    "avatar": f"{number:024x}",
                    "token": f"{number:064x}",
                    "t": day + timedelta(minutes=number),
                },
            )
        run(
            text(
                "INSERT INTO bans (email, network, note, expires_at, created_at) "
                "VALUES ('spammer@example.net', NULL, 'old ban', NULL, :t)"
            ),
            {"t": day},
        )
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        empty = [
            table.name
            for table in tables.sorted_tables
            if table.name != "alembic_version"
            and not connection.scalar(select(func.count()).select_from(table))
        ]
    engine.dispose()
    assert not empty, f"the first release's tables without a row: {empty}"


def test_the_first_release_upgrades_to_head_and_is_served(old_database, tmp_path):
    _first_release_rows(old_database)
    env = {
        **os.environ,
        "WIDGET_DATABASE_URL": old_database,
        "WIDGET_SECRET_KEY": "upgrade-test",
        "WIDGET_INSTANCE_PATH": str(tmp_path / "instance"),
    }
    upgraded = subprocess.run(
        [str(FLASK), "--app", "app", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert upgraded.returncode == 0, upgraded.stderr
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": old_database,
            "SECRET_KEY": "upgrade-test",
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "RATELIMIT_ENABLED": False,
            "FORM_TOKEN_MIN_AGE": 0,
        }
    )
    try:
        with app.app_context():
            heads = database.alembic_config(db.engine)
            from alembic.script import ScriptDirectory

            head = ScriptDirectory.from_config(heads).get_current_head()
            with db.engine.connect() as connection:
                current = connection.scalar(text("SELECT version_num FROM alembic_version"))
            assert current == head
        api = Api(app.test_client(), origin=SITE)
        thread = api.thread(url=PAGE).get_json()
        assert "comments" in thread, thread
        assert [c["html"] for c in thread["comments"]] == [
            "<p>Comment 1 from the first release.</p>",
            "<p>Comment 2 from the first release.</p>",
        ]
        assert thread["comments"][1]["parent_id"] == thread["comments"][0]["id"]
        assert thread["thread"]["count"] == 2  # the read model filled in by the migrations
        assert all("email" not in c for c in thread["comments"])
        posted = api.post_comment(url=PAGE, text="Posted after the upgrade.")
        assert posted.status_code == 201, posted.get_json()
        assert api.thread(url=PAGE).get_json()["thread"]["count"] == 3
        banned = api.post_comment(url=PAGE, email="spammer@example.net", text="Still banned?")
        assert banned.status_code == 403 and banned.get_json()["error"] == "banned"
    finally:
        with app.app_context():
            db.engine.dispose()
