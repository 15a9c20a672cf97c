"""The thread without JavaScript (GET/POST /threads) and the HTML fragment (/api/threads.html)."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from widget import storage
from widget.models import Comment
from widget.urls import canonical_url

ADDRESS = "203.0.113.77"  # the Api's REMOTE_ADDR too
CANONICAL = canonical_url(ARTICLE)
EVIL = "https://evil.example"

# ---- a small DOM, enough to ask where an element is -------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: list[tuple[str, str | None]], parent: Node | None):
        self.tag = tag
        self.attrs = {name: value or "" for name, value in attrs}
        self.parent = parent
        self.children: list[Node | str] = []

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and all(node.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag: str | None = None, **attrs: str) -> Node | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def ancestor(self, tag: str) -> Node | None:
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", [], None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(markup: str) -> Node:
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    return builder.root


def _assert_safe_headers(response) -> None:
    """What every HTML response must carry: a strict CSP and nosniff."""
    assert response.mimetype == "text/html", response.mimetype
    policy = response.headers.get("Content-Security-Policy", "")
    assert policy, f"{response.request.path} -> {response.status}: no CSP"
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def html(response) -> Node:
    """The parsed HTML of a response, after checking its security headers."""
    _assert_safe_headers(response)
    return parse(response.get_data(as_text=True))


# ---- actions of a reader without JavaScript ----------------------------------


def get_page(client, headers: dict | None = None, address: str = ADDRESS, **params):
    query = {"url": ARTICLE, **params}
    return client.get(
        "/threads", query_string=query, headers=headers or {}, environ_base={"REMOTE_ADDR": address}
    )


def form_values(doc: Node) -> dict[str, str]:
    """The hidden fields of the page's comment form (CSRF token and form token included)."""
    form = doc.find("form", method="post")
    assert form is not None, "the page has no comment form"
    return {
        node.attrs["name"]: node.attrs.get("value", "")
        for node in form.find_all("input", type="hidden")
    }


def post_form(client, doc: Node, address: str = ADDRESS, **fields):
    """Submit the page's form with a valid comment; `fields` override (None leaves one out)."""
    data = {
        **form_values(doc),
        "text": "Written without JavaScript.",
        "name": "Nora Plain",
        "email": "nora.plain@example.org",
        "website": "",
        **fields,
    }
    data = {name: value for name, value in data.items() if value is not None}
    return client.post("/threads", data=data, environ_base={"REMOTE_ADDR": address})


def _comments(app) -> list[Comment]:
    with app.app_context():
        return storage.db.session.query(Comment).order_by(Comment.id).all()


def _set_moderation(app, mode: str) -> None:
    with app.app_context():
        storage.find_site_by_origin(BLOG).moderation = mode
        storage.db.session.commit()


def _close_thread(app, url: str = CANONICAL) -> None:
    with app.app_context():
        site = storage.find_site_by_origin(BLOG)
        storage.find_thread(site.id, url).closed = True
        storage.db.session.commit()


def _comment_ids(doc: Node) -> list[int]:
    return [
        int(node.attrs["id"].removeprefix("comment-"))
        for node in doc.find_all("li")
        if node.attrs.get("id", "").startswith("comment-")
    ]


def _parent_comment_id(doc: Node, comment_id: int) -> int | None:
    """The id of the comment whose list holds this one, or None at the top level."""
    item = doc.find("li", id=f"comment-{comment_id}")
    assert item is not None, f"comment {comment_id} is not shown"
    outer = item.ancestor("li")
    return int(outer.attrs["id"].removeprefix("comment-")) if outer else None


def _author(doc: Node, comment_id: int) -> Node:
    return doc.find("li", id=f"comment-{comment_id}").find("span", **{"class": "comment-author"})


def _field_error_of(doc: Node, name: str) -> str:
    control = doc.find(id=name)
    assert control is not None
    assert control.attrs.get("aria-invalid") == "true", f"{name} is not marked invalid"
    described = control.attrs.get("aria-describedby")
    assert described, f"{name} names no description"
    message = doc.find(id=described)
    assert message is not None, f"{name}'s description #{described} is missing"
    assert message.ancestor("p") is control.ancestor("p"), "the message is not next to its field"
    return message.text


def _three_comments(api: Api) -> tuple[int, int, int]:
    """A comment, a reply to it, and a second top-level comment."""
    first = api.post_comment(name="Ana Reader").get_json()["comment"]["id"]
    reply = api.post_comment(name="Bea Replier", parent_id=first).get_json()["comment"]["id"]
    second = api.post_comment(name="Carl Later").get_json()["comment"]["id"]
    return first, reply, second


# ---- reading ---------------------------------------------------------------


def test_the_page_shows_published_comments_nested_and_the_form(api, client, app):
    first, reply, second = _three_comments(api)
    _set_moderation(app, "all")
    assert api.post_comment(name="Held Back").status_code == 201  # pending: not shown

    response = get_page(client)
    assert response.status_code == 200
    doc = html(response)
    assert doc.find("html").attrs["lang"] == "en"
    assert doc.find("h1").text.strip() == "3 comments"
    assert _comment_ids(doc) == [first, reply, second]
    assert _parent_comment_id(doc, reply) == first
    assert _parent_comment_id(doc, first) is None
    assert _parent_comment_id(doc, second) is None
    assert "Held Back" not in response.get_data(as_text=True)
    assert _author(doc, reply).text.strip() == "Bea Replier"
    assert "A thoughtful comment." in doc.find("li", id=f"comment-{first}").text

    form = doc.find("form", method="post")
    assert form.attrs["action"] == "/threads"
    hidden = form_values(doc)
    assert len(hidden["csrf_token"]) > 20
    assert len(hidden["form_token"]) > 20
    assert hidden["url"] == CANONICAL
    assert hidden["parent_id"] == ""
    assert {"text", "name", "email", "website"} <= {
        node.attrs.get("name") for node in form.iter() if node.tag in ("input", "textarea")
    }
    assert doc.find("h2").text.strip() == "Leave a Reply"
    reply_link = doc.find("li", id=f"comment-{first}").find("a", **{"class": "comment-reply"})
    assert f"replytocom={first}" in reply_link.attrs["href"]


def test_an_empty_thread_says_so_and_is_not_created(client, app):
    doc = html(get_page(client))
    assert doc.find("h1").text.strip() == "No comments yet"
    assert _comment_ids(doc) == []
    assert doc.find("form", method="post") is not None
    with app.app_context():
        site = storage.find_site_by_origin(BLOG)
        assert storage.find_thread(site.id, CANONICAL) is None


def test_one_comment_is_counted_in_the_singular(api, client):
    api.post_comment()
    assert html(get_page(client)).find("h1").text.strip() == "1 comment"


@pytest.mark.parametrize(
    ("params", "headers"),
    [
        ({"lang": "es"}, {}),
        ({}, {"Accept-Language": "es"}),
        ({}, {"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"}),
        ({"lang": "es"}, {"Accept-Language": "en"}),
    ],
)
def test_the_page_speaks_spanish_when_asked(api, client, params, headers):
    api.post_comment()
    doc = html(get_page(client, headers=headers, **params))
    assert doc.find("html").attrs["lang"] == "es"
    assert doc.find("h1").text.strip() == "1 comentario"
    assert doc.find("h2").text.strip() == "Deja una respuesta"
    assert doc.find("button").text.strip() == "Publicar el comentario"
    assert doc.find("label", **{"for": "email"}).text.strip().startswith("Correo electrónico")
    assert form_values(doc)["lang"] == "es"
    assert "Leave a Reply" not in str(doc.text)


def test_english_is_the_default_for_other_languages(client):
    doc = html(get_page(client, headers={"Accept-Language": "de"}, lang="xx"))
    assert doc.find("html").attrs["lang"] == "en"
    assert doc.find("h2").text.strip() == "Leave a Reply"


# ---- posting -----------------------------------------------------------------


def test_a_post_is_stored_and_redirects_to_the_comment(client, app):
    doc = html(get_page(client))
    response = post_form(client, doc, text="Hello *without* scripts.")
    assert response.status_code == 303
    [stored] = _comments(app)
    assert stored.status == "published"
    assert stored.name == "Nora Plain"
    assert stored.email == "nora.plain@example.org"
    assert stored.network == "203.0.113.0/24"
    assert stored.parent_id is None

    location = urlsplit(response.headers["Location"])
    assert location.path == "/threads"
    assert parse_qs(location.query)["url"] == [CANONICAL]
    assert location.fragment == f"comment-{stored.id}"

    followed = client.get(response.headers["Location"], environ_base={"REMOTE_ADDR": ADDRESS})
    assert followed.status_code == 200
    page = html(followed)
    notices = [node.text.strip() for node in page.find_all("p", role="status")]
    assert notices == ["Your comment was published."]
    assert _comment_ids(page) == [stored.id]
    assert "<em>without</em>" in followed.get_data(as_text=True)
    # The notice is shown once.
    again = html(get_page(client))
    assert again.find_all("p", role="status") == []


