"""A cached thread read, answered before Flask's dispatch.

Most requests are `GET /api/threads` for a page some worker rendered already. For
those, Flask's request and response objects, its contexts, the per-request hooks and
flask-limiter's two passes over its limits cost more than the read itself. This WSGI
layer answers such a read from the environ, doing everything the full path does for it:

- the same parameters, checked by the same functions (comments/validation.py, sorting.py);
- the read limit, counted against the same counters (web/read_limits.py);
- the host (TRUSTED_HOSTS), the site and the caller's origin, from the same registry;
- the thread's version and the sites counter, in the same one statement;
- the ETag (a 304 when the client has it), Cache-Control, Vary and CORS headers, the
  compressed form the client accepts: byte for byte the full path's answer
  (tests/test_fast_reads.py compares them).

Whatever it is not sure of (no page cached for this version, a refusal, an unusual
request) goes on to Flask unchanged, which answers as it always did; a read counted
here is marked so that Flask does not count it again.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qsl

from flask import Flask
from werkzeug.http import parse_etags
from werkzeug.wsgi import get_host

from widget import storage
from widget.comments.sorting import check_cursor, page_size, since_param, sort_param
from widget.comments.validation import int_param, page_url_param, thread_key_param
from widget.sites.registry import resolve_site

from . import metrics
from .compression import MIN_SIZE, encode, encoding_for
from .context import limit_key_of, origin_of_header
from .headers import NOSNIFF
from .limits import READ_COUNTED
from .read_limits import read_allowance
from .reads import THREAD_STATE, ThreadView, cache_control, is_closed, page_cache

PATH = "/api/threads"
Answer = tuple[str, list[tuple[str, str]], bytes]


class FastReads:
    """WSGI middleware: a cached `GET /api/threads` answered here, all else passed on."""

    def __init__(self, app: Flask, wsgi_app) -> None:
        self.app = app
        self.wsgi_app = wsgi_app

    def __call__(self, environ: dict, start_response):
        if environ.get("PATH_INFO") != PATH or environ.get("REQUEST_METHOD") != "GET":
            return self.wsgi_app(environ, start_response)
        began = time.perf_counter()
        try:
            answer = self.answer(environ)
        except Exception:  # noqa: BLE001 - a refusal, a bad host, a failing database…
            answer = None  # …Flask answers it as always: the one error shape, logged

        if answer is None:
            return self.wsgi_app(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        metrics.observe_fast_read(self.app, status, time.perf_counter() - began)
        return [body]

    def answer(self, environ: dict) -> Answer | None:
        """The full path's answer to a cached read, or None to let Flask answer."""
        app, config = self.app, self.app.config
        if config["TRUSTED_HOSTS"]:
            get_host(environ, config["TRUSTED_HOSTS"])  # SecurityError: Flask's 400
        args: dict[str, str] = {}
        for name, value in parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True):
            args.setdefault(name, value)  # the first of each, as request.args.get
        url = page_url_param(args.get("url"))
        key = thread_key_param(url, args.get("thread"))
        default, maximum = config["PAGE_SIZE"], config["MAX_PAGE_SIZE"]
        limit = int_param("limit", args.get("limit"), default, 1, maximum)
        limit = page_size(limit, default, maximum)
        sort = sort_param(args.get("sort"))
        since = since_param(args.get("since"))
        cursor = args.get("cursor") or None
        check_cursor(sort, cursor)
        origin = origin_of_header(environ.get("HTTP_ORIGIN"))
        if not self._count_read(environ):
            return None  # refused: Flask counts it once more and answers 429
        sites = app.extensions.get("tertulia.sites")
        if sites is None:
            return None
        site = resolve_site(url, origin, sites)
        engine = app.extensions["tertulia.db"][0]
        state = storage.thread_state(site.id, key, engine)
        environ[THREAD_STATE] = ((site.id, key), state)  # Flask need not read it again
        if state.sites_version != sites.version:
            return None  # the sites changed: Flask reloads them
        view = ThreadView(site, state, is_closed(site, state))
        tag = view.tag(sort, app=app)
        headers = [
            ("ETag", f'W/"{tag}"'),
            ("Cache-Control", cache_control(config)),
            ("Vary", "Accept-Encoding, Origin"),
            ("X-Content-Type-Options", NOSNIFF),
        ]
        if origin is not None:
            headers += [
                ("Access-Control-Allow-Origin", origin),
                ("Access-Control-Expose-Headers", "Retry-After"),
            ]
        matches = environ.get("HTTP_IF_NONE_MATCH")
        if matches and parse_etags(matches).contains_weak(tag):
            return "304 NOT MODIFIED", headers, b""
        cache = page_cache(app)
        cache_key = ("json", site.id, key, url, sort, since, cursor, limit)
        page = cache.get(cache_key, tag)
        if page is None:
            return None  # rendered by Flask, which keeps it for the next read
        body = page.body
        encoding = encoding_for(environ.get("HTTP_ACCEPT_ENCODING"))
        if encoding is not None and len(body) >= MIN_SIZE:
            if encoding not in page.encoded:
                cache.add_encoding(cache_key, page, encoding, encode(body, encoding))
            body = page.encoded[encoding]
            headers.append(("Content-Encoding", encoding))
        headers += [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        return "200 OK", headers, body

    def _count_read(self, environ: dict) -> bool:
        """Count the read as flask-limiter would; False when the limit refuses it."""
        allowance = read_allowance(self.app)
        if allowance is None:
            return not self.app.config["RATELIMIT_ENABLED"]  # limits on: Flask counts
        if not allowance.hit(limit_key_of(environ.get("REMOTE_ADDR"))):
            return False
        environ[READ_COUNTED] = True
        return True
