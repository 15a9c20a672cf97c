"""Thread pages served from rendered bytes, checked against the thread's version.

A page (JSON for the widget, or the HTML fragment) is rendered once per version of
its thread and kept, with its compressed forms, in each process. Every request asks
the database for the thread's version and the sites counter in one query: a write
anywhere (another worker, another instance) changes them, so no process serves a
stale page. The version is also the ETag: a client or a CDN that has the page gets
an empty 304.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from flask import Response, current_app, request

from widget import storage
from widget.sites.registry import SiteInfo, registry, site_for_page, unchecked_registry
from widget.storage.models import utcnow

from .compression import chosen_encoding, encode
from .context import request_origin

FRAGMENT_MAX_AGE = 60  # seconds, as before there was an ETag


@dataclass
class Page:
    tag: str
    body: bytes
    encoded: dict[str, bytes] = field(default_factory=dict)


class PageCache:
    """The most recently used rendered pages of one process, at most `size` of them."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[tuple, Page] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, tag: str) -> Page | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None or page.tag != tag:
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: Page) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


def _cache() -> PageCache:
    extensions = current_app.extensions
    if "tertulia.pages" not in extensions:
        extensions["tertulia.pages"] = PageCache(current_app.config["READ_CACHE_PAGES"])
    return extensions["tertulia.pages"]


def _release() -> str:
    """A short hash of what else shapes a page: settings echoed in it."""
    extensions = current_app.extensions
    if "tertulia.release" not in extensions:
        config = current_app.config
        shaping = [
            config[name]
            for name in ("MAX_COMMENT_LENGTH", "MAX_REPLY_DEPTH", "EDIT_WINDOW_MINUTES")
        ]
        extensions["tertulia.release"] = hashlib.sha256(repr(shaping).encode()).hexdigest()[:8]
    return extensions["tertulia.release"]


@dataclass(frozen=True)
class ThreadView:
    """A thread as one read sees it: its site, its row's state, and whether it is closed."""

    site: SiteInfo
    state: storage.ThreadState
    closed: bool

    def tag(self, *parts: object) -> str:
        state = self.state
        fields = (self.site.id, state.thread_id or 0, state.version, state.sites_version)
        return ".".join(map(str, (*fields, int(self.closed), _release(), *parts)))


def view_thread(url: str, key: str, from_embed: bool = True) -> ThreadView:
    """Resolve the site and read the thread's state: one query when nothing changed."""
    caller = request_origin() if from_embed else None
    site = site_for_page(url, caller, checked=False)
    seen = unchecked_registry()
    state = storage.thread_state(site.id, key)
    if registry(state.sites_version) is not seen:  # the sites changed: resolve again
        site = site_for_page(url, caller)
        state = storage.thread_state(site.id, key)
    closed = state.closed
    if not closed and site.close_after_days and state.created_at is not None:
        closed = utcnow() > state.created_at + timedelta(days=site.close_after_days)
    return ThreadView(site, state, closed)


def cache_control() -> str:
    """`no-cache` (revalidate every time: a 304 is cheap), or a short shared max-age."""
    config = current_app.config
    max_age, stale = int(config["READ_MAX_AGE"]), int(config["READ_STALE_WHILE_REVALIDATE"])
    if max_age <= 0:
        return "no-cache"
    return f"public, max-age={max_age}" + (f", stale-while-revalidate={stale}" if stale else "")


def fragment_cache_control() -> str:
    """The HTML fragment is for sites' servers and shared caches: public, a minute at least."""
    config = current_app.config
    max_age = max(FRAGMENT_MAX_AGE, int(config["READ_MAX_AGE"]))
    stale = int(config["READ_STALE_WHILE_REVALIDATE"])
    return f"public, max-age={max_age}" + (f", stale-while-revalidate={stale}" if stale else "")


def serve(
    key: tuple, tag: str, render: Callable[[], bytes], mimetype: str, control: str | None = None
) -> Response:
    """The page for `key` at `tag`: 304 when the client has it, else cached or rendered bytes."""
    etag = f'W/"{tag}"'
    headers = {
        "ETag": etag,
        "Cache-Control": control or cache_control(),
        "Vary": "Accept-Encoding",
    }
    if request.if_none_match.contains_weak(tag):  # weak comparison, as for GET
        response = Response(status=304, headers=headers)
        response.encoded_by_us = True
        return response
    cache = _cache()
    page = cache.get(key, tag)
    if page is None:
        page = Page(tag, render())
        cache.put(key, page)
    body, encoding = page.body, chosen_encoding()
    if encoding is not None and len(body) >= 1024:
        if encoding not in page.encoded:
            page.encoded[encoding] = encode(body, encoding)
        body = page.encoded[encoding]
        headers["Content-Encoding"] = encoding
    response = Response(body, mimetype=mimetype, headers=headers)
    response.encoded_by_us = True  # the compression hook leaves it alone
    return response
