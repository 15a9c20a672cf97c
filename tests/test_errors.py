"""One error shape for every API error, with the right status."""

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG


def _assert_shape(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) <= {"error", "message", "fields"}
    assert isinstance(body["error"], str) and body["error"].islower()
    assert isinstance(body["message"], str) and body["message"].endswith((".", "?"))
    if "fields" in body:
        assert status == 400
        assert all(isinstance(m, list) and m for m in body["fields"].values())
    return body


def test_every_error_status_has_the_one_shape(api, client, app_factory):
    headers = {"Origin": BLOG}
    cases = [
        (400, lambda: api.post("/api/comments", data="{not json", content_type="application/json")),
        (
            400,
            lambda: api.post(
                "/api/comments", data=b'{"a": "\xff"}', content_type="application/json"
            ),
        ),
        (400, lambda: api.post("/api/comments", json=["a", "list"])),
        (400, lambda: api.post_comment(name="")),
        (400, lambda: api.thread("not a url")),
        (403, lambda: Api(client, "https://evil.example").thread("https://evil.example/")),
        (404, lambda: client.get("/api/no-such-thing", headers=headers)),
        (404, lambda: api.post_comment(parent_id=12345)),
        (405, lambda: client.delete("/api/comments", headers=headers)),
        (405, lambda: client.post("/api/threads", headers=headers)),
        (
            413,
            lambda: api.post(
                "/api/comments", data=b"x" * (65 * 1024), content_type="application/json"
            ),
        ),
        (
            415,
            lambda: api.post(
                "/api/comments", data="name=a", content_type="application/x-www-form-urlencoded"
            ),
        ),
        (415, lambda: api.post("/api/comments", data="{}", content_type="text/plain")),
    ]
    for status, call in cases:
        _assert_shape(call(), status)

    limited = app_factory(RATELIMIT_ENABLED=True, POST_RATE_LIMIT="1 per hour")
    limited_api = Api(limited.test_client(), origin=BLOG)  # same database: the blog is there
    assert limited_api.post_comment().status_code == 201
    response = limited_api.post_comment()
    body = _assert_shape(response, 429)
    wait = int(response.headers["Retry-After"])
    assert 0 < wait <= 3601  # whole seconds, rounded up
    assert str(wait) in body["message"]


def test_405_names_the_allowed_methods(client):
    response = client.put("/api/threads")
    assert response.get_json()["message"] == "PUT is not allowed here; use GET."
    assert "GET" in response.headers["Allow"]


def test_a_bug_answers_500_in_the_same_shape(app, client):
    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = client.get("/api/boom")
    body = _assert_shape(response, 500)
    assert "secret detail" not in response.get_data(as_text=True)
    assert body["error"] == "internal_error"


def test_every_response_says_nosniff(client, api):
    assert api.thread().headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/api/nope").headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/api/threads", "/api/comments", "/api/counts"])
def test_preflights_from_registered_origins_are_answered(client, path):
    response = client.options(
        path,
        headers={
            "Origin": BLOG,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == BLOG
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Allow-Headers"].lower() == "content-type, authorization"
    assert "Origin" in response.headers["Vary"]
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_unregistered_origins_get_no_cors_headers(client):
    response = client.options(
        "/api/comments",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in response.headers
    read = client.get(
        "/api/threads", query_string={"url": ARTICLE}, headers={"Origin": "https://evil.example"}
    )
    assert "Access-Control-Allow-Origin" not in read.headers


def test_errors_to_registered_origins_are_readable_cross_origin(api):
    response = api.post_comment(name="")
    assert response.headers["Access-Control-Allow-Origin"] == BLOG
    assert "Retry-After" in response.headers["Access-Control-Expose-Headers"]
