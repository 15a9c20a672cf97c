"""What a real site's files hold (issue 21, items 4-7 and 10): two installs with the same ids,
deleted Disqus threads, protected WordPress posts, unreadable dates, BOMs and Latin-1."""

import pytest

from tests.conftest import BLOG
from tests.importing import DISQUS, ISSO, invoke, report_line, stored, wxr

COMMENTS = (
    {"id": "1", "author": "Ana", "content": "First"},
    {"id": "2", "author": "Bea", "content": "Reply", "parent": "1"},
)


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_second_blog_with_the_same_ids_is_not_taken_for_duplicates(runner, app, tmp_path):
    first = _write(tmp_path, "a.xml", wxr(*COMMENTS, blog="https://a.example.com"))
    second = _write(tmp_path, "b.xml", wxr(*COMMENTS, blog="https://b.example.com"))
    for path in (first, second):
        result = invoke(runner, "import", "wordpress", path, "--site", BLOG)
        assert result.exit_code == 0, result.output
        assert "Comments imported: 2 " in result.output, result.output
    again = invoke(runner, "import", "wordpress", first, "--site", BLOG)
    assert "Comments imported: 0 " in again.output and "2 duplicate" in again.output
    assert sorted(row["source"] for row in stored(app)) == [
        "https://a.example.com 7#1",
        "https://a.example.com 7#2",
        "https://b.example.com 7#1",
        "https://b.example.com 7#2",
    ]


def test_source_names_the_install_when_the_file_does_not(runner, app, tmp_path):
    path = _write(tmp_path, "a.xml", wxr(*COMMENTS, blog=""))
    for _ in range(2):
        result = invoke(runner, "import", "wordpress", path, "--site", BLOG, "--source", "old")
        assert result.exit_code == 0, result.output
    assert "2 duplicate" in result.output
    assert sorted(row["source"] for row in stored(app)) == ["old 7#1", "old 7#2"]


def test_comments_of_a_deleted_disqus_thread_are_imported_deleted(runner, app, tmp_path):
    text = DISQUS.read_text()
    marked = text.replace("<title>Hello, World!</title>", "<isDeleted>true</isDeleted>", 1)
    assert marked != text
    result = invoke(runner, "import", "disqus", _write(tmp_path, "d.xml", marked), "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert "3 deleted: thread deleted" in report_line(result.output, "Kept with changes:")
    deleted = [row for row in stored(app) if row["url"] == "https://blog.example.org/"]
    assert deleted and {row["status"] for row in deleted} == {"deleted"}


@pytest.mark.parametrize(
    "post",
    [
        "<wp:status>publish</wp:status><wp:post_password>enter</wp:post_password>",
        "<wp:status>private</wp:status>",
        "<wp:status>draft</wp:status>",
    ],
)
def test_comments_of_protected_posts_are_held_unless_asked(runner, app, tmp_path, post, api):
    path = _write(tmp_path, "p.xml", wxr(*COMMENTS, post=post))
    result = invoke(runner, "import", "wordpress", path, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert "2 held: protected post" in report_line(result.output, "Kept with changes:")
    assert {row["status"] for row in stored(app)} == {"pending"}
    assert api.thread("https://blog.example.org/a/").get_json()["comments"] == []
    other = _write(
        tmp_path, "q.xml", wxr(*COMMENTS, post=post, link=f"{BLOG}/b/", blog="https://c.example")
    )
    taken = invoke(runner, "import", "wordpress", other, "--site", BLOG, "--include-protected")
    assert "0 held: protected post" in report_line(taken.output, "Kept with changes:")
    assert len(api.thread(f"{BLOG}/b/").get_json()["comments"]) == 2


def test_an_unreadable_date_is_reported_and_keeps_its_place(runner, app, tmp_path):
    path = _write(
        tmp_path,
        "dates.xml",
        wxr(
            {"id": "1", "author": "A", "content": "one", "date_gmt": "2020-01-02 03:04:05"},
            {"id": "2", "author": "B", "content": "two", "date_gmt": "a while ago"},
            {"id": "3", "author": "C", "content": "three", "date_gmt": "0000-00-00 00:00:00"},
            {"id": "4", "author": "D", "content": "four", "date_gmt": "2020-01-05 00:00:00"},
        ),
    )
    result = invoke(runner, "import", "wordpress", path, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert "2 date unreadable" in report_line(result.output, "Kept with changes:")
    assert report_line(result.output, "Date unreadable:") == "Date unreadable: 7#2, 7#3"
    rows = stored(app)  # oldest first, then in the order stored
    assert [row["text"] for row in rows] == ["one", "two", "three", "four"]
    assert rows[1]["created_at"] == rows[2]["created_at"] == rows[0]["created_at"]


def test_a_byte_order_mark_is_accepted(runner, app, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + ISSO.read_bytes())
    result = invoke(runner, "import", "isso", path, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert len(stored(app)) == 2


def test_latin_1_json_is_named_plainly(runner, app, tmp_path):
    path = tmp_path / "latin1.json"
    text = '[{"id": "/a/", "title": "A", "comments": [{"id": 1, "text": "café", "created": null}]}]'
    path.write_bytes(text.encode("latin-1"))
    result = invoke(runner, "import", "isso", path, "--site", BLOG)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "not UTF-8" in result.output and "Latin-1" in result.output
    assert "0xE9" in result.output and stored(app) == []
