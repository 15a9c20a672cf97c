"""The sites' word lists match whole words and phrases, folded; the reject list refuses."""

from __future__ import annotations

import pytest

from tests.conftest import BLOG
from tests.defending import _comments, _error, _posted, _public
from widget import storage
from widget.moderation.word_lists import WordList


def _set_site(app, **values) -> None:
    with app.app_context():
        site = storage.find_site_by_origin(BLOG)
        for name, value in values.items():
            setattr(site, name, value)
        storage.db.session.commit()


@pytest.mark.parametrize(
    ("entry", "text", "found"),
    [
        ("press", "The press said so.", True),
        ("press", "THE PRESS!", True),
        ("press", "Built with WordPress.", False),
        ("press", "Pressure is on.", False),
        ("cabrón", "Eres un CABRON.", True),
        ("cabron", "Eres un cabrón.", True),
        ("Ñandú", "un nandu", True),
        ("wire transfer", "Send a Wire   transfer\nnow", True),
        ("wire transfer", "wire-transfer", False),
        ("idiot*", "You idiots.", True),
        ("idiot*", "Idiotic.", True),
        ("idiot*", "An idio.", False),
        ("*coin", "Buy bitcoin", True),
        ("*coin*", "Bitcoins!", True),
        ("f*ck", "What the F*CK", True),  # inside an entry, * is an asterisk
        ("f*ck", "What the fack", False),
        ("a*b*c", "abbbbbbbbbbbbc", False),
        ("casino", "deals@casino.example", True),
        ("$$$", "Make $$$ fast", True),
        ("straße", "STRASSE", True),
    ],
)
def test_entries_match_whole_words_folded(entry, text, found):
    assert (WordList(entry).first(text) == entry) is found


def test_the_first_entry_found_is_named_as_written():
    words = WordList("press\npressure\nCabrón\n\n  \n*\npress")
    assert words.first("under PRESSURE") == "pressure"
    assert words.first("cabron") == "Cabrón"
    assert words.first("nothing here") is None
    assert not WordList("\n * \n")


def test_a_hold_word_no_longer_matches_inside_a_word(api, app):
    _set_site(app, hold_words="press")
    assert _posted(api.post_comment(text="I use WordPress."))["status"] == "published"
    assert _posted(api.post_comment(text="The Press lied."))["status"] == "pending"
    assert [c.status for c in _comments(app)] == ["published", "pending"]


def test_a_spam_word_matches_folded_and_with_a_wildcard(api, app):
    _set_site(app, spam_words="cabrón\ncasino*")
    for text in ("Eres un CABRON.", "Best CASINOS here."):
        assert _posted(api.post_comment(text=text))["status"] == "pending"
    assert [c.status for c in _comments(app)] == ["spam", "spam"]


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "Please rephrase your comment."), ("es", "Por favor, reformula tu comentario.")],
)
def test_a_reject_word_refuses_the_comment_naming_no_word(api, app, lang, message):
    _set_site(app, reject_words="imbécil\nidiot*", spam_words="casino")
    body = _error(api.post_comment(text="Eres un IMBECIL.", lang=lang), 400, "rephrase")
    assert body["message"] == message
    assert "imb" not in str(body).lower()
    _error(api.post_comment(name="Idiotic Ana"), 400, "rephrase")
    assert _comments(app) == []
    assert _posted(api.post_comment(text="Not idioms."))["status"] == "published"
    assert len(_public(api)[0]) == 1


def test_an_edit_that_adds_a_reject_word_is_refused(api, app):
    _set_site(app, reject_words="idiot")
    posted = api.post_comment(text="Innocent.").get_json()
    response = api.client.patch(
        f"/api/comments/{posted['comment']['id']}",
        json={"edit_token": posted["edit_token"], "text": "You idiot."},
        headers={"Origin": BLOG},
        environ_base={"REMOTE_ADDR": api.address},
    )
    _error(response, 400, "rephrase")
    assert [c.text for c in _comments(app)] == ["Innocent."]


def test_the_reject_list_is_set_in_the_admin_and_audited(api, app, admin):
    form = {
        "name": "Blog",
        "origins": f"{BLOG}\nhttps://www.blog.example.org",
        "moderation": "none",
        "close_after_days": "",
        "reject_words": "  Idiot* \n\nidiot*\n",
    }
    assert admin.post("/admin/sites/1", **form).status_code == 303
    with app.app_context():
        assert storage.find_site_by_origin(BLOG).reject_words == "idiot*"
    page = admin.get("/admin/sites/1").get_data(as_text=True)
    assert "idiot*" in page and "Refuse a comment" in page
    _error(api.post_comment(text="IDIOTS."), 400, "rephrase")
