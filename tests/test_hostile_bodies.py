"""Hostile bodies: sizes, streams, not-JSON, nesting, duplicate keys, wrong types.

Whatever a client sends, the answer is never a 500, and nothing is stored unless the whole
post is valid.
"""

from __future__ import annotations

import io
import json

import pytest

from tests.actions import ARTICLE
from tests.conftest import BLOG
from tests.hostile import LIMIT, _count, _post_raw, _stored, _valid_body
from widget import storage
from widget.storage.models import Thread

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
