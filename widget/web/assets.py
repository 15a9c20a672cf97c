"""Static files served from memory, compressed once per process (embed.js, embed-tools.js)."""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass

from flask import Response, current_app, request

from .compression import chosen_encoding, encode


@dataclass(frozen=True)
class Asset:
    stamp: tuple[float, int]
    etag: str
    encoded: dict[str | None, bytes]


_lock = threading.Lock()
VERSION_LENGTH = 10  # hex digits of the file's SHA-256 that version its URL
IMMUTABLE_MAX_AGE = 365 * 24 * 3600


def _load(path: str) -> Asset:
    """The file and its compressed forms; read again when it changes on disk."""
    key = f"tertulia.asset:{path}"
    status = os.stat(path)
    stamp = (status.st_mtime, status.st_size)
    asset = current_app.extensions.get(key)
    if asset is None or asset.stamp != stamp:
        with _lock:
            with open(path, "rb") as handle:
                raw = handle.read()
            encoded = {None: raw, "gzip": encode(raw, "gzip")}
            try:
                encoded["br"] = encode(raw, "br")
            except AttributeError:  # no Brotli here
                pass
            etag = hashlib.sha256(raw).hexdigest()[:16]
            asset = Asset(stamp, etag, encoded)
            current_app.extensions[key] = asset
    return asset


def serve(name: str, mimetype: str, max_age: int) -> Response:
    """A file of the static folder, in the encoding the client accepts, with its ETag."""
    asset = _load(os.path.join(current_app.static_folder, name))
    headers = {"Cache-Control": f"public, max-age={max_age}"}
    # embed.js names the second file with its hash (?v=): that URL's content never changes.
    if request.args.get("v") == asset.etag[:VERSION_LENGTH]:
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
