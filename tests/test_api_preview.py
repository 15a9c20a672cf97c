"""POST /api/preview: a reader's text rendered by the server's renderer, before posting."""

from __future__ import annotations

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG, OTHER
from tests.test_statement_counts import statements
from widget.sites.editing import register_site


def _preview(api, **body):
    return api.post("/api/preview", json=body)


def test_the_text_comes_back_as_the_published_comment_would_be(api):
    text = "**Bold**, *italic*, [a link](https://example.org)\n\n> quoted <script>x</script>"
    response = _preview(api, url=ARTICLE, text=text)
    assert response.status_code == 200
    html = response.get_json()["html"]
    assert "<strong>Bold</strong>" in html and "<em>italic</em>" in html
    assert 'rel="nofollow noopener"' in html or "nofollow" in html
    assert "<blockquote>" in html and "<script>" not in html
    posted = api.post_comment(text=text).get_json()["comment"]["html"]
    assert html == posted  # the very renderer a post goes through


def test_nothing_is_stored(app, api):
    with statements(app) as ran:
        assert _preview(api, url=ARTICLE, text="Just looking.").status_code == 200
    assert not any(sql.split()[0] in ("INSERT", "UPDATE", "DELETE") for sql in ran), ran
    assert api.thread().get_json()["thread"]["count"] == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": ARTICLE, "text": ""}, "text"),
        ({"url": ARTICLE, "text": 5}, "text"),
        ({"url": ARTICLE, "text": "x" * 10_001}, "text"),
        ({"url": ARTICLE, "text": "bell \x07"}, "text"),
        ({"url": "not a url", "text": "Hello"}, "url"),
        ({"text": "Hello"}, "url"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, body, field):
    response = _preview(api, **body)
    assert response.status_code == 400
    assert field in response.get_json()["fields"]


def test_the_errors_follow_the_readers_language(api):
    response = _preview(api, url=ARTICLE, text="", lang="es")
    assert response.get_json()["fields"]["text"] == ["Escribe un comentario."]


def test_only_a_registered_origin_previews_its_own_pages(client):
    stranger = Api(client, origin="https://evil.example.com")
    assert _preview(stranger, url=ARTICLE, text="Hi").status_code == 403
    other_site = Api(client, origin=OTHER)
    assert _preview(other_site, url=ARTICLE, text="Hi").status_code == 403


def test_only_json_is_accepted(api):
    response = api.post("/api/preview", data="text=hi", content_type="text/plain")
    assert response.status_code == 415


def test_previews_are_rate_limited_like_other_writes(app_factory):
    app = app_factory(RATELIMIT_ENABLED=True, WRITE_ATTEMPT_RATE_LIMIT="2 per minute")
    with app.app_context():
        register_site("Blog", [BLOG], "none")
    api = Api(app.test_client(), origin=BLOG)
    statuses = [_preview(api, url=ARTICLE, text="Again").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
