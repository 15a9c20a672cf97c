"""Keyed hashes (HMAC with the server's secret) and authors' edit tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app


def keyed_hash(purpose: str, value: str) -> str:
    """HMAC-SHA256 with the server secret: not reversible with lookup tables."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def avatar_seed(site_id: int, email: str) -> str:
    """A stable identicon seed for a normalised email, different on every site
    (so one commenter cannot be followed across the sites of one server)."""
    return keyed_hash("avatar", f"{site_id}:{email.lower()}")[:24]


def new_edit_token() -> tuple[str, str]:
    """A random edit token and the hash we store (the token itself never is)."""
    token = secrets.token_urlsafe(32)
    return token, hash_edit_token(token)


def hash_edit_token(token: str) -> str:
    # The token has 256 random bits, so a plain hash is safe and lookups stay exact.
    return hashlib.sha256(token.encode()).hexdigest()
