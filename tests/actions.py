"""What a reader's browser does, through the test client; every reply checked against the spec."""

from __future__ import annotations

from urllib.parse import urlsplit

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

    def form_token(self, url: str = ARTICLE, thread: str | None = None) -> str:
        params = {"thread": thread} if thread else {}
        return self.thread(url, **params).get_json()["form_token"]

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
            body["form_token"] = self.form_token(body["url"], body.get("thread"))
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
