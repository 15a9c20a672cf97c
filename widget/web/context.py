"""The request, read in one place: the handlers build the values the use cases take.

Below the handlers nothing reads Flask's `request` or `g`: use cases get a `Client`, a
language, an origin, a payload. Importers, the mail worker and the CLI build their own.
"""

from __future__ import annotations

import ipaddress
import json
from functools import lru_cache

from flask import Flask, current_app, g, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.exceptions import RequestEntityTooLarge

from widget.core.clients import Address, Client, network_of
from widget.core.refusals import Refused
from widget.i18n import _, pick, request_chosen
from widget.sites.registry import SiteInfo, unchecked_registry

USER_AGENT_MAX = 500
REFERRER_MAX = 2048


def client_address() -> Address | None:
    """The client's address (already rewritten by ProxyFix for trusted proxies)."""
    return address_of(request.remote_addr)


def address_of(remote_addr: str | None) -> Address | None:
    """A WSGI REMOTE_ADDR as an address (an IPv4-mapped IPv6 address as IPv4), or None."""
    try:
        address = ipaddress.ip_address(remote_addr or "")
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def rate_limit_key() -> str:
    """flask-limiter's key: one IPv4 address, or one IPv6 /64 (as `Client.limit_key`)."""
    return limit_key_of(request.remote_addr)


@lru_cache(maxsize=4096)
def limit_key_of(remote_addr: str | None) -> str:
    """The rate-limit key of a WSGI REMOTE_ADDR (the same few addresses come again and again)."""
    return network_of(address_of(remote_addr), 32, 64)


def header_text(name: str, limit: int) -> str:
    """A request header as stored or passed on: controls removed, at most `limit` characters."""
    value = request.headers.get(name, "")
    return "".join(char for char in value if char.isprintable())[:limit]


def request_language(requested: object = None) -> str:
    """The `lang` asked for (the widget sends `data-lang`, else the page's `<html lang>`),
    else the browser's best match, else English: from here on, the request's language."""
    chosen = g.get("tertulia_language")
    if chosen and not isinstance(requested, str):  # asked again, without a `lang`: the same
        return chosen
    browser = [code for code, _quality in request.accept_languages]
    return request_chosen(pick(requested, browser=browser))


def current_client(lang: object = None) -> Client:
    """The client of this request, answered in `lang` (or its browser's language)."""
    return Client(
        address=client_address(),
        user_agent=header_text("User-Agent", USER_AGENT_MAX),
        referrer=header_text("Referer", REFERRER_MAX),
        language=request_language(lang),
        browser_language=request.accept_languages.best or "",
    )


def request_origin() -> str | None:
    """The `Origin` header, or None when absent, opaque ("null") or not printable ASCII."""
    return origin_of_header(request.headers.get("Origin"))


def origin_of_header(origin: str | None) -> str | None:
    """An `Origin` header's value, or None when absent, opaque or not printable ASCII."""
    if not origin or origin == "null" or not (origin.isascii() and origin.isprintable()):
        return None
    return origin


def bearer_token() -> str | None:
    """The `Authorization: Bearer …` credential of a signed-in reader, or None.

    Only ever read from this header: never from a URL (logged, shared, kept in history)
    nor a cookie (third-party cookies are blocked by Safari and Firefox).
    """
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def read_json_object() -> dict:
    """The request body as a JSON object, or the matching refusal (413 first)."""
    if request.mimetype != "application/json":
        raise Refused("unsupported_media_type", _("Send the request body as application/json."))
    raw = request.get_data(cache=False)  # raises 413 above MAX_CONTENT_LENGTH, before parsing
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    # A streamed (chunked) body is cut at the limit rather than refused: refuse it here.
    if request.content_length is None and len(raw) >= limit and request.stream.read(1):
        raise RequestEntityTooLarge()
    try:
        payload = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise Refused("invalid_json", _("The request body is not valid UTF-8.")) from exc
    except RecursionError as exc:
        raise Refused("invalid_json", _("The request body is nested too deeply.")) from exc
    except ValueError as exc:
        raise Refused("invalid_json", _("The request body is not valid JSON.")) from exc
    if not isinstance(payload, dict):
        raise Refused("invalid_json", _("The request body must be a JSON object."))
    return payload


def is_secure() -> bool:
    """Did the request come over https (or the settings say to act as if)?"""
    return bool(current_app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, marked Secure whenever the request came over https.

    The JSON API never uses the session: it gets none (no cookie parsing, no signature).
    """

    def open_session(self, app: Flask, request):
        if request.path.startswith("/api/"):
            return self.make_null_session(app)
        return super().open_session(app, request)

    def get_cookie_secure(self, app: Flask) -> bool:
        return is_secure()


def caller_site() -> SiteInfo | None:
    """The site that registered the request's `Origin`, if any (no query)."""
    origin = request_origin()
    return unchecked_registry().by_origin.get(origin) if origin else None
