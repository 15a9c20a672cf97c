"""Hostile input: odd bodies, control and bidi characters, header-breaking emails, nosniff.

Whatever a client sends, the answer is never a 500, every API answer matches the
spec (`Api` checks that), and nothing is stored unless the whole post is valid.
"""

from __future__ import annotations

import io
import json
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from widget import storage
from widget.models import Comment, Thread

ISEMAIL_TESTS = Path(__file__).parent / "fixtures" / "email" / "isemail-tests.xml"
LIMIT = 64 * 1024  # MAX_CONTENT_LENGTH's default, the one the README documents
# What must never reach a mail header: line breaks, NUL, and the separators of
# address lists, display names, groups, quoted strings and comments.
HEADER_BREAKERS = ("\r", "\n", "\x00", " ", ";", ":", '"', "<", ">", "(")


def _count(app, model=Comment) -> int:
    with app.app_context():
        return storage.db.session.query(model).count()


def _stored(app) -> list[Comment]:
    with app.app_context():
        return storage.db.session.query(Comment).order_by(Comment.id).all()


def _valid_body(api, **fields) -> dict:
    return {
        "url": ARTICLE,
        "name": "Ana Reader",
        "email": "ana.reader@example.org",
        "text": "A thoughtful comment.",
        "form_token": api.form_token(),
        **fields,
    }


def _post_raw(api, data: bytes | str, **kwargs):
    return api.post("/api/comments", data=data, content_type="application/json", **kwargs)


# --- Bodies ---------------------------------------------------------------------------------


def test_a_body_over_64_kb_is_413_before_it_is_parsed(api, app):
    # Not JSON at all: a 400 would mean it had been read and parsed.
    response = _post_raw(api, b"x" * (LIMIT + 1))
    assert response.status_code == 413
    assert response.get_json()["error"] == "payload_too_large"
    assert "64 KB" in response.get_json()["message"]
    # A valid comment padded past the limit is refused just the same.
    body = json.dumps(_valid_body(api)).encode()
    response = _post_raw(api, body + b" " * (LIMIT + 1 - len(body)))
    assert response.status_code == 413
    assert _count(app) == 0


def test_a_body_of_exactly_64_kb_is_read(api, app):
    body = json.dumps(_valid_body(api)).encode()
    response = _post_raw(api, body + b" " * (LIMIT - len(body)))
    assert response.status_code == 201


def test_a_streamed_body_without_length_is_never_read_unbounded(api, app):
    """Behind a server that does not terminate the stream, werkzeug reads nothing."""
    body = json.dumps(_valid_body(api)).encode() + b" " * (LIMIT + 1)
    response = api.post(
        "/api/comments",
        input_stream=io.BytesIO(body),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
    )
    assert response.status_code in (400, 413)
    assert _count(app) == 0


