"""What a reader's browser does, through the test client; every reply checked against the spec."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote, urlsplit

from tests.openapi_check import assert_matches_spec

ARTICLE = "https://blog.example.org/2026/11/border-talks/"


class Api:
    def __init__(
        self, client, origin: str, address: str = "203.0.113.77", headers: dict | None = None
    ) -> None:
        self.client = client
        self.origin = origin
        self.address = address
        self.headers = headers or {}
        self.responses = []

    def _headers(self, headers: dict | None) -> dict:
        return {"Origin": self.origin, **self.headers, **(headers or {})}

    def _checked(self, response, method: str, path: str):
        self.responses.append(response)
        assert_matches_spec(response, method, urlsplit(path).path)
        return response

    def get(self, path: str, headers: dict | None = None, **params):
        response = self.client.get(
            path,
            query_string=params,
            headers=self._headers(headers),
            environ_base={"REMOTE_ADDR": self.address},
        )
        return self._checked(response, "get", path)

    def post(self, path: str, headers: dict | None = None, **kwargs):
        response = self.client.post(
            path,
            headers=self._headers(headers),
            environ_base={"REMOTE_ADDR": self.address},
            **kwargs,
        )
        return self._checked(response, "post", path)

    def thread(self, url: str = ARTICLE, **params):
        """GET /api/threads for a page."""
        return self.get("/api/threads", url=url, **params)

    def form_token(
        self, url: str = ARTICLE, thread: str | None = None, headers: dict | None = None
    ) -> str:
        """A form token, fetched as the browser would (same address and proxy headers)."""
        params = {"thread": thread} if thread else {}
        response = self.get("/api/form-token", headers=headers, url=url, **params)
        return response.get_json()["form_token"]

    def post_comment(self, headers: dict | None = None, **fields):
        """POST /api/comments with a valid comment; `fields` override or add."""
        body = {
            "url": ARTICLE,
            "name": "Ana Reader",
            "email": "ana.reader@example.org",
            "text": "A thoughtful comment.",
            **fields,
        }
        if "form_token" not in body:
            body["form_token"] = self.form_token(body["url"], body.get("thread"), headers)
        body = {name: value for name, value in body.items() if value is not ...}
        return self.post("/api/comments", json=body, headers=headers)

    def counts(self, *urls: str):
        """GET /api/counts for several pages."""
        response = self.client.get(
            "/api/counts",
            query_string=[("url", url) for url in urls],
            headers=self._headers(None),
            environ_base={"REMOTE_ADDR": self.address},
        )
        return self._checked(response, "get", "/api/counts")


CSRF_FIELD = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_in(html: str) -> str:
    """The CSRF token of the first form on an HTML page."""
    found = CSRF_FIELD.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1)


class Admin:
    """What a moderator's browser does on /admin, through the test client."""

    def __init__(
        self, client, address: str = "198.51.100.20", base_url: str = "http://localhost"
    ) -> None:
        self.client = client
        self.address = address
        self.base_url = base_url

    def _options(self, headers: dict | None) -> dict:
        # Flask-WTF checks the Referer of https requests; a browser sends one.
        return {
            "base_url": self.base_url,
            "environ_base": {"REMOTE_ADDR": self.address},
            "headers": {"Referer": f"{self.base_url}/admin/", **(headers or {})},
        }

    def get(self, path: str, headers: dict | None = None, **params):
        return self.client.get(path, query_string=params or None, **self._options(headers))

    def post_raw(self, path: str, headers: dict | None = None, **form):
        """POST the form exactly as given (no CSRF token added)."""
        return self.client.post(path, data=form, **self._options(headers))

    def login(self, email: str, password: str, next: str | None = None, token: str | None = None):
        """Fetch the sign-in page, read its CSRF token, post the credentials."""
        path = "/admin/login" + (f"?next={quote(next, safe='')}" if next is not None else "")
        if token is None:
            token = csrf_token_in(self.get(path).get_data(as_text=True))
        return self.post_raw(path, email=email, password=password, csrf_token=token)

    def logout(self):
        return self.post("/admin/logout")

    def csrf(self) -> str:
        """A fresh token from a signed-in page (tokens from before sign-in are invalid).

        Reading a page shows, and so clears, pending notices: read those first.
        """
        page = self.get("/admin/audit")
        assert page.status_code == 200, "not signed in"
        return csrf_token_in(page.get_data(as_text=True))

    def post(self, path: str, headers: dict | None = None, **form):
        return self.post_raw(path, headers=headers, csrf_token=self.csrf(), **form)

    def moderate(self, action: str, *ids: int, **form):
        """The bulk buttons: one action on the ticked comments."""
        return self.post(
            "/admin/comments/moderate", action=action, ids=[str(i) for i in ids], **form
        )

    def moderate_one(self, comment_id: int, action: str, **form):
        """A row's own button."""
        return self.post("/admin/comments/moderate", only=f"{comment_id}:{action}", **form)

    def signed_in(self) -> bool:
        response = self.get("/admin/")
        assert response.status_code in (200, 302)
        return response.status_code == 200

    def pending_badge(self) -> int:
        """The number on the queue's badge in the navigation."""
        page = self.get("/admin/bans").get_data(as_text=True)
        return int(re.search(r'class="badge" aria-label="(\d+) pending">(\d+)<', page).group(2))

    def listed(self, **filters) -> list[int]:
        """Ids of the comments /admin/comments lists with these filters, newest first."""
        page = self.get("/admin/comments", **filters).get_data(as_text=True)
        return [int(n) for n in re.findall(r'id="pick-(\d+)"', page)]

    def audit(self) -> list[tuple[str, ...]]:
        """The audit log's rows, oldest first: who, what, comment, from → to, detail."""
        page = self.get("/admin/audit").get_data(as_text=True)
        rows = re.findall(r"<tr>\s*<td><time.*?</td>(.*?)</tr>", page, re.S)
        cells = (re.findall(r"<td>(.*?)</td>", row, re.S) for row in rows)
        text = [tuple(unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in r) for r in cells]
        return text[::-1]

    def notices(self, response=None) -> list[str]:
        """The flashed notices on a page (the page a redirect leads to, by default)."""
        html = (response or self.get("/admin/audit")).get_data(as_text=True)
        return [unescape(n) for n in re.findall(r'<p class="notice" role="status">(.*?)</p>', html)]
