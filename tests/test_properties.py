"""Properties of posting, for arbitrary Unicode in every field (Hypothesis).

One app per test function, reused by every example (its database fills up as the
examples run; the checks compare counts before and after each post). Every reply
is checked against the spec by `Api`.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.actions import ARTICLE
from widget import storage
from widget.storage.models import Comment, Thread

# Characters a hostile or unlucky client sends: C0/C1 controls, NUL, line and paragraph
# separators, bidi controls, zero-width and non-breaking spaces, a BOM, combining marks,
# right-to-left letters, emoji with joiners and modifiers, Hangul jamo.
SPICE = list(
    "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x1c\x1f \x7f\x85\x9b\xa0"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u2028\u2029\u3000\ufeff\ufffd\u0301\u0308\u0327\u0958"
    "\u05d0\u05e9\u0627\u0644\u1100\u1161\u11a8e"
    "😀👩🏽\U0001f1ea\U0001f1f8\U000e0041"
)
# Every code point UTF-8 can encode (all but the surrogates), with the
# spice above much more likely than it would be by chance.
CHARACTERS = st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPICE))
TEXT = st.text(CHARACTERS, max_size=40)

# The same without what a field refuses, so that many posts are accepted and what is
# stored can be compared: a name or thread id refuses controls, line and paragraph
# separators and bidi controls; a text refuses controls but \t, \n (and \r, made \n).
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ONE_LINE = st.one_of(
    st.characters(codec="utf-8", exclude_categories=["Cc", "Zl", "Zp"], exclude_characters=BIDI),
    st.sampled_from(
        [
            c
            for c in SPICE
            if not unicodedata.category(c).startswith(("Cc", "Zl", "Zp")) and c not in BIDI
        ]
    ),
)
IN_TEXT = st.one_of(
    st.characters(codec="utf-8", exclude_categories=["Cc"]),
    st.sampled_from([c for c in SPICE if unicodedata.category(c) != "Cc" or c in "\t\n\r"]),
)
LINE = st.text(ONE_LINE, max_size=30)
NO_SPACE = st.text(ONE_LINE.filter(lambda c: not c.isspace()), max_size=30)

PLAUSIBLE = {
    "name": st.builds("{}A{}".format, LINE, LINE),
    "email": st.one_of(st.just("ana.reader@example.org"), st.emails()),
    "website": st.one_of(
        st.none(), st.just(""), st.builds("https://ana.example/{}".format, NO_SPACE)
    ),
    "text": st.builds("{}x{}".format, st.text(IN_TEXT, max_size=60), st.text(IN_TEXT, max_size=60)),
    "title": st.one_of(st.none(), TEXT),
    "thread": st.one_of(st.none(), st.just(""), LINE),
}
# Each field: a plausible value, arbitrary text, or arbitrary text around a valid core.
HOSTILE = {
    "name": st.one_of(TEXT, st.builds("{} Ana {}".format, TEXT, TEXT)),
    "email": st.one_of(TEXT, st.builds("{}@example.org".format, TEXT)),
    "website": st.one_of(TEXT, st.builds("https://ana.example/{}".format, TEXT)),
    "text": st.one_of(TEXT, st.builds("{} words {}".format, TEXT, TEXT)),
    "title": TEXT,
    "thread": TEXT,
}
# Half the posts entirely plausible, a quarter entirely hostile, a quarter mixed.
POSTS = st.one_of(
    st.fixed_dictionaries(PLAUSIBLE),
    st.fixed_dictionaries(PLAUSIBLE),
    st.fixed_dictionaries(HOSTILE),
    st.fixed_dictionaries(
        {field: st.one_of(PLAUSIBLE[field], HOSTILE[field]) for field in PLAUSIBLE}
    ),
)

SETTINGS = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    max_examples=300,
    deadline=None,
)


def expected_text(text: str) -> str:
    """The documented trimming of a comment's text."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def expected_name(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip()


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        session = storage.db.session
        return session.query(Comment).count(), session.query(Thread).count()


def _stored(app, comment_id: int) -> Comment:
    with app.app_context():
        comment = storage.db.session.get(Comment, comment_id)
        storage.db.session.expunge(comment)
        return comment


def _thread_params(thread: str | None) -> dict:
    return {} if thread is None else {"thread": thread}


def _listed(api, thread: str | None) -> dict[int, dict]:
    """Every comment of the thread, following the cursor page by page."""
    comments: dict[int, dict] = {}
    params = {**_thread_params(thread), "limit": 500}
    while True:
        page = api.thread(ARTICLE, **params)
        assert page.status_code == 200
        body = page.get_json()
        comments.update((comment["id"], comment) for comment in body["comments"])
        if body["next"] is None:
            return comments
        params["cursor"] = body["next"]


def _form_token(api, thread: str | None) -> str:
    """A token for the thread; a made-up one when the thread id itself is refused."""
    response = api.get("/api/form-token", url=ARTICLE, **_thread_params(thread))
    assert response.status_code in (200, 400), response.get_json()
    if response.status_code == 400:
        assert response.get_json()["error"] == "invalid_thread"
        return "the-thread-id-is-refused-first"
    return response.get_json()["form_token"]


@SETTINGS
@given(post=POSTS)
def test_any_unicode_in_any_field_is_stored_as_documented_or_refused(app, api, post):
    name, website, text, thread = post["name"], post["website"], post["text"], post["thread"]
    before = _counts(app)
    response = api.post_comment(**post, form_token=_form_token(api, thread))
    # Never a 500; a 500 is documented, so Api's spec check alone would let it through.
    assert response.status_code in (201, 400), response.get_json()
    event(f"{response.status_code} {', '.join(sorted(response.get_json().get('fields', ())))}")
    if response.status_code == 400:
        assert response.get_json()["error"] in ("invalid_fields", "invalid_thread")
        assert _counts(app) == before, "a refused post stored something"
        return

    created = response.get_json()["comment"]
    assert created["status"] == "published"
    assert created["name"] == expected_name(name)
    stored = _stored(app, created["id"])
    assert stored.text == expected_text(text)
    assert stored.name == expected_name(name)
    assert stored.website == ((website or "").strip() or None)
    assert not any(char in stored.email for char in '\r\n\x00 ;:"<>(')
    listed = _listed(api, thread)
    assert listed.get(created["id"]) == created


# Any JSON value at all, in any field: types are checked before anything else.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TEXT, children, max_size=3),
    max_leaves=8,
)
FIELDS = ("url", "thread", "title", "parent_id", "name", "email", "website", "text", "lang")


@settings(SETTINGS, max_examples=150)
@given(fields=st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, min_size=1))
def test_any_json_value_in_any_field_is_never_a_500(app, api, fields):
    before = _counts(app)
    # The token is for the article's own thread: another url or thread gets a 400 for it.
    response = api.post_comment(form_token=_form_token(api, None), **fields)
    assert response.status_code in (201, 400, 403, 404), response.get_json()
    event(f"{response.status_code} {response.get_json().get('error', '')}")
    if response.status_code != 201:
        assert _counts(app) == before