def test_the_notice_follows_the_language_of_the_form(client, app):
    doc = html(get_page(client, lang="es"))
    response = post_form(client, doc)
    assert response.status_code == 303
    assert parse_qs(urlsplit(response.headers["Location"]).query)["lang"] == ["es"]
    page = html(client.get(response.headers["Location"]))
    assert page.find("p", role="status").text.strip() == "Tu comentario se ha publicado."


def test_a_post_held_for_moderation_says_so_and_is_not_listed(client, app):
    _set_moderation(app, "all")
    response = post_form(client, html(get_page(client)))
    assert response.status_code == 303
    [stored] = _comments(app)
    assert stored.status == "pending"
    assert urlsplit(response.headers["Location"]).fragment == "respond"

    page = html(client.get(response.headers["Location"]))
    notices = [node.text.strip() for node in page.find_all("p", role="status")]
    assert notices == ["Your comment is awaiting moderation."]
    assert _comment_ids(page) == []
    assert page.find("h1").text.strip() == "No comments yet"
    assert "Written without JavaScript." not in page.text


@pytest.mark.parametrize("csrf_token", [None, "", "forged.token.value"])
def test_a_post_without_a_valid_csrf_token_shows_the_form_again(client, app, csrf_token):
    doc = html(get_page(client))
    typed = "A long comment I do not want to type again.\nSecond line & <more>."
    response = post_form(client, doc, csrf_token=csrf_token, text=typed, name="Kept Name")
    assert response.status_code == 400
    page = html(response)
    assert page.find("p", role="alert").text.strip() == "The form expired. Please submit it again."
    assert page.find("textarea", name="text").text.strip() == typed.strip()
    assert page.find("input", name="name").attrs["value"] == "Kept Name"
    assert len(form_values(page)["csrf_token"]) > 20  # a fresh token to submit again with
    assert _comments(app) == []


def test_a_post_from_another_browser_session_is_refused(client, app):
    doc = html(get_page(client))
    stranger = app.test_client()  # no session cookie: the CSRF token is not theirs
    response = post_form(stranger, doc)
    assert response.status_code == 400
    assert "The form expired" in html(response).find("p", role="alert").text
    assert _comments(app) == []


def test_invalid_fields_are_marked_next_to_them_and_kept(client, app):
    doc = html(get_page(client))
    response = post_form(
        client,
        doc,
        name="",
        email="not-an-email",
        website="ftp://files.example.org",
        text="Text that is fine.",
    )
    assert response.status_code == 400
    page = html(response)
    assert page.find("p", role="alert").text.strip() == "Please correct the fields marked below."
    assert "enter your name" in _field_error_of(page, "name")
    assert "not a valid email" in _field_error_of(page, "email")
    assert "http:// or https://" in _field_error_of(page, "website")
    text = page.find("textarea", name="text")
    assert "aria-invalid" not in text.attrs and "aria-describedby" not in text.attrs
    assert text.text.strip() == "Text that is fine."
    assert page.find("input", name="email").attrs["value"] == "not-an-email"
    assert page.find("input", name="website").attrs["value"] == "ftp://files.example.org"
    assert _comments(app) == []


def test_a_missing_comment_is_marked_on_the_textarea(client, app):
    response = post_form(client, html(get_page(client)), text="   ")
    assert response.status_code == 400
    page = html(response)
    assert "write a comment" in _field_error_of(page, "text")
    assert page.find("input", name="name").attrs["value"] == "Nora Plain"
    assert _comments(app) == []


def test_a_forged_form_token_is_refused_with_its_reason(client, app):
    response = post_form(client, html(get_page(client)), form_token="forged")
    assert response.status_code == 400
    assert "form token is not valid" in html(response).find("p", role="alert").text
    assert _comments(app) == []


