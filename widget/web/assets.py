"""Static files served from memory, compressed once per process (embed.js, embed-tools.js).

The widget's scripts stay hand-written and commented in the repository; what goes out is
the same code without its comments and indentation (rjsmin: whitespace and comments only,
no renaming, no rewriting), then compressed at the strongest settings, once per process.
The widget's size budget (tests/test_embed_asset.py) is measured on these served bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from dataclasses import dataclass

import rjsmin
from flask import Response, current_app, request

from .compression import chosen_encoding

try:  # Brotli is optional: without it, clients get gzip.
    import brotli
except ImportError:  # pragma: no cover - installed with the project
    brotli = None


@dataclass(frozen=True)
class Asset:
    stamp: tuple[float, int]
    etag: str
    version: str  # of the source file, as embed.js names embed-tools.js (?v=)
    encoded: dict[str | None, bytes]


_lock = threading.Lock()
VERSION_LENGTH = 10  # hex digits of the file's SHA-256 that version its URL
IMMUTABLE_MAX_AGE = 365 * 24 * 3600


def served_bytes(source: bytes, name: str) -> bytes:
    """What goes out for a static file: scripts without comments and indentation."""
    if name.endswith(".js"):
        return rjsmin.jsmin(source.decode("utf-8")).encode("utf-8")
    return source


def _load(path: str) -> Asset:
    """The file and its compressed forms; read again when it changes on disk."""
    key = f"tertulia.asset:{path}"
    status = os.stat(path)
    stamp = (status.st_mtime, status.st_size)
    asset = current_app.extensions.get(key)
    if asset is None or asset.stamp != stamp:
        with _lock:
            with open(path, "rb") as handle:
                source = handle.read()
            raw = served_bytes(source, path)
            # Compressed once per process: the strongest settings cost nothing per request.
            encoded = {None: raw, "gzip": gzip.compress(raw, compresslevel=9, mtime=0)}
            if brotli is not None:
                encoded["br"] = brotli.compress(raw, quality=11)
            etag = hashlib.sha256(raw).hexdigest()[:16]
            version = hashlib.sha256(source).hexdigest()[:VERSION_LENGTH]
            asset = Asset(stamp, etag, version, encoded)
            current_app.extensions[key] = asset
    return asset


def serve(name: str, mimetype: str, max_age: int) -> Response:
    """A file of the static folder, in the encoding the client accepts, with its ETag."""
    asset = _load(os.path.join(current_app.static_folder, name))
    headers = {"Cache-Control": f"public, max-age={max_age}"}
    # embed.js names the second file with its hash (?v=): that URL's content never changes.
    if request.args.get("v") == asset.version:
        headers["Cache-Control"] = f"public, max-age={IMMUTABLE_MAX_AGE}, immutable"
    encoding = chosen_encoding()
    if encoding not in asset.encoded:
        encoding = None
    # One ETag per representation (RFC 9110): the encoding is part of it.
    headers["ETag"] = f'"{asset.etag}{"-" + encoding if encoding else ""}"'
    if request.if_none_match.contains_weak(headers["ETag"].strip('"')):
        response = Response(status=304, headers=headers)
    else:
        response = Response(asset.encoded[encoding], mimetype=mimetype, headers=headers)
        if encoding:
            response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    return response
