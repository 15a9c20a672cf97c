"""Every answer says nosniff, and errors that echo input are JSON or escaped HTML."""

from __future__ import annotations

import json

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from tests.hostile import LIMIT, _post_raw

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
