"""`flask import remark42` and `flask import commento` on samples of their own repositories."""

import gzip
import json
from collections import Counter

import pytest
from sqlalchemy import select

from tests.conftest import BLOG
from tests.importing import (
    COMMENTO,
    COMMENTO_BLANK,
    COMMENTO_STATES,
    REMARK42,
    REMARK42_STATES,
    invoke,
    report_line,
    stored,
    thread_count,
)
from widget.storage.database import db
from widget.storage.models import Comment, CommentSource, Thread


def imported(runner, system, path, *args):
    result = invoke(runner, "import", system, path, "--site", BLOG, *args)
    assert result.exit_code == 0, result.output
    return result.output


def test_remark42_sample_of_its_native_importer_test(runner, app):
    output = imported(runner, "remark42", REMARK42)
    assert report_line(output, "Threads:") == "Threads: 2 created, 0 matched"
    # user2 is blocked in the meta line: their comment is held, as Remark42 hides it.
    assert report_line(output, "Comments imported:") == (
        "Comments imported: 2 (1 published, 1 pending, 0 spam, 0 deleted)"
    )
    # The second comment names a parent ("1234") that is not in the file: kept at the top.
    assert "1 parent missing" in report_line(output, "Kept with changes:")
    # Remark42's ids are unique within one of its sites: the backup's site id is in the key.
    assert all(row["source"].startswith("radio-t ") for row in stored(app))
    rows = {row["source"].removeprefix("radio-t "): row for row in stored(app)}
    first = rows["efbc17f177ee1a1c0ee6e1e025749966ec071adc"]
    assert first["status"] == "published" and first["name"] == "user name"
    assert first["markup"] == "html" and first["email"] == ""
    assert first["html"] == (
        '<p>some text, <a href="http://radio-t.com" rel="nofollow ugc noopener">link</a></p>'
    )
    assert first["created_at"].isoformat() == "2017-12-20T21:18:22+00:00"
    # Remark42's `ip` is a keyed hash, not an address: nothing of it is kept.
    assert first["network"] == "unknown"
    # posts[].read_only closes the thread; the other post stays open.
    assert first["url"] == "https://blog.example.org/" and first["closed"] is True
    second = rows["f863bd79-fec6-4a75-b308-61fe5dd02aa1"]
    assert second["status"] == "pending" and second["parent_id"] is None
    assert second["url"] == "https://blog.example.org/2" and second["closed"] is False


def test_remark42_gzipped_backup_maps_states_and_cleans(runner, app):
    output = imported(runner, "remark42", REMARK42_STATES)
    assert report_line(output, "Threads:") == "Threads: 2 created, 0 matched"
    assert report_line(output, "Comments imported:") == (
        "Comments imported: 5 (3 published, 1 pending, 0 spam, 1 deleted)"
    )
    assert report_line(output, "Skipped:").startswith("Skipped: 0 ")
    rows = {row["source"][-1]: row for row in stored(app)}
    assert rows["1"]["closed"] is True and rows["4"]["closed"] is False
    assert rows["1"]["created_at"].isoformat() == "2019-06-01T10:00:00.123456+00:00"
    assert rows["1"]["html"].startswith("<p>First! <strong>Bold</strong>")
    # A deleted comment keeps its place for its reply, and nothing of its author.
    assert rows["2"]["status"] == "deleted" and rows["2"]["name"] == "" and rows["2"]["text"] == ""
    assert rows["3"]["parent_id"] == rows["2"]["id"] and rows["2"]["parent_id"] == rows["1"]["id"]
    assert rows["3"]["created_at"].isoformat() == "2019-06-01T10:00:00+00:00"
    assert rows["4"]["status"] == "pending"  # its author is blocked there
    # Names and texts go through the same cleaning as every import.
    assert rows["5"]["name"] == "Bob" and "\x07" not in rows["5"]["text"]
    assert "<script>" not in rows["5"]["html"]
    with app.app_context():
        titles = set(db.session.scalars(select(Thread.title)))
    assert titles == {"A closed post", "An open post"}


def test_remark42_pins_admins_and_edit_times(runner, app):
    imported(runner, "remark42", REMARK42_STATES)
    with app.app_context():
        rows = {
            source[-1]: comment
            for comment, source in db.session.execute(
                select(Comment, CommentSource.source_id).join(CommentSource)
            )
        }
        assert rows["3"].featured and rows["3"].staff and not rows["1"].staff
        assert rows["1"].updated_at.isoformat() == "2019-06-01T10:05:00+00:00"