def test_a_streamed_body_over_64_kb_is_413(api, app):
    body = json.dumps(_valid_body(api)).encode() + b" " * (LIMIT + 1)
    response = api.post(
        "/api/comments",
        input_stream=io.BytesIO(body),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert _count(app) == 0


def test_a_streamed_body_under_the_limit_is_read(api, app):
    body = json.dumps(_valid_body(api)).encode()
    response = api.post(
        "/api/comments",
        input_stream=io.BytesIO(body),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 201


NOT_A_JSON_OBJECT = {
    "empty": b"",
    "not json": b"{not json",
    "truncated": b'{"name": "Ana',
    "trailing garbage": b'{"name": "Ana"} x',
    "single quotes": b"{'name': 'Ana'}",
    "array": b'["a", "list"]',
    "number": b"42",
    "float": b"4.2e1",
    "null": b"null",
    "true": b"true",
    "string": b'"a string"',
    "invalid utf-8": b"\xff",
    "invalid utf-8 in a string": b'{"name": "\xff\xfe"}',
    "overlong utf-8": b'{"name": "\xc0\xaf"}',
    "utf-8 encoded surrogate": b'{"name": "\xed\xa0\x80"}',
    "utf-16": '{"name": "Ana"}'.encode("utf-16"),
    "utf-8 byte order mark": b'\xef\xbb\xbf{"name": "Ana"}',
    "integer over 4300 digits": b'{"parent_id": ' + b"9" * 5000 + b"}",
    "raw control character in a string": b'{"name": "A\x01na"}',
}


JSON_BODY_ENDPOINTS = [
    ("post", "/api/comments", "/api/comments"),
    ("post", "/api/comments/mine", "/api/comments/mine"),
    ("patch", "/api/comments/1", "/api/comments/{comment_id}"),
    ("delete", "/api/comments/1", "/api/comments/{comment_id}"),
]


@pytest.mark.parametrize("body", NOT_A_JSON_OBJECT.values(), ids=NOT_A_JSON_OBJECT.keys())
def test_a_body_that_is_not_a_json_object_is_400(api, app, body):
    for method, path, documented in JSON_BODY_ENDPOINTS:
        response = api.client.open(
            path,
            method=method.upper(),
            data=body,
            content_type="application/json",
            headers={"Origin": BLOG},
        )
        api._checked(response, method, documented)  # matches the spec
        assert response.status_code == 400, f"{method.upper()} {path}"
        assert response.get_json()["error"] == "invalid_json", f"{method.upper()} {path}"
    assert _count(app) == 0


@pytest.mark.parametrize(
    "body",
    [b"[" * 10_000 + b"]" * 10_000, b'{"a":' * 10_000 + b"1" + b"}" * 10_000],
    ids=["arrays", "objects"],
)
def test_nesting_ten_thousand_levels_deep_is_400(api, app, body):
    assert len(body) < LIMIT
    response = _post_raw(api, body)
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_json"


def test_duplicate_keys_keep_the_last_value(api, app):
    """Decided from behaviour: Python's json keeps the last of duplicate keys."""
    body = json.dumps(_valid_body(api))[:-1] + ', "name": "Second Name"}'
    body = body.replace('"name": "Ana Reader"', '"name": "First Name"')
    assert body.count('"name"') == 2
    response = _post_raw(api, body)
    assert response.status_code == 201
    assert response.get_json()["comment"]["name"] == "Second Name"
    assert [c.name for c in _stored(app)] == ["Second Name"]


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ("parent_id", "1" + "0" * 300),  # parses, far beyond any id
        ("parent_id", str(2**31)),
        ("parent_id", str(2**63)),
        ("parent_id", "-1"),
        ("parent_id", "0"),
        ("parent_id", "1.0"),
        ("parent_id", "1.5"),
        ("parent_id", "1e308"),
        ("parent_id", "1e999"),  # Python reads this as infinity
        ("parent_id", "-0.0"),
        ("parent_id", "NaN"),
        ("parent_id", "Infinity"),
        ("parent_id", "true"),
        ("parent_id", "false"),
        ("parent_id", '"1"'),
        ("parent_id", "[1]"),
        ("parent_id", '{"id": 1}'),
        ("name", "true"),
        ("name", "12"),
        ("name", "1.5"),
        ("name", '["Ana"]'),
        ("name", '{"first": "Ana"}'),
        ("email", "false"),
        ("text", "NaN"),
        ("text", "[]"),
        ("website", "0"),
        ("thread", "1e5"),
        ("title", "{}"),
        ("url", "true"),
        ("form_token", "123"),
        ("lang", "[]"),
        ("homepage", "true"),
    ],
)
def test_numbers_booleans_and_containers_in_fields_are_400(api, app, field, raw):
    body = json.dumps(_valid_body(api))
    body = body[:-1] + f', "{field}": {raw}}}'  # the last of duplicate keys wins
    response = _post_raw(api, body)
    assert response.status_code == 400, response.get_json()
    payload = response.get_json()
    assert payload["error"] in ("invalid_fields", "invalid_url")
    assert field in payload["fields"]
    assert _count(app) == 0


def test_a_text_far_over_the_limit_is_400_not_stored(api, app):
    response = api.post_comment(text="x" * 20_000)  # twice the limit, under the body limit
    assert response.status_code == 400
    assert "text" in response.get_json()["fields"]
    assert _count(app) == 0


SURROGATE_FIELDS = ["name", "text", "website", "thread", "email", "url"]


@pytest.mark.parametrize("field", SURROGATE_FIELDS)
def test_a_lone_surrogate_escape_is_400_naming_the_field(api, app, field):
    """`"\\ud800"` is valid JSON but no UTF-8 text: refused, since storing it would lose it."""
    body = _valid_body(api)
    value = {
        "website": "https://ana.example/",
        "url": ARTICLE,
    }.get(field, "x")
    body[field] = value + "\ud800" + "y"
    raw = json.dumps(body)  # ensure_ascii: the surrogate travels as the escape \ud800
    assert "\\ud800" in raw
    response = _post_raw(api, raw)
    assert response.status_code == 400
    assert field in response.get_json()["fields"]
    assert _count(app) == 0
    assert _count(app, Thread) == 0


