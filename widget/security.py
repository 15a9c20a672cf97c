"""Client addresses, keyed hashes, rate-limit keys, and CORS for registered origins."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets

from flask import Flask, Response, current_app, request
from flask.sessions import SecureCookieSessionInterface

CORS_MAX_AGE = "86400"


def client_address() -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The client's address (already rewritten by ProxyFix for trusted proxies)."""
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _network(prefix_v4: int, prefix_v6: int) -> str:
    address = client_address()
    if address is None:
        return "unknown"
    prefix = prefix_v4 if address.version == 4 else prefix_v6
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def client_network() -> str:
    """The client's address truncated (IPv4 /24, IPv6 /48): all we ever store."""
    return _network(24, 48)


def rate_limit_key() -> str:
    """Who a rate limit counts: one IPv4 address, or one IPv6 /64 (one subscriber)."""
    return _network(32, 64)


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


def request_origin() -> str | None:
    """The `Origin` header, or None when absent or opaque ("null")."""
    origin = request.headers.get("Origin")
    return origin if origin and origin != "null" else None


def add_cors_headers(response: Response, allowed: bool) -> Response:
    """Let a registered origin read the response; preflights get methods and headers."""
    response.vary.add("Origin")
    origin = request_origin()
    if not (origin and allowed):
        return response
    response.headers["Access-Control-Allow-Origin"] = origin
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, PATCH, DELETE, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Access-Control-Max-Age"] = CORS_MAX_AGE
    response.headers["Access-Control-Expose-Headers"] = "Retry-After"
    return response


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, marked Secure whenever the request came over https.

    The JSON API never uses the session: it gets none (no cookie parsing, no signature).
    """

    def open_session(self, app: Flask, request):
        if request.path.startswith("/api/"):
            return self.make_null_session(app)
        return super().open_session(app, request)

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure
