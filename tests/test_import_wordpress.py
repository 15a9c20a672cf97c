"""`flask import wordpress` on the real WordPress theme test data and a WXR 1.0 sample."""

from collections import Counter

import pytest

from tests.actions import Api
from tests.conftest import BLOG
from tests.importing import THEME, WXR_1_0, invoke, report_line, stored, thread_count

CHAIN = ["904", "905", "906", "907", "910", "911", "912", "913", "914", "915"]


def _by_source(rows) -> dict[str, dict]:
    return {row["source"].split("#")[1]: row for row in rows}


def test_theme_test_data_imports_every_comment_and_skips_pings(runner, app):
    result = invoke(runner, "import", "wordpress", THEME, "--site", BLOG)
    assert result.exit_code == 0, result.output
    # 33 comments in the file: 29 kept, 2 pingbacks and 2 trackbacks skipped; the one on
    # the password-protected post (926) is held.
    assert report_line(result.output, "Threads:") == "Threads: 7 created, 0 matched"
    assert report_line(result.output, "Comments imported:") == (
        "Comments imported: 29 (25 published, 4 pending, 0 spam, 0 deleted)"
    )
    assert report_line(result.output, "Skipped:") == (
        "Skipped: 4 (2 pingback, 2 trackback, 0 orphan, 0 duplicate, 0 empty, 0 too long)"
    )
    assert report_line(result.output, "URLs outside the site:") == (
        "URLs outside the site: 7 (from https://wpthemetestdata.wordpress.com; "
        "moved to https://blog.example.org)"
    )
    rows = stored(app)
    assert len(rows) == 29 and thread_count(app) == 7
    assert Counter(row["status"] for row in rows) == {"published": 25, "pending": 4}
    pending = {source for source, row in _by_source(rows).items() if row["status"] == "pending"}
    assert pending == {"1015", "1016", "1017", "926"}
    # The path and query are kept; the origin is the site's.
    assert {row["url"] for row in rows} >= {
        "https://blog.example.org/2012/01/03/template-comments",
        "https://blog.example.org/about/page-with-comments",
    }
    # comment_status closed -> the thread is closed.
    closed = {row["url"] for row in rows if row["closed"]}
    assert len(closed) == 3
    assert "https://blog.example.org/2012/01/04/template-password-protected" in closed


def test_the_ten_level_chain_is_capped_at_the_reply_depth_and_nothing_is_lost(runner, app):
    result = invoke(runner, "import", "wordpress", THEME, "--site", BLOG)
    assert "5 depth capped" in report_line(result.output, "Kept with changes:")
    rows = _by_source(stored(app))
    depths = [rows[source]["depth"] for source in CHAIN]
    assert depths == [0, 1, 2, 3, 4, 4, 4, 4, 4, 4]  # MAX_REPLY_DEPTH 5, as live replies
    # A reply at the deepest level joins its parent's level, under the same comment.
    assert {rows[s]["parent_id"] for s in CHAIN[5:]} == {rows["907"]["id"]}
    assert rows["1017"]["parent_id"] == rows["168"]["id"]


def test_with_a_deeper_setting_the_chain_keeps_all_ten_levels(app_factory):
    app = app_factory(MAX_REPLY_DEPTH=10)
    with app.app_context():
        from widget.sites.editing import register_site

        register_site("Blog", [BLOG], "none")
    result = invoke(app.test_cli_runner(), "import", "wordpress", THEME, "--site", BLOG)
    assert "0 depth capped" in result.output
    rows = _by_source(stored(app))
    assert [rows[s]["depth"] for s in CHAIN] == list(range(10))
    for child, parent in zip(CHAIN[1:], CHAIN, strict=False):
        assert rows[child]["parent_id"] == rows[parent]["id"]


def test_wordpress_html_becomes_our_safe_html_and_the_original_is_kept(runner, app):
    invoke(runner, "import", "wordpress", THEME, "--site", BLOG)
    rows = stored(app)
    for row in rows:
        assert row["markup"] == "html"
        assert "<script" not in row["html"] and "<img" not in row["html"]
        assert "onerror" not in row["html"]
    rich = next(row for row in rows if "<blockquote" in row["text"] or "<em>" in row["text"])
    assert rich["html"].startswith("<p>") or rich["html"].startswith("<blockquote>")
    greek = next(row for row in rows if "Γιάννης" in row["name"])
    assert greek["name"] == "John Γιάννης Doe Κάποιος"


