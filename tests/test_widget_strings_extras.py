"""The readers' extras say what issue 13 asks, in English and Spanish, in the widget."""

from __future__ import annotations

import pytest

from tests.test_shared_strings import widget_strings  # noqa: F401  (the fixture)

EXPECTED = {
    "en": {
        "sorts": ["Oldest", "Newest", "Top"],
        "fresh.one": "1 new comment",
        "fresh.other": "{n} new comments",
        "likes.other": "{n} likes",
    },
    "es": {
        "sorts": ["Más antiguos", "Más recientes", "Más votados"],
        "fresh.one": "1 comentario nuevo",
        "fresh.other": "{n} comentarios nuevos",
        "likes.other": "{n} me gusta",
    },
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_new_controls_speak_both_languages(widget_strings, language):  # noqa: F811
    table = widget_strings[language]
    for dotted, expected in EXPECTED[language].items():
        value = table
        for part in dotted.split("."):
            value = value[part]
        assert value == expected
