"""The readers' extras say what issues 13 and 20 ask, in English and Spanish, in the widget.

Likes read "Like · 3" / "Me gusta · 3" (embed.js adds the count); their tooltip counts
in natural words, never "Me gusta (3 me gusta)".
"""

from __future__ import annotations

import pytest

from tests.test_shared_strings import widget_strings  # noqa: F401  (the fixture)

EXPECTED = {
    "en": {
        "sorts": ["Oldest", "Newest", "Top"],
        "fresh.one": "1 new comment",
        "fresh.other": "{n} new comments",
        "like": "Like",
        "likes.one": "1 like",
        "likes.other": "{n} likes",
        "edited": "edited",
        "isNew": "New",
        "preview": "Preview",
        "skip": "Skip to the comment form",
        "reportAs": "Report as {reason}",
    },
    "es": {
        "sorts": ["Más antiguos", "Más recientes", "Más votados"],
        "fresh.one": "1 comentario nuevo",
        "fresh.other": "{n} comentarios nuevos",
        "like": "Me gusta",
        "likes.one": "Le gusta a 1 persona",
        "likes.other": "Le gusta a {n} personas",
        "edited": "editado",
        "isNew": "Nuevo",
        "preview": "Vista previa",
        "skip": "Saltar al formulario de comentarios",
        "reportAs": "Denunciar como {reason}",
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
