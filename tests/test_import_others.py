"""`flask import disqus` and `flask import isso` on their real samples."""

from collections import Counter

from tests.conftest import BLOG
from tests.importing import DISQUS, ISSO, invoke, report_line, stored


def test_disqus_sample_with_its_orphan_deleted_post_and_empty_ids(runner, app):
    # Its threads link to http://example.org/ and http://localhost:4000/…: moved onto the blog.
    result = invoke(runner, "import", "disqus", DISQUS, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert report_line(result.output, "Threads:") == "Threads: 2 created, 0 matched"
    assert report_line(result.output, "Comments imported:") == (
        "Comments imported: 5 (4 published, 0 pending, 0 spam, 1 deleted)"
    )
    assert report_line(result.output, "Skipped:") == (
        "Skipped: 1 (0 pingback, 0 trackback, 1 orphan, 0 duplicate, 0 empty, 0 too long)"
    )
    rows = stored(app)
    by_source = {row["source"].removeprefix("disqusdev "): row for row in rows}
    assert set(by_source) == {"4", "5", "8", "9", "11"}  # 6 is the orphan of thread 1337
    assert by_source["9"]["status"] == "deleted" and by_source["9"]["text"] == ""
    # Replies come from <parent dsq:id>, the one to the deleted post too.
    assert by_source["5"]["parent_id"] == by_source["4"]["id"]
    assert by_source["11"]["parent_id"] == by_source["9"]["id"]
    # The thread with an empty <id/> and <title/> is found by its link.
    assert by_source["8"]["url"] == "https://blog.example.org/blog/2013/02/12/redacted"
    assert by_source["8"]["html"] == "<p>Message from thread with empty title and id</p>"
    assert by_source["4"]["network"] == "127.0.0.0/24"


def test_disqus_without_site_needs_registered_origins(runner, app):
    refused = invoke(runner, "import", "disqus", DISQUS)
    assert refused.exit_code != 0 and "http://example.org" in refused.output
    assert stored(app) == []
    assert (
        invoke(runner, "sites", "add", "http://example.org", "http://localhost:4000").exit_code == 0
    )
    result = invoke(runner, "import", "disqus", DISQUS)
    assert result.exit_code == 0, result.output
    assert {row["url"] for row in stored(app)} == {
        "http://example.org/",
        "http://localhost:4000/blog/2013/02/12/redacted",
    }


def test_disqus_twice_adds_nothing(runner, app):
    invoke(runner, "import", "disqus", DISQUS, "--site", BLOG)
    again = invoke(runner, "import", "disqus", DISQUS, "--site", BLOG)
    assert "5 duplicate" in again.output and "1 orphan" in again.output
    assert len(stored(app)) == 5


def test_disqus_spam_and_an_author_without_email(runner, app, tmp_path):
    source = DISQUS.read_text()
    source = source.replace("<isSpam>false</isSpam>", "<isSpam>true</isSpam>", 1)
    source = source.replace("<email>baz@email.foo</email>", "", 1)
    path = tmp_path / "disqus.xml"
    path.write_text(source)
    result = invoke(runner, "import", "disqus", path, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert "1 spam" in report_line(result.output, "Comments imported:")
    assert "1 blank email" in report_line(result.output, "Kept with changes:")
    rows = {row["source"].removeprefix("disqusdev "): row for row in stored(app)}
    assert rows["4"]["status"] == "spam"
    assert rows["8"]["email"] == ""


def test_isso_generic_json(runner, app):
    result = invoke(runner, "import", "isso", ISSO, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert report_line(result.output, "Threads:") == "Threads: 2 created, 0 matched"
    assert report_line(result.output, "Comments imported:") == (
        "Comments imported: 2 (2 published, 0 pending, 0 spam, 0 deleted)"
    )
    # One comment has an empty email: kept, blank, and said so.
    assert "1 blank email" in report_line(result.output, "Kept with changes:")
    rows = stored(app)
    assert Counter(row["url"] for row in rows) == {
        "https://blog.example.org/posts/0001": 1,
        "https://blog.example.org/posts/0007": 1,
    }
    poker = next(row for row in rows if row["name"] == "texas holdem")
    assert poker["email"] == "" and poker["website"] == "http://www.tigerspice.com"
    assert poker["markup"] == "markdown"
    assert poker["html"] == "<p>Great men can't be ruled. by free online poker</p>"
    assert poker["created_at"].isoformat() == "2005-02-24T04:03:37+00:00"
    assert invoke(runner, "import", "isso", ISSO, "--site", BLOG).output.count("2 duplicate") == 1


def test_isso_paths_need_a_site(runner, app):
    result = invoke(runner, "import", "isso", ISSO)
    assert result.exit_code != 0
    assert "--site" in result.output and stored(app) == []


def test_a_disqus_reply_to_a_post_of_another_thread_is_kept_at_the_top(runner, app, tmp_path):
    source = DISQUS.read_text().replace(
        '<thread dsq:id="7" />\n    </post>',
        '<thread dsq:id="7" />\n        <parent dsq:id="4" />\n    </post>',
        1,
    )
    assert '<parent dsq:id="4" />\n    </post>' in source
    path = tmp_path / "disqus.xml"
    path.write_text(source)
    result = invoke(runner, "import", "disqus", path, "--site", BLOG)
    assert "1 parent missing" in report_line(result.output, "Kept with changes:")
    rows = {row["source"].removeprefix("disqusdev "): row for row in stored(app)}
    assert rows["8"]["parent_id"] is None and rows["8"]["depth"] == 0


def test_a_malformed_url_map_is_refused(runner, app, tmp_path):
    mapping = tmp_path / "map.csv"
    mapping.write_text("https://a.example/x/\n")
    result = invoke(runner, "import", "isso", ISSO, "--site", BLOG, "--url-map", mapping)
    assert result.exit_code != 0 and "line 1: expected old_url,new_url" in result.output
    assert stored(app) == []
