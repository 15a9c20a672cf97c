"""Reading the server's HTML pages in tests: a small DOM, and a reader without JavaScript."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from widget import storage
from widget.core.urls import canonical_url
from widget.storage.models import Comment

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


def assert_safe_headers(response) -> None:
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
    assert_safe_headers(response)
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


def stored_comments(app) -> list[Comment]:
    with app.app_context():
        return storage.db.session.query(Comment).order_by(Comment.id).all()


def set_moderation(app, mode: str) -> None:
    with app.app_context():
        storage.find_site_by_origin(BLOG).moderation = mode
        storage.db.session.commit()


def close_thread(app, url: str = CANONICAL) -> None:
    with app.app_context():
        site = storage.find_site_by_origin(BLOG)
        storage.find_thread(site.id, url).closed = True
        storage.db.session.commit()


def comment_ids(doc: Node) -> list[int]:
    return [
        int(node.attrs["id"].removeprefix("comment-"))
        for node in doc.find_all("li")
        if node.attrs.get("id", "").startswith("comment-")
    ]


def parent_comment_id(doc: Node, comment_id: int) -> int | None:
    """The id of the comment whose list holds this one, or None at the top level."""
    item = doc.find("li", id=f"comment-{comment_id}")
    assert item is not None, f"comment {comment_id} is not shown"
    outer = item.ancestor("li")
    return int(outer.attrs["id"].removeprefix("comment-")) if outer else None


def author_of(doc: Node, comment_id: int) -> Node:
    return doc.find("li", id=f"comment-{comment_id}").find("span", **{"class": "comment-author"})


def field_error_of(doc: Node, name: str) -> str:
    control = doc.find(id=name)
    assert control is not None
    assert control.attrs.get("aria-invalid") == "true", f"{name} is not marked invalid"
    described = control.attrs.get("aria-describedby")
    assert described, f"{name} names no description"
    described = described.split()[0]  # the error first; the text's Markdown hint after it
    message = doc.find(id=described)
    assert message is not None, f"{name}'s description #{described} is missing"
    assert message.ancestor("p") is control.ancestor("p"), "the message is not next to its field"
    return message.text


def three_comments(api: Api) -> tuple[int, int, int]:
    """A comment, a reply to it, and a second top-level comment."""
    first = api.post_comment(name="Ana Reader").get_json()["comment"]["id"]
    reply = api.post_comment(name="Bea Replier", parent_id=first).get_json()["comment"]["id"]
    second = api.post_comment(name="Carl Later").get_json()["comment"]["id"]
    return first, reply, second
