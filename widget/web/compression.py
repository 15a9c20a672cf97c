"""gzip, and Brotli when the client asks for it, for JSON and HTML answers."""

from __future__ import annotations

import gzip
from functools import lru_cache

from flask import Response, request
from werkzeug.http import parse_accept_header

try:  # Brotli is optional: without it, clients get gzip.
    import brotli
except ImportError:  # pragma: no cover - installed with the project
    brotli = None

MIN_SIZE = 1024  # smaller bodies gain too little to pay for the work
COMPRESSIBLE = {"application/json", "text/html", "text/javascript", "text/css"}


def chosen_encoding() -> str | None:
    """`br` or `gzip`, whichever the request accepts (br first), or None."""
    return encoding_for(request.headers.get("Accept-Encoding"))


@lru_cache(maxsize=256)
def encoding_for(accept_encoding: str | None) -> str | None:
    """`br` or `gzip`, whichever an Accept-Encoding header accepts (br first), or None."""
    accepted = parse_accept_header(accept_encoding)
    if brotli is not None and accepted["br"]:
        return "br"
    if accepted["gzip"]:
        return "gzip"
    return None


def encode(body: bytes, encoding: str) -> bytes:
    """The body compressed with `encoding` (settings that suit data served many times)."""
    if encoding == "br":
        return brotli.compress(body, quality=5)
    return gzip.compress(body, compresslevel=6, mtime=0)


def add_vary(response: Response, header: str) -> None:
    """Add `header` to Vary: a plain string check, cheaper than Werkzeug's parsed set."""
    vary = response.headers.get("Vary")
    if not vary:
        response.headers["Vary"] = header
    elif header.lower() not in vary.lower():
        response.headers["Vary"] = f"{vary}, {header}"


def compress_response(response: Response) -> Response:
    """Compress a JSON or HTML answer in place when the client accepts it (after_request)."""
    # Encoded where it was made (cached thread pages, the widget's files, with their own
    # Vary), or not a full answer: nothing to do.
    if (
        getattr(response, "encoded_by_us", False)
        or response.status_code != 200
        or "Content-Encoding" in response.headers
        or response.mimetype not in COMPRESSIBLE
    ):
        return response
    add_vary(response, "Accept-Encoding")
    if response.direct_passthrough or request.method == "HEAD":
        return response
    encoding = chosen_encoding()
    body = response.get_data()
    if encoding is None or len(body) < MIN_SIZE:
        return response
    response.set_data(encode(body, encoding))
    response.headers["Content-Encoding"] = encoding
    if response.headers.get("ETag", "").startswith('"'):  # another representation: weak
        response.headers["ETag"] = "W/" + response.headers["ETag"]
    return response
