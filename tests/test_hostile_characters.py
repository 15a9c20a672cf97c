"""Control, bidi and separator characters, Unicode forms and long URLs in every field."""

from __future__ import annotations

import unicodedata

import pytest

from tests.conftest import BLOG
from tests.hostile import _count, _stored
from widget import storage
from widget.storage.models import Thread

# --- Control, bidi and separator characters ------------------------------------------------

CONTROLS = [chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
BIDI += ["\u2066", "\u2067", "\u2068", "\u2069"]
assert all(unicodedata.category(c) == "Cc" for c in CONTROLS) and len(CONTROLS) == 65


def test_every_control_character_in_a_name_is_400_naming_it(api, app):
    token = api.form_token()
    for char in CONTROLS:
        response = api.post_comment(name=f"An{char}a", form_token=token)
        assert response.status_code == 400, f"U+{ord(char):04X}"
        assert list(response.get_json()["fields"]) == ["name"], f"U+{ord(char):04X}"
    assert _count(app) == 0


@pytest.mark.parametrize("char", [*BIDI, "\u2028", "\u2029"], ids=lambda c: f"U+{ord(c):04X}")
def test_bidi_controls_and_line_separators_in_a_name_are_400(api, app, char):
    response = api.post_comment(name=f"Ana{char}gnp.exe")
    assert response.status_code == 400
    assert list(response.get_json()["fields"]) == ["name"]
    assert _count(app) == 0


def test_a_text_keeps_only_newlines_and_tabs_of_the_control_characters(api, app):
    token = api.form_token()
    for char in CONTROLS:
        response = api.post_comment(text=f"before{char}after", form_token=token)
        where = f"U+{ord(char):04X}"
        if char in "\n\t":
            assert response.status_code == 201, where
        elif char == "\r":  # a line break in another spelling: it becomes \n
            assert response.status_code == 201, where
        else:
            assert response.status_code == 400, where
            assert list(response.get_json()["fields"]) == ["text"], where
    assert [c.text for c in _stored(app)] == ["before\tafter", "before\nafter", "before\nafter"]


def test_a_nul_anywhere_in_any_field_is_refused_before_the_database(api, app):
    """PostgreSQL cannot store NUL in text: validation must refuse it first (never a 500)."""
    for field in ("name", "email", "website", "text", "thread"):
        value = {"email": "ana\x00@example.org", "website": "https://ana.example/\x00"}
        response = api.post_comment(
            **{field: value.get(field, "A\x00B")}, form_token="checked-after-fields"
        )
        assert response.status_code == 400, field
        assert field in response.get_json()["fields"], field
    assert _count(app) == 0


def test_a_nul_in_the_title_is_dropped_not_stored(api, app):
    """The title is not a checked field: unsafe characters become spaces (no 500)."""
    response = api.post_comment(title="A\x00B\u202eC")
    assert response.status_code == 201
    with app.app_context():
        [thread] = storage.db.session.query(Thread).all()
        assert thread.title == "A B C"


@pytest.mark.parametrize("char", [*BIDI, "\u2028", "\u2029"], ids=lambda c: f"U+{ord(c):04X}")
def test_bidi_controls_and_separators_are_allowed_in_a_text(api, app, char):
    text = f"Hebrew {char}עברית{char} and back"
    response = api.post_comment(text=text)
    assert response.status_code == 201
    assert [c.text for c in _stored(app)] == [text]


def test_decomposed_input_is_stored_composed(api, app):
    response = api.post_comment(
        name="Jose\u0301 \u1100\u1161",  # e + combining acute; Hangul jamo
        text="cafe\u0301 \u1100\u1161 \ufb01",  # the ligature is not NFKC-folded
        title="Cafe\u0301",
        thread="ide\u0301e",
    )
    assert response.status_code == 201
    assert response.get_json()["comment"]["name"] == "José 가"
    [stored] = _stored(app)
    assert (stored.name, stored.text) == ("José 가", "café 가 \ufb01")
    with app.app_context():
        [thread] = storage.db.session.query(Thread).all()
        assert (thread.title, thread.key) == ("Café", "idée")
    # Either spelling of the thread id finds the same thread.
    assert api.thread(thread="idée").get_json()["thread"]["count"] == 1


def test_surrounding_whitespace_is_trimmed_and_crlf_becomes_lf(api, app):
    response = api.post_comment(name=" \t Ana \u3000", text="\r\n  one\r\ntwo\rthree \n ")
    assert response.status_code == 201
    [stored] = _stored(app)
    assert (stored.name, stored.text) == ("Ana", "one\ntwo\nthree")


@pytest.mark.parametrize("call", ["read", "post"])
def test_a_page_url_longer_once_canonical_is_400_not_500(api, app, call):
    """1,025 characters as given, over 6,000 once percent-encoded."""
    url = f"{BLOG}/{'é' * 1000}"
    if call == "read":
        response = api.thread(url)
    else:
        response = api.post_comment(url=url, form_token="checked-later")
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_url"
    assert _count(app, Thread) == 0


def test_a_page_url_with_non_ascii_characters_is_one_thread(api, app):
    url = f"{BLOG}/{'é' * 100}"
    assert api.post_comment(url=url).status_code == 201
    assert api.thread(url.replace("é", "%C3%A9")).get_json()["thread"]["count"] == 1
