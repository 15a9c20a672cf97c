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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from flask import Flask, Response, current_app, request

from widget import storage
from widget.sites.registry import SiteInfo, registry, site_for_page, unchecked_registry
from widget.sites.stories import public_story, story_of

from . import metrics
from .compression import MIN_SIZE, chosen_encoding, encode
from .context import request_origin

FRAGMENT_MAX_AGE = 60  # seconds, as before there was an ETag
# The WSGI environ's note of the thread's state the fast path read: ((site id, key), state).
THREAD_STATE = "tertulia.thread_state"


# What a cached page costs beyond its bytes: the key, the Page, the dictionary's slots.
ENTRY_OVERHEAD = 600


@dataclass
class Page:
    tag: str
    body: bytes
    encoded: dict[str, bytes] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Bytes the page holds in memory, its compressed forms included."""
        return len(self.body) + sum(map(len, self.encoded.values())) + ENTRY_OVERHEAD


class PageCache:
    """The most recently used rendered pages of one process: at most `size` of them and
    `budget` bytes (bodies, compressed forms and keys), the least recently used going first."""

    def __init__(self, size: int, budget: int) -> None:
        self.size = size
        self.budget = budget
        self.bytes = 0
        self._pages: OrderedDict[tuple, tuple[Page, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._pages)

    def get(self, key: tuple, tag: str) -> Page | None:
        with self._lock:
            found = self._pages.get(key)
            if found is None or found[0].tag != tag:
                return None
            self._pages.move_to_end(key)
            return found[0]

    def put(self, key: tuple, page: Page) -> None:
        with self._lock:
            self._store(key, page)

    def add_encoding(self, key: tuple, page: Page, encoding: str, data: bytes) -> None:
        """Keep a compressed form beside its page, counted against the budget."""
        with self._lock:
            page.encoded[encoding] = data
            if self._pages.get(key, (None,))[0] is page:
                self._store(key, page)

    def _store(self, key: tuple, page: Page) -> None:
        old = self._pages.pop(key, None)
        if old is not None:
            self.bytes -= old[1]
        cost = page.size + sum(len(part) for part in key if isinstance(part, str))
        if self.size <= 0 or cost > self.budget:
            return  # too big to keep: served, not cached
        self._pages[key] = (page, cost)
        self.bytes += cost
        while len(self._pages) > self.size or self.bytes > self.budget:
            _, (_, freed) = self._pages.popitem(last=False)
            self.bytes -= freed


def page_cache(app: Flask) -> PageCache:
    """The app's page cache in this process (made on first use)."""
    extensions = app.extensions
    if "tertulia.pages" not in extensions:
        config = app.config
        budget = int(config["READ_CACHE_MB"] * 1024 * 1024)
        extensions["tertulia.pages"] = PageCache(config["READ_CACHE_PAGES"], budget)
    return extensions["tertulia.pages"]


def _cache() -> PageCache:
    return page_cache(current_app)


def release(app: Flask) -> str:
    """A short hash of what else shapes a page: settings echoed in it."""
    extensions = app.extensions
    if "tertulia.release" not in extensions:
        config = app.config
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

    @property
    def story(self) -> dict:
        """The thread's effective settings, as a read shows them."""
        return public_story(story_of(self.site, self.state if self.state.thread_id else None))

    def tag(self, *parts: object, app: Flask | None = None) -> str:
        state = self.state
        fields = (self.site.id, state.thread_id or 0, state.version, state.sites_version)
        shaping = release(app or current_app)
        return ".".join(map(str, (*fields, int(self.closed), shaping, *parts)))


def view_thread(url: str, key: str, from_embed: bool = True) -> ThreadView:
    """Resolve the site and read the thread's state: one query when nothing changed."""
    caller = request_origin() if from_embed else None
    site = site_for_page(url, caller, checked=False)
    seen = unchecked_registry()
    known = request.environ.get(THREAD_STATE)  # read a moment ago by web/fast_reads.py
    if known is not None and known[0] == (site.id, key):
        state = known[1]
    else:
        state = storage.thread_state(site.id, key)
    if registry(state.sites_version) is not seen:  # the sites changed: resolve again
        site = site_for_page(url, caller)
        state = storage.thread_state(site.id, key)
    return ThreadView(site, state, is_closed(site, state))


def is_closed(site: SiteInfo, state: storage.ThreadState) -> bool:
    """Closed by a moderator or the CMS, or older than its "close after N days" (the
    thread's or the site's, from the article's publication or the first comment)."""
    if state.closed:
        return True
    return story_of(site, state if state.thread_id else None).closed


def cache_control(config: Mapping | None = None) -> str:
    """`no-cache` (revalidate every time: a 304 is cheap), or a short shared max-age."""
    config = config if config is not None else current_app.config
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
        response = Response(status=304, headers=headers, mimetype=mimetype)
        response.encoded_by_us = True
        return response
    cache = _cache()
    page = cache.get(key, tag)
    metrics.observe_cache(current_app, page is not None)
    if page is None:
        page = Page(tag, render())
        cache.put(key, page)
    body, encoding = page.body, chosen_encoding()
    if encoding is not None and len(body) >= MIN_SIZE:
        if encoding not in page.encoded:
            cache.add_encoding(key, page, encoding, encode(body, encoding))
        body = page.encoded[encoding]
        headers["Content-Encoding"] = encoding
    response = Response(body, mimetype=mimetype, headers=headers)
    response.encoded_by_us = True  # the compression hook leaves it alone
    return response
