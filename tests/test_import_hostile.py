"""Hostile and wrong files: refused with a clear message, a non-zero exit, nothing stored."""

import pytest

from tests.conftest import BLOG
from tests.importing import DISQUS, ISSO, THEME, WXR_1_0, invoke, stored, thread_count

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>
<link>https://blog.example.org/a/</link>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content>&d;</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved></wp:comment>
</item></channel></rss>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>
<link>https://blog.example.org/a/</link>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>x</wp:comment_author>
<wp:comment_content>&secret;</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved></wp:comment>
</item></channel></rss>
"""


def _refused(runner, app, *args) -> str:
    result = invoke(runner, "import", *args)
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert stored(app) == [] and thread_count(app) == 0
    return result.output


def test_an_xml_bomb_is_refused(runner, app, tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(BOMB)
    output = _refused(runner, app, "wordpress", path, "--site", BLOG)
    assert "declares entities" in output and "Nothing was imported" in output


def test_an_external_entity_is_refused(runner, app, tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_text(EXTERNAL)
    output = _refused(runner, app, "wordpress", path, "--site", BLOG)
    assert "external" in output
    disqus = tmp_path / "xxe-disqus.xml"
    disqus.write_text(EXTERNAL.replace("<rss", "<disqus").replace("</rss>", "</disqus>"))
    _refused(runner, app, "disqus", disqus, "--site", BLOG)


def test_xml_broken_halfway_stores_nothing_from_that_file(runner, app, tmp_path):
    data = THEME.read_bytes()
    path = tmp_path / "broken.xml"
    # Cut after the first posts with comments were read and (inside the transaction) stored.
    path.write_bytes(data[: data.index(b"<wp:comment_id>1015</wp:comment_id>")])
    output = _refused(runner, app, "wordpress", path, "--site", BLOG)
    assert "not well-formed XML" in output and "nothing was imported" in output


def test_json_broken_halfway_stores_nothing(runner, app, tmp_path):
    path = tmp_path / "broken.json"
    text = ISSO.read_text()
    path.write_text(text[: text.index("Richard")])
    assert "not valid JSON" in _refused(runner, app, "isso", path, "--site", BLOG)


@pytest.mark.parametrize(
    "command, fixture, message",
    [
        ("wordpress", DISQUS, "This is a Disqus export: use `tertulia import disqus FILE`"),
        ("disqus", WXR_1_0, "use `tertulia import wordpress FILE`"),
        ("wordpress", ISSO, "is JSON, but `import wordpress` reads XML"),
        ("isso", THEME, "is XML, but `import isso` reads JSON"),
        ("tertulia", ISSO, "This is not a Tertulia export"),
        ("tertulia", DISQUS, "is XML, but `import tertulia` reads JSON"),
    ],
)
def test_a_file_of_another_format_is_refused_with_the_right_command(
    runner, app, command, fixture, message
):
    args = [command, fixture] + (["--site", BLOG] if command != "tertulia" else [])
    assert message in _refused(runner, app, *args)


def test_a_plain_rss_feed_is_not_a_wordpress_export(runner, app, tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(
        "<rss><channel><item><link>https://blog.example.org/a/</link></item></channel></rss>"
    )
    assert "not a WordPress export" in _refused(runner, app, "wordpress", path, "--site", BLOG)


def test_an_unregistered_site_option_is_refused(runner, app):
    output = _refused(runner, app, "wordpress", WXR_1_0, "--site", "https://nope.example.com")
    assert "not a registered site" in output


def test_isso_items_of_the_wrong_shape(runner, app, tmp_path):
    path = tmp_path / "odd.json"
    path.write_text('[{"id": "/a/", "comments": "none"}]')
    assert "not Isso's generic JSON" in _refused(runner, app, "isso", path, "--site", BLOG)