def test_replytocom_prepares_a_reply_and_posting_it_creates_one(api, client, app):
    first = api.post_comment(name="Ana Reader").get_json()["comment"]["id"]
    doc = html(get_page(client, replytocom=str(first)))
    assert doc.find("h2").text.strip() == "Reply to Ana Reader"
    assert form_values(doc)["parent_id"] == str(first)
    cancel = doc.find("section", id="respond").find("a")
    assert cancel.text.strip() == "Cancel reply"
    assert "replytocom" not in cancel.attrs["href"]

    response = post_form(client, doc, text="A reply without JavaScript.")
    assert response.status_code == 303
    reply = _comments(app)[-1]
    assert reply.parent_id == first
    page = html(client.get(response.headers["Location"]))
    assert _parent_comment_id(page, reply.id) == first


@pytest.mark.parametrize("replytocom", ["999999", "abc", "-1", "١"])
def test_replytocom_to_no_comment_is_a_plain_form(api, client, replytocom):
    api.post_comment()
    doc = html(get_page(client, replytocom=replytocom))
    assert doc.find("h2").text.strip() == "Leave a Reply"
    assert form_values(doc)["parent_id"] == ""


def test_replytocom_to_a_comment_of_another_thread_is_ignored(api, client):
    elsewhere = api.post_comment(url="https://blog.example.org/another/").get_json()
    doc = html(get_page(client, replytocom=str(elsewhere["comment"]["id"])))
    assert doc.find("h2").text.strip() == "Leave a Reply"
    assert form_values(doc)["parent_id"] == ""


def test_replytocom_to_a_comment_held_for_moderation_is_ignored(api, client, app):
    _set_moderation(app, "all")
    held = api.post_comment().get_json()["comment"]["id"]
    doc = html(get_page(client, replytocom=str(held)))
    assert doc.find("h2").text.strip() == "Leave a Reply"
    assert form_values(doc)["parent_id"] == ""


def test_a_refused_reply_is_shown_again_as_a_reply(api, client, app):
    first = api.post_comment(name="Ana Reader").get_json()["comment"]["id"]
    doc = html(get_page(client, replytocom=str(first)))
    response = post_form(client, doc, name="", text="My reply, kept.")
    assert response.status_code == 400
    page = html(response)
    assert page.find("textarea", name="text").text.strip() == "My reply, kept."
    assert form_values(page)["parent_id"] == str(first)
    assert page.find("h2").text.strip() == "Reply to Ana Reader"


def test_a_closed_thread_shows_its_comments_and_no_form(api, client, app):
    comment = api.post_comment().get_json()["comment"]["id"]
    before = html(get_page(client))  # a form fetched while the thread was open
    _close_thread(app)

    doc = html(get_page(client))
    assert _comment_ids(doc) == [comment]
    assert "Comments are closed." in [node.text.strip() for node in doc.find_all("p")]
    assert doc.find("form") is None
    assert doc.find("textarea") is None
    assert doc.find("a", **{"class": "comment-reply"}) is None

    late = post_form(client, before)
    assert late.status_code == 403
    assert "Comments are closed." in html(late).text
    assert len(_comments(app)) == 1


def test_an_unregistered_origin_gets_a_403_page_naming_it(client, app):
    response = get_page(client, url=f"{EVIL}/2026/a-post/")
    assert response.status_code == 403
    doc = html(response)
    assert doc.find("h1").text.strip() == "403"
    assert EVIL in doc.find("p", role="alert").text

    form = html(get_page(client))
    posted = post_form(client, form, url=f"{EVIL}/2026/a-post/")
    assert posted.status_code == 403
    assert EVIL in html(posted).find("p", role="alert").text
    assert _comments(app) == []


def test_a_missing_page_url_is_a_400_page(client):
    response = client.get("/threads")
    assert response.status_code == 400
    assert "URL" in html(response).find("p", role="alert").text


def test_a_405_page_names_the_allowed_methods(client):
    response = client.delete("/threads")
    assert response.status_code == 405
    html(response)
    allowed = {method.strip() for method in response.headers.get("Allow", "").split(",")}
    assert {"GET", "POST"} <= allowed


