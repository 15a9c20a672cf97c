"""Readers' extras through the test client: likes, sorted pages; every reply checked."""

from __future__ import annotations

from tests.actions import ARTICLE, Api
from tests.openapi_check import assert_matches_spec

LIKES = "/api/comments/{comment_id}/likes"


class Reader(Api):
    """A reader's browser on the blog, with a voter id of its own (as the widget keeps)."""

    def __init__(self, client, origin: str, address: str, voter: str | None = None) -> None:
        super().__init__(client, origin=origin, address=address)
        self.voter = voter

    def _vote(self, method: str, comment_id: int, **body):
        if self.voter is not None and "voter" not in body:
            body["voter"] = self.voter
        body = {name: value for name, value in body.items() if value is not ...}
        response = self.client.open(
            f"/api/comments/{comment_id}/likes",
            method=method,
            json=body,
            headers=self._headers(None),
            environ_base={"REMOTE_ADDR": self.address},
        )
        self.responses.append(response)
        assert_matches_spec(response, method, LIKES)
        return response

    def like(self, comment_id: int, **body):
        return self._vote("POST", comment_id, **body)

    def unlike(self, comment_id: int, **body):
        return self._vote("DELETE", comment_id, **body)

    def pages(self, url: str = ARTICLE, **params) -> list[list[dict]]:
        """Every page of a thread, following `next` (between pages, `between(n)` runs)."""
        between = params.pop("between", None)
        pages, cursor = [], None
        while True:
            extra = {"cursor": cursor} if cursor else {}
            body = self.thread(url, **params, **extra).get_json()
            pages.append(body["comments"])
            cursor = body["next"]
            if cursor is None:
                return pages
            if between is not None:
                between(len(pages))
