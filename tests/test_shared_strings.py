"""The server's pages and the widget say the same things in both languages.

The strings live twice (widget/i18n/__init__.py for the server's pages, the I18N tables of
static/embed.js and static/embed-tools.js for the widget, which is plain JavaScript with
no build step); this test holds them together: every shared string, in every language,
is the same text in both.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from widget.i18n import STRINGS

STATIC = Path(__file__).resolve().parent.parent / "static"
WIDGET_FILES = [STATIC / "embed.js", STATIC / "embed-tools.js"]
# widget/i18n/__init__.py key -> the I18N key in embed.js (dots go into nested tables).
SHARED = {
    "comments_0": "count.zero",
    "comments_1": "count.one",
    "comments_n": "count.other",
    "leave_reply": "leave",
    "reply_to": "replyTo",
    "note": "note",
    "required_note": "req",
    "comment": "text",
    "name": "name",
    "email": "email",
    "website": "website",
    "post": "post",
    "reply": "reply",
    "cancel": "cancel",
    "awaiting": "awaiting",
    "published": "posted",
    "closed": "closed",
    "fix_fields": "fix",
    "deleted": "deleted",
    "markdown_hint": "hint",  # under the comment field
    # Newsroom moderation: reports, featured comments, staff replies.
    "report": "report",
    "featured": "featured",
    "staff": "staff",
    "report_title": "reportTitle",
    "report_why": "reportWhy",
    "report_spam": "spam",
    "report_abuse": "abuse",
    "report_off_topic": "off_topic",
    "report_illegal_link": "illegal",
    "report_send": "reportSend",
    "report_thanks": "thanks",
}


@pytest.fixture(scope="module")
def widget_strings() -> dict:
    """The widget files' I18N tables merged, evaluated by Node (JavaScript object literals)."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("Node.js is needed to read the widget's tables")
    merged: dict = {}
    for path in WIDGET_FILES:
        literal = re.search(r"var I18N = (\{.*?\n {0,2}\});", path.read_text(), re.S)
        assert literal, f"{path.name} lost its I18N table"
        result = subprocess.run(
            [node, "-e", f"process.stdout.write(JSON.stringify({literal.group(1)}))"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        for language, table in json.loads(result.stdout).items():
            clash = set(merged.get(language, {})) & set(table)
            assert not clash, f"{path.name} defines {sorted(clash)} again"
            merged.setdefault(language, {}).update(table)
    return merged


def _lookup(table: dict, dotted: str) -> str:
    for part in dotted.split("."):
        table = table[part]
    return table


def test_both_have_the_same_languages(widget_strings):
    assert set(widget_strings) == set(STRINGS) == {"en", "es"}


@pytest.mark.parametrize("language", sorted(STRINGS))
@pytest.mark.parametrize(("server_key", "widget_key"), sorted(SHARED.items()))
def test_every_shared_string_is_the_same_text(widget_strings, language, server_key, widget_key):
    assert STRINGS[language][server_key] == _lookup(widget_strings[language], widget_key)


def test_every_language_has_every_key(widget_strings):
    for table in (STRINGS, widget_strings):
        keys = {json.dumps(sorted(_flatten(strings))) for strings in table.values()}
        assert len(keys) == 1, "a language misses a string the other has"


def _flatten(strings: dict, prefix: str = "") -> list[str]:
    keys = []
    for key, value in strings.items():
        keys += _flatten(value, f"{prefix}{key}.") if isinstance(value, dict) else [prefix + key]
    return keys