def test_paragraphs_from_blank_lines_as_wordpress_shows_them(runner, app):
    invoke(runner, "import", "wordpress", WXR_1_0, "--site", BLOG)
    multiline = next(row for row in stored(app) if row["name"] == "Multiline Author")
    assert multiline["text"] == (
        "When you have a comment with multiple lines:\nWordPress exports it like this."
    )
    assert multiline["html"] == (
        "<p>When you have a comment with multiple lines:<br>\nWordPress exports it like this.</p>"
    )


def test_wxr_1_0_sample_imports_its_eight_comments_with_their_replies(runner, app):
    result = invoke(runner, "import", "wordpress", WXR_1_0, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert "Comments imported: 8 (8 published" in result.output
    assert report_line(result.output, "Threads:") == "Threads: 2 created, 0 matched"
    rows = stored(app)
    assert len(rows) == 8
    by_text = {row["text"]: row for row in rows}
    assert by_text["Drölfter!"]["parent_id"] == by_text["Zweiter."]["id"]
    assert by_text["Yet another reply."]["depth"] == 2
    # ?p=4 keeps its query: a thread of its own.
    assert {row["url"] for row in rows} == {
        "https://blog.example.org/2014/test",
        "https://blog.example.org/?p=4",
    }
    # Addresses are truncated exactly as live posts' (an IPv4-mapped address is IPv4).
    assert {row["network"] for row in rows} == {"82.119.20.0/24", "86.56.63.0/24", "86.52.1.0/24"}


def test_importing_the_same_file_twice_adds_nothing(runner, app):
    invoke(runner, "import", "wordpress", THEME, "--site", BLOG)
    again = invoke(runner, "import", "wordpress", THEME, "--site", BLOG)
    assert again.exit_code == 0, again.output
    assert report_line(again.output, "Threads:") == "Threads: 0 created, 7 matched"
    assert "Comments imported: 0 " in again.output
    assert "29 duplicate" in again.output
    assert len(stored(app)) == 29


def test_dry_run_prints_the_same_report_and_stores_nothing(runner, app):
    dry = invoke(runner, "import", "wordpress", THEME, "--site", BLOG, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "dry run: nothing was stored" in dry.output
    assert stored(app) == [] and thread_count(app) == 0
    real = invoke(runner, "import", "wordpress", THEME, "--site", BLOG)
    assert dry.output.splitlines()[1:] == real.output.splitlines()[1:]


def test_without_site_an_unregistered_origin_stops_before_storing(runner, app):
    result = invoke(runner, "import", "wordpress", THEME)
    assert result.exit_code != 0
    assert "https://wpthemetestdata.wordpress.com, which is not a registered site" in (
        result.output
    )
    assert stored(app) == [] and thread_count(app) == 0


def test_without_site_links_on_registered_origins_go_to_their_site(runner, app):
    assert invoke(runner, "sites", "add", "http://example.tld").exit_code == 0
    result = invoke(runner, "import", "wordpress", WXR_1_0)
    assert result.exit_code == 0, result.output
    assert "URLs outside the site: 0" in result.output
    assert {row["url"] for row in stored(app)} == {
        "http://example.tld/2014/test",
        "http://example.tld/?p=4",
    }


def test_url_map_moves_changed_paths(runner, app, tmp_path):
    mapping = tmp_path / "map.csv"
    mapping.write_text(
        "old_url,new_url\nhttp://example.tld/2014/test/,https://blog.example.org/hello-world/\n"
    )
    result = invoke(runner, "import", "wordpress", WXR_1_0, "--site", BLOG, "--url-map", mapping)
    assert result.exit_code == 0, result.output
    assert {row["url"] for row in stored(app)} == {
        "https://blog.example.org/hello-world",
        "https://blog.example.org/?p=4",
    }


def test_imported_comments_read_like_live_ones_and_keep_emails_private(runner, app, client):
    invoke(runner, "import", "wordpress", THEME, "--site", BLOG)
    api = Api(client, origin=BLOG)
    page = api.thread("https://blog.example.org/2012/01/03/template-comments/", limit=100)
    assert page.status_code == 200
    body = page.get_json()
    assert body["thread"]["count"] == 19  # 20 comments on the post, one pending
    assert body["thread"]["closed"] is False
    assert len(body["comments"]) == 19
    text = page.get_data(as_text=True)
    assert "example@example.org" not in text and "fake@example.com" not in text
    closed = api.thread("https://blog.example.org/2012/01/04/template-password-protected/")
    assert closed.get_json()["thread"]["closed"] is True


@pytest.mark.parametrize("status, expected", [("spam", "spam"), ("trash", "deleted")])
def test_spam_and_trash_statuses(runner, app, tmp_path, status, expected):
    source = WXR_1_0.read_text().replace(
        "<wp:comment_approved>1</wp:comment_approved>",
        f"<wp:comment_approved>{status}</wp:comment_approved>",
        1,
    )
    path = tmp_path / "statuses.xml"
    path.write_text(source)
    result = invoke(runner, "import", "wordpress", path, "--site", BLOG)
    assert f"1 {expected}" in report_line(result.output, "Comments imported:")
    assert Counter(row["status"] for row in stored(app))[expected] == 1


def test_on_a_terminal_the_import_shows_a_progress_bar(app, tmp_path):
    import os
    import pty
    import subprocess
    import sys

    primary, secondary = pty.openpty()
    env = {
        **os.environ,
        "WIDGET_DATABASE_URL": app.config["DATABASE_URL"],
        "WIDGET_INSTANCE_PATH": str(tmp_path),
        "WIDGET_SECRET_KEY": "test-secret-key",
    }
    command = [sys.executable, "-m", "flask", "--app", "app", "import", "wordpress"]
    result = subprocess.run(
        [*command, str(THEME), "--site", BLOG],
        stdout=subprocess.PIPE,
        stderr=secondary,
        env=env,
        timeout=120,
        check=False,
    )
    os.close(secondary)
    shown = os.read(primary, 65536).decode()
    os.close(primary)
    assert result.returncode == 0
    assert "Importing" in shown and "100%" in shown
    assert b"Comments imported: 29" in result.stdout


def _edited_sample(tmp_path, *replacements):
    text = WXR_1_0.read_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "edited.xml"
    path.write_text(text)
    return path


def test_fields_that_fail_the_live_checks_are_mended_and_counted(runner, app, tmp_path):
    path = _edited_sample(
        tmp_path,
        ("<![CDATA[Ohai]]>", "<![CDATA[\u202eevil\u202c]]>"),
        ("<wp:comment_author_url>http://example.tld/", "<wp:comment_author_url>javascript:x"),
        ("<wp:comment_author_email>test@example.org", "<wp:comment_author_email>not an email"),
        ("Erster!1]]>", "<script>alert(1)</script><a href='javascript:x'>a</a>]]>"),
        ("<wp:comment_parent>6</wp:comment_parent>", "<wp:comment_parent>99</wp:comment_parent>"),
    )
    result = invoke(runner, "import", "wordpress", path, "--site", BLOG)
    assert result.exit_code == 0, result.output
    assert report_line(result.output, "Kept with changes:") == (
        # Comments, not changes: one comment had three mended fields.
        "Kept with changes: 2 (1 blank email, 1 parent missing, 0 depth capped, "
        "1 name replaced, 1 website dropped, 0 text cleaned, 0 date unreadable, "
        "0 held: protected post, 0 deleted: thread deleted)"
    )
    rows = stored(app)
    assert len(rows) == 8
    first = next(row for row in rows if row["source"].endswith("#2"))
    assert first["name"] == "evil" and first["email"] == "" and first["website"] is None
    assert "<script" not in first["html"] and "javascript" not in first["html"]
    assert first["text"].startswith("<script>")  # the original, kept for the export
    # The reply to the missing comment 99 is kept, at the top level; its replies follow it.
    orphan = next(row for row in rows if row["text"] == "Drölfter!")
    assert orphan["parent_id"] is None and orphan["depth"] == 0
    assert next(r for r in rows if r["text"] == "Yet another reply.")["parent_id"] == orphan["id"]
