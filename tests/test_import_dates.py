"""Unreadable dates on the readers not covered elsewhere (issue 21, item 7: reported by the
comment's id in the file, the thread's order kept), and two Disqus forums with the same post
ids into one site (item 4). WordPress, Remark42 and Commento: test_import_sources.py and
test_import_remark42.py."""

import json
import shutil
import sqlite3

from tests.conftest import BLOG
from tests.importing import ISSO_DB, adds_up, invoke, report_line, stored


def disqus(*posts: tuple[str, str], forum: str = "blogforum", parent: dict | None = None) -> str:
    """A Disqus export of one thread on the blog: (dsq id, createdAt) per post, in order."""
    parent = parent or {}
    body = "".join(
        f'<post dsq:id="{ref}"><message><![CDATA[<p>post {ref}</p>]]></message>'
        f"<createdAt>{created}</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>"
        f"<author><name>Reader {ref}</name><email>r{ref}@example.org</email></author>"
        + (f'<parent dsq:id="{parent[ref]}"/>' if ref in parent else "")
        + '<thread dsq:id="100"/></post>'
        for ref, created in posts
    )
    return (
        '<?xml version="1.0"?>\n<disqus xmlns="http://disqus.com" '
        'xmlns:dsq="http://disqus.com/disqus-internals">'
        f'<thread dsq:id="100"><forum>{forum}</forum><link>{BLOG}/a/</link><title>A</title>'
        f"<createdAt>2019-12-31T00:00:00Z</createdAt></thread>{body}</disqus>\n"
    )


def _import(runner, command: str, path) -> str:
    result = invoke(runner, "import", command, path, "--site", BLOG)
    assert result.exit_code == 0, result.output
    return result.output


def _order_kept(app, texts: list[str]) -> None:
    """Stored oldest first, the unreadable ones right after their neighbour above."""
    rows = stored(app)
    assert [row["text"] for row in rows] == texts
    assert rows[1]["created_at"] == rows[0]["created_at"] < rows[2]["created_at"]


def test_disqus_unreadable_dates_are_reported_in_place(runner, app, tmp_path):
    path = tmp_path / "disqus.xml"
    posts = [("11", "2020-01-01T10:00:00Z"), ("12", "last week"), ("13", "2020-01-03T10:00:00Z")]
    path.write_text(disqus(*posts))
    output = _import(runner, "disqus", path)
    assert "1 date unreadable" in report_line(output, "Kept with changes:")
    assert report_line(output, "Date unreadable:") == "Date unreadable: 12"
    adds_up(output, 3)
    _order_kept(app, ["<p>post 11</p>", "<p>post 12</p>", "<p>post 13</p>"])


def test_isso_json_unreadable_dates_are_reported_in_place(runner, app, tmp_path):
    comments = [
        {"id": 1, "author": "A", "text": "one", "created": "2020-01-01 10:00:00"},
        {"id": 2, "author": "B", "text": "two", "created": "31/12/2019"},
        {"id": 3, "author": "C", "text": "three", "created": "2020-01-03 10:00:00"},
    ]
    path = tmp_path / "isso.json"
    path.write_text(json.dumps([{"id": "/a/", "title": "A", "comments": comments}]))
    output = _import(runner, "isso", path)
    assert report_line(output, "Date unreadable:") == "Date unreadable: /a/#2"
    adds_up(output, 3)
    _order_kept(app, ["one", "two", "three"])


def test_isso_database_unreadable_dates_are_reported_in_place(runner, app, tmp_path):
    path = tmp_path / "comments.db"
    shutil.copy(ISSO_DB, path)
    with sqlite3.connect(path) as connection:  # Isso's column is FLOAT; SQLite keeps text
        connection.execute("UPDATE comments SET created = 'garbled' WHERE id = 2")
    output = _import(runner, "isso", path)
    assert report_line(output, "Date unreadable:") == "Date unreadable: 2"
    adds_up(output, 9)
    rows = [row for row in stored(app) if "first-post" in row["url"]]
    assert [row["text"][:12] for row in rows[:3]] == [
        "The *first* ",
        "A reply to A",
        "A reply to B",
    ]
    assert rows[1]["created_at"] == rows[0]["created_at"] < rows[2]["created_at"]


def test_two_disqus_forums_with_the_same_post_ids_stay_apart(runner, app, tmp_path):
    posts = [("11", "2020-01-01T10:00:00Z"), ("12", "2020-01-02T10:00:00Z")]
    replies = {"12": "11"}
    for forum in ("oldblog", "newsdesk"):
        path = tmp_path / f"{forum}.xml"
        path.write_text(disqus(*posts, forum=forum, parent=replies))
        output = _import(runner, "disqus", path)
        assert report_line(output, "Comments imported:").startswith("Comments imported: 2 ")
        assert report_line(output, "Kept with changes:").startswith("Kept with changes: 0 ")
    again = _import(runner, "disqus", tmp_path / "oldblog.xml")
    assert "2 duplicate" in report_line(again, "Skipped:")
    adds_up(again, 2)
    rows = stored(app)
    assert sorted(row["source"] for row in rows) == [
        "newsdesk 11",
        "newsdesk 12",
        "oldblog 11",
        "oldblog 12",
    ]
    # Each forum's reply hangs under its own forum's comment.
    by_id = {row["id"]: row for row in rows}
    for row in rows:
        if row["parent_id"] is not None:
            assert by_id[row["parent_id"]]["source"].split()[0] == row["source"].split()[0]
