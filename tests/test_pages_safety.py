"""The no-JavaScript page and the HTML fragment: escaping, privacy, one rate limit."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from tests.nojs import (
    ADDRESS,
    CANONICAL,
    EVIL,
    author_of,
    comment_ids,
    form_values,
    get_page,
    html,
    parent_comment_id,
    post_form,
    set_moderation,
    stored_comments,
    three_comments,
)

# ---- escaping and privacy --------------------------------------------------

XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_TEXT = "<script>alert(1)</script>"
XSS_WEBSITE = 'https://x.example/"onmouseover="alert(1)'
XSS_TITLE = '</title><script>alert("title")</script>'


def _assert_inert(markup: str) -> None:
    lowered = markup.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert "onerror=" not in lowered.replace("onerror=alert(1)&gt;", "")
    assert '"onmouseover="' not in lowered


def test_hostile_comments_are_escaped_on_the_page_and_in_the_fragment(api, client, app):
    created = api.post_comment(
        name=XSS_NAME, text=XSS_TEXT, website=XSS_WEBSITE, title=XSS_TITLE
    ).get_json()
    # The website is accepted as an http(s) address; it can only ever be an escaped href.
    assert created["comment"]["website"] == XSS_WEBSITE
    api_id = created["comment"]["id"]
    posted = post_form(
        client, html(get_page(client)), name=XSS_NAME, text=XSS_TEXT, website=XSS_WEBSITE
    )
    assert posted.status_code == 303
    form_id = stored_comments(app)[-1].id

    page = get_page(client, replytocom=str(api_id), title=XSS_TITLE, thread="")
    fragment = api.get("/api/threads.html", url=ARTICLE)
    for response in (page, fragment):
        markup = response.get_data(as_text=True)
        _assert_inert(markup)
        assert "&lt;img src=x onerror=alert(1)&gt;" in markup
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
        doc = html(response)
        for comment_id in (api_id, form_id):
            author = author_of(doc, comment_id)
            assert author.text.strip() == XSS_NAME  # shown as text, not markup
            [link] = author.find_all("a")
            assert link.attrs["href"] == XSS_WEBSITE  # one attribute, quotes escaped
            assert set(link.attrs) == {"href", "rel"}
            body = doc.find("li", id=f"comment-{comment_id}").find("div")
            assert body.text.strip() == XSS_TEXT
            assert body.find("script") is None
    doc = html(page)
    assert doc.find("h2").text.strip() == f"Reply to {XSS_NAME}"
    assert form_values(doc)["title"] == XSS_TITLE
    assert XSS_TITLE in doc.find("title").text


def test_a_hostile_form_post_that_is_refused_is_echoed_escaped(client, app):
    response = post_form(client, html(get_page(client)), name=XSS_NAME, email=XSS_TEXT)
    assert response.status_code == 400
    markup = response.get_data(as_text=True)
    _assert_inert(markup)
    doc = html(response)
    assert doc.find("input", name="name").attrs["value"] == XSS_NAME
    assert doc.find("input", name="email").attrs["value"] == XSS_TEXT
    assert stored_comments(app) == []


EMAIL = "Maria.Secreta@Example.ORG"


def _blob(app, response) -> str:
    """Body and headers, with the (signed, base64) session and commenter cookies decoded too."""
    from itsdangerous import URLSafeSerializer

    parts = [response.get_data(as_text=True), str(response.headers)]
    serializer = app.session_interface.get_signing_serializer(app)
    commenter = URLSafeSerializer(app.config["SECRET_KEY"], salt="tertulia.commenter")
    for cookie in response.headers.getlist("Set-Cookie"):
        name, _, value = cookie.split(";")[0].partition("=")
        if value:
            signer = commenter if name == "tertulia_commenter" else serializer
            parts.append(repr(signer.loads(value)))
    return "\n".join(parts).lower()


def test_the_email_and_address_never_appear_in_pages_fragment_or_headers(api, client, app):
    needles = [EMAIL.lower(), EMAIL.split("@")[0].lower(), ADDRESS, "203.0.113.0/24"]
    first = api.post_comment(email=EMAIL, website="https://maria.example").get_json()
    set_moderation(app, "first")
    seen = []
    doc = html(get_page(client))
    seen.append(get_page(client))
    posted = post_form(client, doc, email=EMAIL, parent_id=str(first["comment"]["id"]))
    assert posted.status_code == 303
    seen.append(posted)
    seen.append(client.get(posted.headers["Location"], environ_base={"REMOTE_ADDR": ADDRESS}))
    seen.append(get_page(client, replytocom=str(first["comment"]["id"])))
    seen.append(get_page(client, lang="es"))
    seen.append(api.get("/api/threads.html", url=ARTICLE))
    seen.append(api.get("/api/threads.html", url=ARTICLE, lang="es"))
    assert [r.status_code for r in seen] == [200, 303, 200, 200, 200, 200, 200]
    assert len(stored_comments(app)) == 2
    leaks = [
        f"{response.status} {response.request.path}: {needle}"
        for response in seen
        for needle in needles
        if needle.lower() in _blob(app, response)
    ]
    assert leaks == []


# ---- the HTML fragment --------------------------------------------------------


def test_the_fragment_is_the_nested_thread_cacheable_and_readable_cross_origin(api, client, app):
    first, reply, second = three_comments(api)
    set_moderation(app, "all")
    api.post_comment(name="Held Back")

    response = api.get("/api/threads.html", url=ARTICLE)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.cache_control.public
    assert response.cache_control.max_age and response.cache_control.max_age > 0
    assert response.headers["Access-Control-Allow-Origin"] == BLOG
    assert "Origin" in response.headers["Vary"]
    assert "Set-Cookie" not in response.headers  # a shared cache must not keep a session

    markup = response.get_data(as_text=True)
    assert "<html" not in markup.lower() and "<form" not in markup.lower()
    doc = html(response)
    assert comment_ids(doc) == [first, reply, second]
    assert parent_comment_id(doc, reply) == first
    assert parent_comment_id(doc, second) is None
    assert "Held Back" not in markup
    assert doc.find("a", **{"class": "comment-reply"}) is None

    [nojs] = [a for a in doc.find_all("a") if "without JavaScript" in a.text]
    link = urlsplit(nojs.attrs["href"])
    assert link.path == "/threads"
    assert parse_qs(link.query)["url"] == [CANONICAL]
    # The link leads to the page with the same comments and a form.
    page = html(client.get(f"{link.path}?{link.query}"))
    assert comment_ids(page) == [first, reply, second]
    assert page.find("form", method="post") is not None


def test_the_fragment_of_an_empty_thread_and_in_spanish(api):
    response = api.get("/api/threads.html", url=ARTICLE, lang="es")
    assert response.status_code == 200
    doc = html(response)
    assert comment_ids(doc) == []
    assert any("sin JavaScript" in a.text for a in doc.find_all("a"))


def test_a_fragment_negotiated_by_accept_language_varies_on_it(api):
    response = api.get("/api/threads.html", url=ARTICLE, headers={"Accept-Language": "es"})
    assert response.status_code == 200
    assert "sin JavaScript" in response.get_data(as_text=True)
    assert response.cache_control.public
    assert "accept-language" in response.headers.get("Vary", "").lower()


def test_the_fragment_of_an_explicit_thread_links_to_that_thread(api, client):
    comment = api.post_comment(thread="talk-42").get_json()["comment"]["id"]
    response = api.get("/api/threads.html", url=ARTICLE, thread="talk-42")
    doc = html(response)
    assert comment_ids(doc) == [comment]
    assert comment_ids(html(api.get("/api/threads.html", url=ARTICLE))) == []
    [nojs] = [a for a in doc.find_all("a") if "without JavaScript" in a.text]
    assert parse_qs(urlsplit(nojs.attrs["href"]).query)["thread"] == ["talk-42"]
    page = html(client.get(nojs.attrs["href"]))
    assert comment_ids(page) == [comment]


def test_fragment_errors_are_json(api, client):
    assert api.get("/api/threads.html").status_code == 400
    assert api.get("/api/threads.html", url="not a url").get_json()["error"] == "invalid_url"
    refused = Api(client, origin=EVIL).get("/api/threads.html", url=f"{EVIL}/post/")
    assert refused.status_code == 403
    assert refused.get_json()["error"] == "origin_not_registered"
    assert "Access-Control-Allow-Origin" not in refused.headers
    mismatch = Api(client, origin="https://other.example.net").get("/api/threads.html", url=ARTICLE)
    assert mismatch.get_json()["error"] == "origin_mismatch"
    assert api.post("/api/threads.html", json={}).status_code == 405


# ---- one rate limit for both ways of posting -----------------------------------


@pytest.mark.parametrize("first_way", ["api", "form"])
def test_one_rate_limit_covers_the_api_and_the_form(app, app_factory, first_way):
    limited = app_factory(RATELIMIT_ENABLED=True, POST_RATE_LIMIT="2 per minute")
    client = limited.test_client()
    api = Api(client, origin=BLOG)  # REMOTE_ADDR 203.0.113.77, as the form's posts

    def by_api():
        return api.post_comment()

    def by_form():
        return post_form(client, html(get_page(client)))

    ways = [by_api, by_form] if first_way == "api" else [by_form, by_api]
    expected = [201, 303] if first_way == "api" else [303, 201]
    assert [way().status_code for way in ways] == expected

    refused_form = by_form()
    assert refused_form.status_code == 429
    doc = html(refused_form)
    wait = refused_form.headers["Retry-After"]
    assert wait.isdigit() and 0 < int(wait) <= 61
    assert f"{int(wait)} seconds" in doc.find("p", role="alert").text
    refused_api = by_api()
    assert refused_api.status_code == 429
    assert refused_api.get_json()["error"] == "rate_limited"
    assert len(stored_comments(limited)) == 2

    # Another address still has its allowance, by either way.
    other = Api(client, origin=BLOG, address="198.51.100.9")
    assert other.post_comment().status_code == 201
    page = get_page(client, address="198.51.100.9")  # the token is bound to its network
    assert post_form(client, html(page), address="198.51.100.9").status_code == 303
