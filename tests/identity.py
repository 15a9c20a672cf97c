"""Helpers of the verified-commenter tests: a site's SSO secret, tokens its backend signs."""

from __future__ import annotations

import time

import jwt

from tests.actions import ARTICLE, Api


def sso_secret(runner, origin: str, rotate: bool = False) -> list[str]:
    """The secrets `sites sso ORIGIN` prints (the current one first)."""
    result = runner.invoke(args=["sites", "sso", origin, *(["--rotate"] if rotate else [])])
    assert result.exit_code == 0, result.output
    return [line.split("\t")[0] for line in result.output.splitlines()]


def sso_token(secret: str, sub: str = "u-1", name: str = "Rosa Lectora", **claims) -> str:
    """A token as the site's backend signs it; `claims` override (None removes one)."""
    now = int(time.time())
    body = {"sub": sub, "name": name, "iat": now, "exp": now + 3600, **claims}
    body = {key: value for key, value in body.items() if value is not None}
    return jwt.encode(body, secret, algorithm="HS256")


class Reader(Api):
    """A reader's browser on the blog that holds a sign-in token."""

    def __init__(self, client, origin: str, token: str, address: str = "203.0.113.90") -> None:
        super().__init__(client, origin, address, {"Authorization": f"Bearer {token}"})

    def sign_in(self, url: str = ARTICLE):
        return self.post("/api/session", json={"url": url})

    def post_as_signed_in(self, **fields):
        """POST /api/comments without name or email (the profile's are used)."""
        return self.post_comment(name=..., email=..., **fields)

    def patch(self, comment_id: int, **body):
        return self._checked(
            self.client.patch(
                f"/api/comments/{comment_id}",
                json=body,
                headers=self._headers(None),
                environ_base={"REMOTE_ADDR": self.address},
            ),
            "patch",
            "/api/comments/{comment_id}",
        )

    def delete(self, comment_id: int, **body):
        return self._checked(
            self.client.delete(
                f"/api/comments/{comment_id}",
                json=body,
                headers=self._headers(None),
                environ_base={"REMOTE_ADDR": self.address},
            ),
            "delete",
            "/api/comments/{comment_id}",
        )