def test_remark42_twice_adds_nothing_and_dry_run_stores_nothing(runner, app):
    dry = imported(runner, "remark42", REMARK42_STATES, "--dry-run")
    assert "dry run: nothing was stored" in dry and stored(app) == [] and thread_count(app) == 0
    real = imported(runner, "remark42", REMARK42_STATES)
    assert dry.splitlines()[1:] == real.splitlines()[1:]
    again = imported(runner, "remark42", REMARK42_STATES)
    assert report_line(again, "Threads:") == "Threads: 0 created, 2 matched"
    assert report_line(again, "Comments imported:").startswith("Comments imported: 0 ")
    assert "5 duplicate" in report_line(again, "Skipped:")
    assert len(stored(app)) == 5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"version":1,"comments":[],"commenters":[]}\n', "import commento"),
        (b'{"id":"1","locator":{"url":"https://blog.example.org/"}}\n', "meta"),
        (b'{"version":7,"users":[],"posts":[]}\n', "version 7"),
        (b'{"version":1,"users":[],"posts":[]}\n{"id": nope}\n', "Line 2 is not JSON"),
        (b'{"version":1,"users":[],"posts":[]}\n[1, 2]\n', "Line 2 is not a JSON object"),
    ],
)
def test_remark42_refuses_other_files_plainly(runner, app, tmp_path, content, message):
    path = tmp_path / "backup.gz"
    path.write_bytes(gzip.compress(content))
    result = invoke(runner, "import", "remark42", path, "--site", BLOG)
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output and stored(app) == []


def test_a_damaged_gzip_is_refused_and_other_commands_ask_to_uncompress(runner, app, tmp_path):
    path = tmp_path / "backup.gz"
    path.write_bytes(gzip.compress(REMARK42.read_bytes())[:-30])
    result = invoke(runner, "import", "remark42", path, "--site", BLOG)
    assert result.exit_code == 1 and "damaged gzip" in result.output and stored(app) == []
    result = invoke(runner, "import", "isso", REMARK42_STATES, "--site", BLOG)
    assert result.exit_code == 1 and "gunzip" in result.output


def test_commento_export_from_remark42s_migrator_tests(runner, app):
    output = imported(runner, "commento", COMMENTO)
    assert report_line(output, "Threads:") == "Threads: 2 created, 0 matched"
    assert report_line(output, "Comments imported:") == (
        "Comments imported: 3 (3 published, 0 pending, 0 spam, 0 deleted)"
    )
    rows = {row["source"].removeprefix("example.com "): row for row in stored(app)}
    anonymous = rows["e7069a7dfcfaed43caf62300a9b0edb1c124ad79d0f5887c93649c15d7f69945"]
    assert anonymous["name"] == "Anonymous" and anonymous["email"] == ""
    assert anonymous["url"] == "https://blog.example.org/blog/post/2"
    assert anonymous["html"] == "<p>Example comment created by user.</p>"
    assert anonymous["markup"] == "markdown"
    reply = rows["ea5f7bcd6ac9bb7b657f7d0569831104e1bcf9c253d03c1e16bf9654c49a5ce9"]
    parent = rows["7d77e39fcd813241d6281478cc8f21ab5f807d043c750bc1a936bc23b34fb854"]
    assert reply["parent_id"] == parent["id"] and reply["depth"] == 1
    assert reply["name"] == "Saturnin Uf" and reply["email"] == "moregreatmail@gmail.com"
    assert reply["website"] == "https://example.com/profile/259"
    assert reply["created_at"].isoformat() == "2021-05-11T15:43:01.852651+00:00"


def test_commento_gzipped_states_and_a_missing_parent(runner, app):
    output = imported(runner, "commento", COMMENTO_STATES)
    assert report_line(output, "Comments imported:") == (
        "Comments imported: 5 (2 published, 1 pending, 1 spam, 1 deleted)"
    )
    assert "1 parent missing" in report_line(output, "Kept with changes:")
    # Commento's comments are keyed by their domain (the install) and their hex.
    rows = {row["source"].removeprefix("blog.example.org "): row for row in stored(app)}
    assert rows["c001"]["status"] == "pending" and rows["c001"]["website"] is None
    assert rows["c002"]["status"] == "deleted" and rows["c002"]["text"] == ""
    assert rows["c003"]["parent_id"] == rows["c002"]["id"]
    assert rows["c004"]["status"] == "spam"
    assert rows["c005"]["parent_id"] is None and rows["c005"]["name"] == "Anonymous"
    assert Counter(row["url"] for row in rows.values()) == {
        "https://blog.example.org/2021/a-post": 4,
        "https://blog.example.org/2021/other": 1,
    }


