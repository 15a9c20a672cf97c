"""POST /api/comments/mine: an author's own comments held for moderation, by edit token."""

from __future__ import annotations

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG, OTHER
from widget import storage
from widget.storage.models import Comment

MINE = "/api/comments/mine"
ANOTHER_ARTICLE = "https://blog.example.org/2026/12/another-talk/"


def _set_moderation(app, mode: str) -> None:
    with app.app_context():
        storage.find_site_by_origin(BLOG).moderation = mode
        storage.db.session.commit()


def _set_status(app, comment_id: int, status: str) -> None:
    with app.app_context():
        storage.db.session.get(Comment, comment_id).status = status
        storage.db.session.commit()


def _post(api: Api, **fields) -> tuple[dict, str]:
    response = api.post_comment(**fields)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    return body["comment"], body["edit_token"]


def _mine(api: Api, tokens, url: str = ARTICLE, **fields):
    return api.post(MINE, json={"url": url, "edit_tokens": tokens, **fields})


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.get_json()
    return [comment["id"] for comment in response.get_json()["comments"]]


def test_held_comments_are_returned_to_their_author_as_pending(api, app):
    _set_moderation(app, "all")
    first, first_token = _post(api, text="First, held.")
    second, second_token = _post(api, text="Second, held.", name="Ana R.")
    assert first["status"] == second["status"] == "pending"

    response = _mine(api, [second_token, first_token])
    assert _ids(response) == [first["id"], second["id"]]  # oldest first
    comments = response.get_json()["comments"]
    assert [c["status"] for c in comments] == ["pending", "pending"]
    assert comments[0] == first  # the same public fields as the post answered
    assert comments[1]["name"] == "Ana R."
    assert response.headers["Access-Control-Allow-Origin"] == BLOG


def test_a_comment_held_as_spam_looks_pending_to_its_author(api, app):
    _set_moderation(app, "all")
    comment, token = _post(api)
    _set_status(app, comment["id"], "spam")
    [shown] = _mine(api, [token]).get_json()["comments"]
    assert shown["id"] == comment["id"]
    assert shown["status"] == "pending"


def test_published_and_deleted_comments_are_not_returned(api, app):
    published, published_token = _post(api)
    _set_moderation(app, "all")
    held, held_token = _post(api)
    gone, gone_token = _post(api)
    _set_status(app, gone["id"], "deleted")
    assert published["status"] == "published"
    assert _ids(_mine(api, [published_token, held_token, gone_token])) == [held["id"]]
    _set_status(app, held["id"], "published")  # approved since
    assert _ids(_mine(api, [held_token])) == []


def test_only_the_comments_of_the_tokens_given_are_returned(api, client, app):
    _set_moderation(app, "all")
    mine, my_token = _post(api, email="me@example.org")
    someone = Api(client, origin=BLOG, address="198.51.100.20")
    theirs, their_token = _post(someone, email="them@example.org", name="Someone Else")

    assert _ids(_mine(api, [my_token])) == [mine["id"]]
    assert _ids(_mine(someone, [their_token])) == [theirs["id"]]
    # The address does not matter, only the tokens: no token, no comment.
    assert _ids(_mine(someone, [my_token])) == [mine["id"]]
    assert _ids(_mine(api, [])) == []
    unknown = "x" * 43
    assert _ids(_mine(api, [unknown, my_token[:-1] + ("A" if my_token[-1] != "A" else "B")])) == []


def test_tokens_of_another_thread_return_nothing(api, app):
    _set_moderation(app, "all")
    here, here_token = _post(api)
    there, there_token = _post(api, url=ANOTHER_ARTICLE)
    named, named_token = _post(api, thread="talk-42")

    assert _ids(_mine(api, [here_token, there_token, named_token])) == [here["id"]]
    assert _ids(_mine(api, [here_token], url=ANOTHER_ARTICLE)) == []
    assert _ids(_mine(api, [here_token, there_token], url=ANOTHER_ARTICLE)) == [there["id"]]
    assert _ids(_mine(api, [here_token], thread="talk-42")) == []
    assert _ids(_mine(api, [named_token], thread="talk-42")) == [named["id"]]
    # Shared spellings of the page URL reach the same thread.
    assert _ids(_mine(api, [here_token], url=ARTICLE + "?utm_source=feed#comments")) == [here["id"]]


def test_a_thread_nobody_commented_on_returns_nothing(api):
    assert _ids(_mine(api, ["a" * 43])) == []


