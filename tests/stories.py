"""What a site's CMS does with the admin API: a token from the command line, then PUTs."""

from __future__ import annotations

from tests.actions import ARTICLE
from tests.openapi_check import assert_matches_spec


def create_token(runner, *scopes: str, origin: str = "https://blog.example.org") -> str:
    """`tertulia tokens create ORIGIN --scope …`: the token it prints once."""
    args = ["tokens", "create", origin]
    for scope in scopes:
        args += ["--scope", scope]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


class Cms:
    """A CMS's server: no Origin, a bearer token."""

    def __init__(self, client, token: str | None) -> None:
        self.client = client
        self.token = token

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def put(self, body, url: str = ARTICLE, **params):
        """PUT /api/admin/threads?url=… with a JSON body of settings."""
        response = self.client.put(
            "/api/admin/threads",
            query_string={"url": url, **params},
            json=body,
            headers=self._headers(),
        )
        assert_matches_spec(response, "put", "/api/admin/threads")
        return response

    def comments(self, url: str = ARTICLE, **params):
        """GET /api/admin/comments?url=…"""
        response = self.client.get(
            "/api/admin/comments", query_string={"url": url, **params}, headers=self._headers()
        )
        assert_matches_spec(response, "get", "/api/admin/comments")
        return response
