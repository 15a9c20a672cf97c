"""Canonical page URLs: one thread per article however the link was shared."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from flask import current_app, url_for

from widget.i18n import gettext as _

MAX_URL_LENGTH = 2048
DEFAULT_PORTS = {"http": 80, "https": 443}
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid"})
# Characters a URL may keep as they are; everything else is percent-encoded, so
# that two spellings of one address give one key.
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"


def _is_tracking(name: str) -> bool:
    return name.lower().startswith("utm_") or name.lower() in TRACKING_PARAMETERS


def _host(hostname: str) -> str:
    try:
        return hostname.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValueError(_("The URL's host name is not valid.")) from exc


def split_page_url(url: str):
    """Parse an absolute http(s) URL, raising ValueError with a reason."""
    if not isinstance(url, str) or not url.strip():
        raise ValueError(_("A page URL is required."))
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(_("The page URL is longer than {n} characters.", n=MAX_URL_LENGTH))
    if not url.strip().isprintable():  # NUL, CR, LF and other controls: never stored
        raise ValueError(_("The page URL contains control characters."))
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise ValueError(_("The page URL is not a valid URL.")) from exc
    if parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(_("The page URL must be an absolute http:// or https:// URL."))
    return parts, port


@lru_cache(maxsize=4096)
def origin_of(url: str) -> str:
    """`scheme://host[:port]` of a page URL, lower-cased, default port dropped."""
    parts, port = split_page_url(url)
    return make_origin(parts.scheme, parts.hostname, port)


def make_origin(scheme: str, hostname: str, port: int | None) -> str:
    scheme = scheme.lower()
    host = _host(hostname.lower())
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}:{port}"
    return f"{scheme}://{host}"


def normalize_origin(value: str) -> str:
    """Validate an origin as an operator types it (`https://blog.example.org`)."""
    try:
        parts, port = split_page_url(value)
    except ValueError as exc:
        raise ValueError(
            _(
                "{value} is not an origin: give scheme, host and port, as https://blog.example.org.",
                value=repr(value),
            )
        ) from exc
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ValueError(
            _("{value} is not an origin: give only scheme, host and port.", value=repr(value))
        )
    return make_origin(parts.scheme, parts.hostname, port)


def canonical_url(url: str) -> str:
    """The thread key of a page: see README, "Threads"."""
    parts, port = split_page_url(url)
    try:
        path = quote(parts.path or "/", safe=_SAFE_PATH)
        query_pairs = parse_qsl(parts.query, keep_blank_values=True)
        query = urlencode(sorted(p for p in query_pairs if not _is_tracking(p[0])), quote_via=quote)
    except UnicodeError as exc:
        raise ValueError(_("The page URL contains characters that are not allowed.")) from exc
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    origin = make_origin(parts.scheme, parts.hostname, port)
    scheme, netloc = origin.split("://", 1)
    canonical = urlunsplit((scheme, netloc, path, query, ""))
    if len(canonical) > MAX_URL_LENGTH:  # percent-encoding can make it grow
        raise ValueError(
            _("The page URL is longer than {n} characters once encoded.", n=MAX_URL_LENGTH)
        )
    return canonical


def public_base(value: str) -> str:
    """A public base URL as configured: absolute http(s), no query or fragment, no final /."""
    parts, _port = split_page_url(value)
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(
            _("{value} must be a base URL such as https://comments.example.org.", value=repr(value))
        )
    return value.strip().rstrip("/")


def public_url_for(endpoint: str, **values) -> str:
    """A link to one of our pages: absolute from WIDGET_PUBLIC_URL, else relative.

    Never built from the request's Host or X-Forwarded-Host, which the client chooses.
    """
    path = url_for(endpoint, **values)
    base = current_app.config.get("PUBLIC_URL")
    return f"{base}{path}" if base else path


def is_safe_redirect(target: str) -> bool:
    """A path of our admin pages, with nothing that leads elsewhere or splits a header."""
    return (
        (target == "/admin" or target.startswith(("/admin/", "/admin?")))
        and target.isascii()
        and target.isprintable()
        and not any(bad in target for bad in ("//", "\\"))
    )