def test_the_answer_holds_no_private_field(api, app):
    _set_moderation(app, "all")
    comment, token = _post(api, email="Private.Person@Example.ORG")
    response = _mine(api, [token])
    blob = (response.get_data(as_text=True) + str(response.headers)).lower()
    for needle in ("private.person", "203.0.113.77", "203.0.113.0", token.lower()):
        assert needle not in blob
    [shown] = response.get_json()["comments"]
    assert set(shown) == {
        "id",
        "parent_id",
        "name",
        "website",
        "avatar",
        "html",
        "created_at",
        "edited_at",
        "status",
        "likes",
        "featured",
        "staff",
        "badges",
        "verified",
    }


@pytest.mark.parametrize(
    "tokens",
    [
        "a-single-token-not-in-a-list",
        {"token": "abc"},
        None,
        42,
        ["ok-token", 42],
        [None],
        [["nested"]],
        [""],
        ["x" * 101],
        ["token"] * 51,
    ],
    ids=[
        "string",
        "object",
        "null",
        "number",
        "a-number-inside",
        "null-inside",
        "list-inside",
        "empty-string",
        "too-long",
        "51-tokens",
    ],
)
def test_bad_token_lists_are_400_in_the_error_shape(api, tokens):
    response = api.post(MINE, json={"url": ARTICLE, "edit_tokens": tokens})
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "invalid_fields"
    assert "50" in " ".join(body["fields"]["edit_tokens"])


def test_missing_tokens_are_400(api):
    response = api.post(MINE, json={"url": ARTICLE})
    assert response.status_code == 400
    assert "edit_tokens" in response.get_json()["fields"]


def test_fifty_tokens_are_allowed(api, app):
    _set_moderation(app, "all")
    comment, token = _post(api)
    tokens = [f"unknown-{n}" for n in range(49)] + [token]
    assert _ids(_mine(api, tokens)) == [comment["id"]]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"edit_tokens": []}, "invalid_url"),
        ({"url": "/relative", "edit_tokens": []}, "invalid_url"),
        ({"url": 5, "edit_tokens": []}, "invalid_url"),
        ({"url": ARTICLE, "thread": "x" * 201, "edit_tokens": []}, "invalid_thread"),
        ({"url": ARTICLE, "thread": 7, "edit_tokens": []}, "invalid_thread"),
    ],
)
def test_a_bad_url_or_thread_is_400(api, body, error):
    response = api.post(MINE, json=body)
    assert response.status_code == 400
    assert response.get_json()["error"] == error


def test_malformed_bodies_are_refused_in_the_error_shape(api):
    cases = [
        (400, "invalid_json", dict(data="{not json", content_type="application/json")),
        (400, "invalid_json", dict(json=["a", "list"])),
        (415, "unsupported_media_type", dict(data="url=x", content_type="text/plain")),
        (
            413,
            "payload_too_large",
            dict(data=b"x" * (65 * 1024), content_type="application/json"),
        ),
    ]
    for status, error, kwargs in cases:
        response = api.post(MINE, **kwargs)
        assert response.status_code == status
        assert response.get_json()["error"] == error


def test_other_methods_are_405(api, client):
    response = client.get(MINE, headers={"Origin": BLOG})
    assert response.status_code == 405
    assert response.get_json()["error"] == "method_not_allowed"
    assert "POST" in response.headers["Allow"]


def test_a_preflight_from_a_registered_origin_is_answered(client):
    response = client.options(
        MINE,
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


def test_an_unregistered_origin_is_403(api, client):
    evil = Api(client, origin="https://evil.example")
    response = _mine(evil, [], url="https://evil.example/post/")
    assert response.status_code == 403
    assert response.get_json()["error"] == "origin_not_registered"
    assert "Access-Control-Allow-Origin" not in response.headers
    # Nor may another site's page read the blog's held comments.
    mismatch = _mine(Api(client, origin=OTHER), [], url=ARTICLE)
    assert mismatch.status_code == 403
    assert mismatch.get_json()["error"] == "origin_mismatch"
    # A caller from an unregistered origin asking about the blog's page.
    stranger = _mine(evil, [], url=ARTICLE)
    assert stranger.status_code == 403
    assert stranger.get_json()["error"] in ("origin_not_registered", "origin_mismatch")


def test_it_counts_against_the_read_limit(app, app_factory):
    limited = app_factory(RATELIMIT_ENABLED=True, READ_RATE_LIMIT="2 per minute")
    api = Api(limited.test_client(), origin=BLOG)
    statuses = [_mine(api, []).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert int(api.responses[-1].headers["Retry-After"]) > 0