def test_a_title_is_page_metadata_cleaned_rather_than_refused(api, app):
    body = _valid_body(api)
    body["title"] = "Border \ud800talks"
    assert _post_raw(api, json.dumps(body)).status_code == 201
    with app.app_context():
        assert storage.db.session.query(Thread).one().title == "Border  talks"


def test_a_surrogate_pair_escape_is_one_character(api, app):
    raw = json.dumps(_valid_body(api, name="Ana 😀", text="Smile 😀"))
    assert "\\ud83d\\ude00" in raw
    response = _post_raw(api, raw)
    assert response.status_code == 201
    [stored] = _stored(app)
    assert (stored.name, stored.text) == ("Ana 😀", "Smile 😀")


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


# --- Emails that could break a mail header -------------------------------------------------

HEADER_INJECTIONS = [
    "ana@example.org\r\nBcc: victim@example.net",
    "ana@example.org\nBcc: victim@example.net",
    "ana@example.org\rBcc: victim@example.net",
    "ana\r\n@example.org",
    "ana@exam\nple.org",
    "ana@example.org\r\n\r\nbody",
    "ana\x00@example.org",
    "ana@example.org\x00",
    "ana\t@example.org",
    "ana;bob@example.org",
    "ana@example.org;bob@example.net",
    "ana@example.org; bob@example.net",
    "ana:bob@example.org",
    "group: ana@example.org;",
    "ana@example.org:25",
    "ana reader@example.org",
    "ana@example .org",
    "ana@ example.org",
    '"ana"@example.org',
    '"ana reader"@example.org',
    '"ana@example.org"',
    '"a\\"b"@example.org',
    '"ana\r\nBcc: x"@example.org',
    "Ana <ana@example.org>",
    "Ana Reader <ana@example.org>",
    '"Ana Reader" <ana@example.org>',
    "<ana@example.org>",
    "ana@example.org <ana@example.org>",
    "(comment)ana@example.org",
    "ana(comment)@example.org",
    "ana@example.org(comment)",
    "ana@(comment)example.org",
    "ana@example.org, bob@example.net",
    "ana,bob@example.org",
    "ana@[127.0.0.1]",
    "ana@[IPv6:::1]",
    "=?utf-8?b?QmNjOiB4QGV2aWwudGVzdA==?= <ana@example.org>",
    "ana@example.org\u2028Bcc: victim@example.net",
    "ana@example.org\u0085Bcc: victim@example.net",
]


@pytest.mark.parametrize("email", HEADER_INJECTIONS, ids=repr)
def test_emails_that_could_break_a_mail_header_are_400(api, app, email):
    response = api.post_comment(email=email)
    assert response.status_code == 400
    assert list(response.get_json()["fields"]) == ["email"]
    assert _count(app) == 0
    assert _count(app, Thread) == 0


def _isemail_tests() -> list[tuple[str, str, str, str]]:
    """(id, address, category, diagnosis); control pictures U+2400+n mapped back to n."""
    root = ET.parse(ISEMAIL_TESTS).getroot()
    tests = []
    for test in root.iter("test"):
        address = "".join(
            chr(ord(c) - 0x2400) if 0x2400 <= ord(c) < 0x2420 else c
            for c in test.findtext("address") or ""
        )
        tests.append(
            (test.get("id"), address, test.findtext("category"), test.findtext("diagnosis"))
        )
    return tests


def _safe_for_headers(email: str) -> bool:
    return not any(char in email for char in HEADER_BREAKERS)


def test_the_isemail_corpus_never_crashes_and_stores_only_safe_addresses(api, app):
    tests = _isemail_tests()
    assert len(tests) == 164  # version 3.05; see tests/fixtures/README.md
    token = api.form_token()
    accepted: Counter[str] = Counter()
    totals: Counter[str] = Counter(category for _, _, category, _ in tests)
    refused_errors = []
    for number, address, category, diagnosis in tests:
        before = _count(app)
        response = api.post_comment(email=address, form_token=token)
        where = f"#{number} {address!r} ({diagnosis})"
        assert response.status_code in (201, 400), where
        if response.status_code == 201:
            accepted[category] += 1
            stored = _stored(app)[-1]
            assert _safe_for_headers(stored.email), f"{where} stored as {stored.email!r}"
            assert stored.email == stored.email.strip().lower(), where
        else:
            assert list(response.get_json()["fields"]) == ["email"], where
            assert _count(app) == before, where
            if category == "ISEMAIL_ERR":
                refused_errors.append(address)
        # Every error the corpus knows is refused (spaces and tabs around an address are
        # trimmed, CR and LF are not: an address with them is refused).
        if category == "ISEMAIL_ERR" and address.strip(" \t") == address:
            assert response.status_code == 400, where
    print("\nisemail corpus: accepted / total per category")
    for category in sorted(totals):
        print(f"  {category:24} {accepted[category]:3} / {totals[category]}")


def test_every_isemail_error_is_refused(api, app):
    token = api.form_token()
    accepted = [
        address
        for _, address, category, _ in _isemail_tests()
        if category == "ISEMAIL_ERR"
        and api.post_comment(email=address, form_token=token).status_code != 400
    ]
    assert accepted == []


# --- nosniff, and errors never answered as HTML ---------------------------------------------


def test_every_kind_of_response_says_nosniff(api, client, app):
    token = api.form_token()
    created = api.post_comment(form_token=token)
    responses = {
        "API JSON": api.thread(),
        "API 201": created,
        "API 400": api.post_comment(name="", form_token=token),
        "API 403": Api(client, "https://evil.example").thread("https://evil.example/"),
        "API 404": client.get("/api/nothing-here"),
        "API 405": client.put("/api/threads"),
        "API 413": _post_raw(api, b"x" * (LIMIT + 1)),
        "API 415": api.post("/api/comments", data="{}", content_type="text/plain"),
        "API preflight": client.options(
            "/api/comments", headers={"Origin": BLOG, "Access-Control-Request-Method": "POST"}
        ),
        "API fragment": client.get("/api/threads.html", query_string={"url": ARTICLE}),
        "embed.js": client.get("/embed.js"),
        "thread page": client.get("/threads", query_string={"url": ARTICLE}),
        "thread page 400": client.get("/threads", query_string={"url": "nope"}),
        "admin login": client.get("/admin/login"),
        "admin redirect": client.get("/admin/"),
        "page 404": client.get("/no-such-page"),
    }
    assert responses["API 201"].status_code == 201
    assert responses["API 413"].status_code == 413
    for what, response in responses.items():
        response.close()  # /embed.js is sent from an open file
        assert response.headers.get("X-Content-Type-Options") == "nosniff", what


SCRIPT = "<script>alert(1)</script>"


@pytest.mark.parametrize(
    "path",
    [f"/api/{SCRIPT}", "/api/%3Cscript%3Ealert(1)%3C/script%3E", f"/api/comments/{SCRIPT}"],
)
def test_an_api_404_answers_json_with_the_path_as_a_json_string(client, path):
    response = client.get(path, headers={"Origin": BLOG})
    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in response.headers  # no HTML page was made
    body = json.loads(response.get_data(as_text=True))  # the whole body is one JSON value
    assert body["error"] == "not_found"
    assert SCRIPT in body["message"]  # echoed as JSON string data, decoded here


def test_api_errors_echoing_input_are_json(api, client):
    cases = [
        api.thread(f"https://blog.example.org/{SCRIPT}", thread="x" * 201),
        api.thread(f"javascript:{SCRIPT}"),
        api.get("/api/threads", url=ARTICLE, limit=SCRIPT),
        api.get("/api/threads", url=ARTICLE, cursor=SCRIPT),
        api.post_comment(name=SCRIPT * 20, email=SCRIPT, website=SCRIPT, text="\x07"),
        Api(client, f"https://{SCRIPT}.example").post_comment(form_token="x"),
    ]
    for response in cases:
        assert 400 <= response.status_code < 500
        assert response.mimetype == "application/json", response.status_code
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        json.loads(response.get_data(as_text=True))


def test_html_error_pages_escape_what_they_echo(client):
    response = client.get("/threads", query_string={"url": f"javascript:{SCRIPT}"})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert SCRIPT not in response.get_data(as_text=True)
    response = client.get(f"/{SCRIPT}")
    assert response.status_code == 404
    assert SCRIPT not in response.get_data(as_text=True)


def test_absurdly_long_numbers_in_urls_and_forms_are_not_500(api, client):
    huge = "9" * 5000
    assert (
        client.get("/threads", query_string={"url": ARTICLE, "replytocom": huge}).status_code == 200
    )
    assert api.thread(limit=huge).status_code == 400
