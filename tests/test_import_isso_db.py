"""`flask import isso comments.db`: Isso's own SQLite database, as a real Isso site has it."""

import hashlib
import shutil
from datetime import UTC, datetime

from sqlalchemy import select

from tests.conftest import BLOG
from tests.importing import ISSO_DB, invoke, report_line, stored
from widget.storage.database import db
from widget.storage.models import Comment


def _by_id(app) -> dict[str, dict]:
    return {row["source"].rsplit(" ", 1)[1]: row for row in stored(app)}


def test_an_isso_database_imports_as_isso_kept_it(runner, app, api):
    before = hashlib.sha256(ISSO_DB.read_bytes()).hexdigest()
    result = invoke(runner, "import", "isso", ISSO_DB, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert report_line(result.output, "Threads:") == "Threads: 2 created, 0 matched"
    assert report_line(result.output, "Comments in the file:") == "Comments in the file: 9"
    # Mode 1 accepted, 2 held, 4 deleted but kept for its reply.
    assert report_line(result.output, "Comments imported:") == (
        "Comments imported: 9 (6 published, 2 pending, 0 spam, 1 deleted)"
    )
    rows = _by_id(app)
    # Isso nests one level: the reply to Bruno's reply is stored under Ana's comment.
    assert rows["3"]["parent_id"] == rows["1"]["id"] == rows["2"]["parent_id"]
    assert rows["8"]["status"] == rows["9"]["status"] == "pending"
    assert rows["9"]["parent_id"] == rows["1"]["id"]
    assert rows["5"]["status"] == "deleted" and rows["5"]["text"] == rows["5"]["name"] == ""
    assert rows["6"]["parent_id"] == rows["5"]["id"] and rows["6"]["name"] == "Anonymous"
    assert rows["4"]["network"] == "2001:db8::/48"
    assert rows["7"]["text"] == "Una opinión con acentos: ¿qué tal?"
    assert {row["url"] for row in rows.values()} == {
        "https://blog.example.org/blog/2024/first-post",
        "https://blog.example.org/blog/2024/second-post",
    }
    with app.app_context():
        likes = dict(db.session.execute(select(Comment.id, Comment.likes)).all())
        edited = db.session.get(Comment, rows["4"]["id"]).edited_at
    assert likes[rows["1"]["id"]] == 3 and likes[rows["4"]["id"]] == 0
    assert edited is not None and edited > rows["4"]["created_at"]
    assert edited.year == datetime.fromtimestamp(1796312494, UTC).year
    # Readers see the placeholder with its reply, not the held ones.
    thread = api.thread("https://blog.example.org/blog/2024/second-post").get_json()
    assert [c["status"] for c in thread["comments"]] == ["deleted", "published", "published"]
    # Read-only: the file is as it was.
    assert hashlib.sha256(ISSO_DB.read_bytes()).hexdigest() == before


def test_an_isso_database_again_even_copied_elsewhere_adds_nothing(runner, app, tmp_path):
    assert invoke(runner, "import", "isso", ISSO_DB, "--site", BLOG).exit_code == 0
    copy = tmp_path / "moved" / "comments.db"
    copy.parent.mkdir()
    shutil.copy(ISSO_DB, copy)
    again = invoke(runner, "import", "isso", copy, "--site", BLOG)
    assert again.exit_code == 0, again.output
    assert "Comments imported: 0 " in again.output and "9 duplicate" in again.output
    assert len(stored(app)) == 9


def test_a_json_object_given_to_import_isso_is_refused_in_one_line(runner, app, tmp_path):
    path = tmp_path / "ours.json"
    path.write_text('{"format": "tertulia", "version": 1, "sites": []}')
    result = invoke(runner, "import", "isso", path, "--site", BLOG)
    assert result.exit_code == 1 and "Traceback" not in result.output
    message = result.output.strip()
    assert "\n" not in message and "JSON object" in message and "`import tertulia`" in message
    assert stored(app) == []


def test_an_sqlite_file_that_is_not_isso_is_refused(runner, app, tmp_path):
    import sqlite3

    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    result = invoke(runner, "import", "isso", path, "--site", BLOG)
    assert result.exit_code == 1 and "not Isso's comments.db" in result.output
    wrong = invoke(runner, "import", "wordpress", ISSO_DB, "--site", BLOG)
    assert wrong.exit_code == 1 and "is an SQLite database" in wrong.output