def test_every_kind_of_html_response_has_the_strict_headers(api, client, app, app_factory):
    api.post_comment()
    doc = html(get_page(client))
    responses = [
        get_page(client),
        get_page(client, lang="es"),
        get_page(client, url=f"{EVIL}/x"),
        client.get("/threads"),
        client.get("/no-such-page"),
        client.delete("/threads"),
        post_form(client, doc),  # 303 (its small body is HTML)
        post_form(client, doc, csrf_token=None),
        post_form(client, doc, name=""),
        api.get("/api/threads.html", url=ARTICLE),
    ]
    limited = app_factory(RATELIMIT_ENABLED=True, READ_RATE_LIMIT="1 per minute")
    limited_client = limited.test_client()
    responses += [get_page(limited_client), get_page(limited_client)]
    assert sorted({r.status_code for r in responses}) == [200, 303, 400, 403, 404, 405, 429]
    for response in responses:
        _assert_safe_headers(response)


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
    form_id = _comments(app)[-1].id

    page = get_page(client, replytocom=str(api_id), title=XSS_TITLE, thread="")
    fragment = api.get("/api/threads.html", url=ARTICLE)
    for response in (page, fragment):
        markup = response.get_data(as_text=True)
        _assert_inert(markup)
        assert "&lt;img src=x onerror=alert(1)&gt;" in markup
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
        doc = html(response)
        for comment_id in (api_id, form_id):
            author = _author(doc, comment_id)
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
    assert _comments(app) == []


EMAIL = "Maria.Secreta@Example.ORG"


def _blob(app, response) -> str:
    """Body and headers, with the (signed, base64) session cookie decoded too."""
    parts = [response.get_data(as_text=True), str(response.headers)]
    serializer = app.session_interface.get_signing_serializer(app)
    for cookie in response.headers.getlist("Set-Cookie"):
        value = cookie.split(";")[0].partition("=")[2]
        if value:
            parts.append(repr(serializer.loads(value)))
    return "\n".join(parts).lower()


def test_the_email_and_address_never_appear_in_pages_fragment_or_headers(api, client, app):
    needles = [EMAIL.lower(), EMAIL.split("@")[0].lower(), ADDRESS, "203.0.113.0/24"]
    first = api.post_comment(email=EMAIL, website="https://maria.example").get_json()
    _set_moderation(app, "first")
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
    assert len(_comments(app)) == 2
    leaks = [
        f"{response.status} {response.request.path}: {needle}"
        for response in seen
        for needle in needles
        if needle.lower() in _blob(app, response)
    ]
    assert leaks == []


# ---- the HTML fragment --------------------------------------------------------


def test_the_fragment_is_the_nested_thread_cacheable_and_readable_cross_origin(api, client, app):
    first, reply, second = _three_comments(api)
    _set_moderation(app, "all")
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
    assert _comment_ids(doc) == [first, reply, second]
    assert _parent_comment_id(doc, reply) == first
    assert _parent_comment_id(doc, second) is None
    assert "Held Back" not in markup
    assert doc.find("a", **{"class": "comment-reply"}) is None

    [nojs] = [a for a in doc.find_all("a") if "without JavaScript" in a.text]
    link = urlsplit(nojs.attrs["href"])
    assert link.path == "/threads"
    assert parse_qs(link.query)["url"] == [CANONICAL]
    # The link leads to the page with the same comments and a form.
    page = html(client.get(f"{link.path}?{link.query}"))
    assert _comment_ids(page) == [first, reply, second]
    assert page.find("form", method="post") is not None


def test_the_fragment_of_an_empty_thread_and_in_spanish(api):
    response = api.get("/api/threads.html", url=ARTICLE, lang="es")
    assert response.status_code == 200
    doc = html(response)
    assert _comment_ids(doc) == []
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
    assert _comment_ids(doc) == [comment]
    assert _comment_ids(html(api.get("/api/threads.html", url=ARTICLE))) == []
    [nojs] = [a for a in doc.find_all("a") if "without JavaScript" in a.text]
    assert parse_qs(urlsplit(nojs.attrs["href"]).query)["thread"] == ["talk-42"]
    page = html(client.get(nojs.attrs["href"]))
    assert _comment_ids(page) == [comment]


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
    assert len(_comments(limited)) == 2

    # Another address still has its allowance, by either way.
    other = Api(client, origin=BLOG, address="198.51.100.9")
    assert other.post_comment().status_code == 201
    assert post_form(client, html(get_page(client)), address="198.51.100.9").status_code == 303