def test_commento_blank_comments_are_skipped_and_counted(runner, app):
    # Every comment of this sample has empty markdown; its commenter's email is "undefined".
    output = imported(runner, "commento", COMMENTO_BLANK)
    assert report_line(output, "Comments imported:").startswith("Comments imported: 0 ")
    assert "7 empty" in report_line(output, "Skipped:")


def test_commento_twice_adds_nothing(runner, app):
    real = imported(runner, "commento", COMMENTO_STATES)
    dry = imported(runner, "commento", COMMENTO_STATES, "--dry-run")
    assert "5 duplicate" in report_line(dry, "Skipped:")
    again = imported(runner, "commento", COMMENTO_STATES)
    assert report_line(again, "Comments imported:").startswith("Comments imported: 0 ")
    assert len(stored(app)) == 5 and real != again


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'[{"id": "/a", "title": "", "comments": []}]', "import isso"),
        (b'{"version": 2, "comments": [], "commenters": []}', "version 2"),
        (b'{"version": 1, "commenters": []}', "no `comments` list"),
        (b'{"version": 1, "comments": [1], "commenters": []}', "not an object"),
        (b'{"version": 1, "comments": [', "not valid JSON"),
    ],
)
def test_commento_refuses_other_files_plainly(runner, app, tmp_path, content, message):
    path = tmp_path / "export.json"
    path.write_bytes(content)
    result = invoke(runner, "import", "commento", path, "--site", BLOG)
    assert result.exit_code == 1 and message in result.output, result.output
    assert "Traceback" not in result.output and stored(app) == []


def test_commento_without_site_needs_the_registered_domain(runner, app):
    result = invoke(runner, "import", "commento", COMMENTO)
    assert result.exit_code == 1 and "https://example.com" in result.output
    assert json.loads(COMMENTO.read_text())["version"] == 1


def _backup(tmp_path, site: str, time: str):
    lines = [
        {"version": 1, "users": [], "posts": []},
        {
            "id": "c1",
            "pid": "",
            "text": "<p>Hello</p>",
            "user": {"name": "Ann", "id": "ann"},
            "locator": {"site": site, "url": "https://blog.example.org/a"},
            "time": time,
        },
    ]
    path = tmp_path / f"{site}.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def test_remark42_unreadable_dates_are_reported_and_sites_keep_their_ids_apart(
    runner, app, tmp_path
):
    output = imported(runner, "remark42", _backup(tmp_path, "one", "yesterday"))
    assert "1 date unreadable" in report_line(output, "Kept with changes:")
    assert report_line(output, "Date unreadable:") == "Date unreadable: c1"
    # Another Remark42 site's comment "c1" is another comment; the same site's is a duplicate.
    output = imported(runner, "remark42", _backup(tmp_path, "two", "2020-01-01T00:00:00Z"))
    assert report_line(output, "Comments imported:").startswith("Comments imported: 1 ")
    output = imported(runner, "remark42", _backup(tmp_path, "one", "2020-01-01T00:00:00Z"))
    assert "1 duplicate" in report_line(output, "Skipped:")
    assert sorted(row["source"] for row in stored(app)) == ["one c1", "two c1"]


def test_commento_unreadable_dates_are_reported(runner, app, tmp_path):
    comment = {
        "commentHex": "h1",
        "domain": "blog.example.org",
        "url": "/a",
        "commenterHex": "anonymous",
        "markdown": "Hi",
        "parentHex": "root",
        "state": "approved",
        "creationDate": "not a date",
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"version": 1, "comments": [comment], "commenters": []}))
    output = imported(runner, "commento", path)
    assert report_line(output, "Date unreadable:") == "Date unreadable: h1"
    assert [row["source"] for row in stored(app)] == ["blog.example.org h1"]


def test_a_huge_remark42_text_is_refused_by_its_length_not_held(runner, app, tmp_path):
    import tracemalloc

    path = _backup(tmp_path, "one", "2020-01-01T00:00:00Z")
    head, tail = path.read_text().split("<p>Hello</p>")
    with open(path, "w") as out:  # 20 million characters: longer than a backup's longest line
        out.write(head)
        for _ in range(20):
            out.write("x" * 1_000_000)
        out.write(tail)
    tracemalloc.start()
    try:
        output = imported(runner, "remark42", path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report_line(output, "Too long:") == "Too long: c1"
    assert peak < 10_000_000
