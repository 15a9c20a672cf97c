"""The server's pages and the widget say the same things, in English and in every catalogue.

The widget keeps its English tables in static/embed*.js (short keys; each key is the msgctxt
`<file>:<key>` of its catalogue entry); the server marks its English texts with gettext.
Where both show one thing, the English is the same and so is every translation.
"""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from tests.test_embed_asset import STATIC
from widget.i18n import CATALOGUES, COMPLETE
from widget.i18n.build import po_path
from widget.i18n.build import widget_strings as widget_strings_of
from widget.i18n.widget_strings import read_tables

WIDGET_FILES = ["embed", "embed-tools"]
# The server's English (its msgid) -> the widget's key (dots go into nested tables).
SHARED = [
    ("Leave a Reply", "leave"),
    ("Reply to {name}", "replyTo"),
    ("Your email address will not be published.", "note"),
    ("Required fields are marked", "req"),
    ("Comment", "text"),
    ("Name", "name"),
    ("Email", "email"),
    ("Website", "website"),
    ("Post Comment", "post"),
    ("Reply", "reply"),
    ("Cancel reply", "cancel"),
    ("Your comment is awaiting moderation.", "awaiting"),
    ("Your comment was published.", "posted"),
    ("Comments are closed.", "closed"),
    ("Please correct the fields marked below.", "fix"),
    ("This comment was deleted.", "deleted"),
    ("Markdown: **bold**, *italic*, [link](https://…), > quote", "hint"),
    ("Report", "report"),
    ("Featured", "featured"),
    ("Staff", "staff"),
    ("Report a comment", "reportTitle"),
    ("Why should moderators look at this comment?", "reportWhy"),
    ("Spam", "spam"),
    ("Abuse or harassment", "abuse"),
    ("Off topic", "off_topic"),
    ("Illegal content? Send a legal notice instead.", "illegal"),
    ("Send the report", "reportSend"),
    ("Thank you. Moderators will look at it; the report is anonymous.", "thanks"),
]


@pytest.fixture(scope="module")
def widget_strings() -> dict:
    """embed.js's and embed-tools.js's tables: English from the files, each shipped language
    as `flask i18n build` writes it for the widget."""
    merged = {"en": {}}
    for name in WIDGET_FILES:
        merged["en"].update(read_tables((STATIC / f"{name}.js").read_text(encoding="utf-8"))["en"])
    for language in COMPLETE:
        tables = widget_strings_of(language, [CATALOGUES])
        merged[language] = {k: v for name in WIDGET_FILES for k, v in tables[name].items()}
    return merged


def _english() -> dict:
    merged: dict = {}
    for name in WIDGET_FILES:
        table = read_tables((STATIC / f"{name}.js").read_text(encoding="utf-8"))["en"]
        clash = set(merged) & set(table)
        assert not clash, f"{name}.js defines {sorted(clash)} again"
        merged.update({key: (name, value) for key, value in table.items()})
    return merged


def _lookup(table: dict, dotted: str):
    name, value = table[dotted.split(".")[0]]
    for part in dotted.split(".")[1:]:
        value = value[part]
    return name, value


@pytest.mark.parametrize(("english", "widget_key"), SHARED)
def test_every_shared_string_is_the_same_english(english, widget_key):
    assert _lookup(_english(), widget_key)[1] == english


@pytest.mark.parametrize("language", COMPLETE)
def test_every_shared_string_is_translated_the_same(language):
    with open(po_path(CATALOGUES, language), "rb") as handle:
        catalog = read_po(handle)
    english = _english()
    for text, widget_key in SHARED:
        name, _value = _lookup(english, widget_key)
        server = catalog.get(text)
        widget = catalog.get(text, context=f"{name}:{widget_key}")
        assert server and widget, text
        assert server.string == widget.string, f"{language}: {text!r}"
    count = catalog.get(("1 comment", "{n} comments"))
    widget_count = catalog.get(("1 comment", "{n} comments"), context="embed:count")
    assert count.string == widget_count.string
    zero = catalog.get("No comments yet")
    assert zero.string == catalog.get("No comments yet", context="embed:count.zero").string
