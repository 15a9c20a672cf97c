"""Running it for real: /healthz, `db backup`, `threads move`, the server extra."""

import sqlite3
import tomllib
from pathlib import Path

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from tests.importing import invoke, stored, thread_count

UNREACHABLE_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:9/nowhere?connect_timeout=2"
UNREACHABLE_REDIS = "redis://127.0.0.1:9/0"


def test_healthz_answers_ok_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_names_an_unreachable_database(app_factory):
    app = app_factory(DATABASE_URL=UNREACHABLE_DATABASE)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["failing"] == ["database"]
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_names_an_unreachable_redis(app_factory):
    app = app_factory(RATELIMIT_STORAGE_URI=UNREACHABLE_REDIS, RATELIMIT_ENABLED=True)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["failing"] == ["redis"] and body["status"] == "unavailable"
    assert "redis" in body["message"]


def test_db_backup_copies_sqlite_consistently_and_sends_postgresql_to_pg_dump(
    app, runner, client, tmp_path
):
    Api(client, origin=BLOG).post_comment(text="Kept in the backup")
    target = tmp_path / "backup.sqlite3"
    result = invoke(runner, "db", "backup", target)
    if app.config["DATABASE_URL"].startswith("postgresql"):
        assert result.exit_code != 0 and "pg_dump" in result.output
        return
    assert result.exit_code == 0, result.output
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT text FROM comments").fetchall() == [("Kept in the backup",)]
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    again = invoke(runner, "db", "backup", target)
    assert again.exit_code != 0 and "exists already" in again.output


def test_threads_move_to_a_new_url(app, runner, client):
    api = Api(client, origin=BLOG)
    api.post_comment(text="Before the move")
    new = "https://blog.example.org/2026/11/border-talks-renamed/"
    result = invoke(runner, "threads", "move", ARTICLE, new)
    assert result.exit_code == 0, result.output
    assert "Moved" in result.output
    assert [c["text"] for c in stored(app)] == ["Before the move"]
    assert api.thread(new).get_json()["thread"]["count"] == 1
    assert api.thread(ARTICLE).get_json()["thread"]["count"] == 0


def test_threads_move_merges_into_an_existing_thread(app, runner, client):
    api = Api(client, origin=BLOG)
    new = "https://blog.example.org/2026/11/border-talks-renamed/"
    api.post_comment(text="Old URL")
    api.post_comment(url=new, text="New URL")
    result = invoke(runner, "threads", "move", ARTICLE, new)
    assert result.exit_code == 0, result.output
    assert "Merged 1 comment of " in result.output
    assert thread_count(app) == 1
    page = api.thread(new).get_json()
    assert page["thread"]["count"] == 2
    assert [c["html"] for c in page["comments"]] == ["<p>Old URL</p>", "<p>New URL</p>"]


def test_threads_move_refuses_unknown_threads_and_other_sites(runner, client):
    Api(client, origin=BLOG).post_comment()
    missing = invoke(runner, "threads", "move", BLOG + "/nothing/", BLOG + "/else/")
    assert missing.exit_code != 0 and "no thread" in missing.output
    other = invoke(runner, "threads", "move", ARTICLE, "https://other.example.net/x/")
    assert other.exit_code != 0 and "not an origin of the site" in other.output


def test_gunicorn_is_the_server_extra():
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert project["project"]["optional-dependencies"]["server"] == ["gunicorn>=23"]
