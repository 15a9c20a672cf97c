"""The importer: where each incoming thread and comment goes, and the rules on the way."""

from __future__ import annotations

from collections import deque
from urllib.parse import urlsplit, urlunsplit

from flask import current_app

from widget import storage
from widget.core.urls import canonical_url, normalize_origin, origin_of
from widget.i18n import gettext as _
from widget.sites.stories import apply_changes
from widget.storage.imports import Placed
from widget.storage.models import Site, Thread

from .arrival import Arrival
from .cleaning import FieldChecks, clean_fields
from .known import Known
from .model import ImportRefused, IncomingComment, IncomingSite, IncomingThread
from .report import Report
from .rows import Rows


class Importer:
    """Takes a file's threads and comments in any order and stores them, counting all."""

    def __init__(
        self,
        report: Report,
        site_origin: str | None,
        url_map: dict[str, str],
        *,
        source_name: str | None = None,
        include_protected: bool = False,
    ):
        self.report = report
        self.url_map = url_map
        self.arrival = Arrival(source_name, include_protected)
        self.touched: set[int] = set()  # ids of the threads that got comments
        self.max_depth = current_app.config["MAX_REPLY_DEPTH"]
        self.site, self.origin = self._target_site(site_origin)
        self.threads: dict[tuple[int, str], Thread] = {}
        self.by_link: dict[tuple, Thread] = {}  # (link, key, its site) -> thread
        self.moved: set[str] = set()  # links moved onto --site, each counted once
        self.sites: dict[str, Site | None] = {}  # origin -> its registered site
        self.placed: dict[str, Placed] = {}
        self.by_id: dict[int, Placed] = {}
        self.waiting: dict[str, list[tuple[IncomingThread, IncomingComment]]] = {}
        # Written a thousand at a time; what is known imported, looked up a thread at a time.
        self.batch = storage.CommentBatch()
        self.checks = FieldChecks()
        self.rows = Rows()
        self.known = Known()

    def _target_site(self, site_origin: str | None) -> tuple[Site | None, str | None]:
        if not site_origin:
            return None, None
        try:
            origin = normalize_origin(site_origin)
        except ValueError as exc:
            raise ImportRefused(str(exc)) from exc
        site = storage.find_site_by_origin(origin)
        if site is None:
            raise ImportRefused(
                _(
                    "--site {origin} is not a registered site; register it first "
                    "(tertulia sites add {origin}).",
                    origin=origin,
                )
            )
        self.report.moved_to = origin
        return site, origin

    # ---- threads -----------------------------------------------------------------

    def page_url(self, link: str) -> tuple[Site, str]:
        """The site and canonical URL an item's link lands on (url map, then --site)."""
        link = (link or "").strip()
        try:
            link = self.url_map.get(canonical_url(link), link)
        except ValueError:
            pass  # a relative link: only --site can place it
        parts = urlsplit(link)
        if self.site is not None:
            absolute = bool(parts.scheme and parts.netloc)
            origin = origin_of(link) if absolute else None
            if origin not in {o.origin for o in self.site.origins}:
                if link not in self.moved:
                    self.moved.add(link)
                    self.report.outside[origin or "(no origin)"] += 1
                scheme, netloc = self.origin.split("://", 1)
                link = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
            return self.site, self._canonical(link)
        url = self._canonical(link)
        site = self._registered(origin_of(url))
        if site is None:
            raise ImportRefused(
                _(
                    "The link {url} is on {origin}, which is not a registered site. "
                    "Register it (tertulia sites add ORIGIN), or give --site ORIGIN to move "
                    "every link onto a registered site. Nothing was imported.",
                    url=link,
                    origin=origin_of(url),
                )
            )
        return site, url

    def _registered(self, origin: str) -> Site | None:
        """The site of an origin, asked once per origin (a file's links share a few)."""
        site = self.sites.get(origin)
        if site is None:
            site = self.sites[origin] = storage.find_site_by_origin(origin)
        return site

    @staticmethod
    def _canonical(link: str) -> str:
        try:
            return canonical_url(link)
        except ValueError as exc:
            raise ImportRefused(
                _(
                    "The link {url} is not a page URL ({error}); give --site ORIGIN for links "
                    "without an origin, or fix it with --url-map. Nothing was imported.",
                    url=repr(link),
                    error=exc,
                )
            ) from exc

    def thread(self, incoming: IncomingThread, first_comment_at=None) -> Thread:
        """The thread for an item, created or matched on first use."""
        site = tuple(incoming.site.origins) if incoming.site else ()
        known = self.by_link.get((incoming.link, incoming.key, site))
        if known is None:
            known = self._find_or_create(incoming, first_comment_at)
            self.by_link[(incoming.link, incoming.key, site)] = known
        return known

    def _find_or_create(self, incoming: IncomingThread, first_comment_at) -> Thread:
        site = self.site_for(incoming.site) if incoming.site else None
        if site is None:
            site, url = self.page_url(incoming.link)
        else:
            url = self._canonical(incoming.link)
        key = incoming.key or url
        thread = self.threads.get((site.id, key))
        if thread is not None:
            return thread
        thread = storage.find_thread(site.id, key)
        if thread is None:
            thread = storage.create_thread(
                site.id,
                key,
                url,
                incoming.title[:300],
                incoming.closed,
                # Its age closes it on sites that close old threads: the article's, not ours.
                incoming.created_at or first_comment_at,
            )
            self.report.threads_created += 1
            if incoming.story:
                apply_changes(thread, incoming.story)
        else:
            self.report.threads_matched += 1
            if incoming.closed:
                thread.closed = True
        self.threads[(site.id, key)] = thread
        return thread

    def site_for(self, incoming: IncomingSite) -> Site:
        """The registered site owning one of the export's origins, else a new one like it."""
        try:
            origins = list(dict.fromkeys(normalize_origin(o) for o in incoming.origins))
        except ValueError as exc:
            raise ImportRefused(str(exc)) from exc
        for origin in origins:
            site = storage.find_site_by_origin(origin)
            if site is not None:
                if incoming.settings:  # our export's: they do not overwrite a live site's
                    self.report.kept_settings.add(site.name)
                return site
        if not origins:
            raise ImportRefused(
                _("The site {site} in the file has no origins.", site=repr(incoming.name))
            )
        self.report.sites_created += 1
        site = storage.create_site_with_settings(origins, name=incoming.name, **incoming.settings)
        if site.who_may_comment == "sso":  # nobody can comment until its backend signs
            self.report.needs_sso_secret.add(origins[0])
        return site

    # ---- comments ------------------------------------------------------------------

    def take(
        self, incoming: IncomingThread | IncomingSite | None, comments: list[IncomingComment]
    ) -> None:
        """Store comments of one thread (None: their thread is not in the file). Our own
        export also hands sites and threads without comments: they are created all the same."""
        if isinstance(incoming, IncomingSite):
            self.site_for(incoming)
            return
        if incoming is not None and incoming.site is not None and not comments:
            self.thread(incoming)
        for comment in comments:  # in the file's order: an unreadable date takes its neighbour's
            self.arrival.prepare(incoming, comment)
        # Their keys (with the install) are looked up together, once.
        self.known.expect(comment.source for comment in comments if comment.source is not None)
        for comment in comments:
            if comment.kind in ("pingback", "trackback"):
                self.report.skip(comment.kind, comment)
            elif incoming is None:
                self.report.skip("orphan", comment)
            elif comment.parent_ref and comment.parent_ref != comment.ref:
                if comment.parent_ref in self.placed:
                    self._place(incoming, comment, self.placed[comment.parent_ref])
                else:  # its parent comes later in the file, or never
                    self.waiting.setdefault(comment.parent_ref, []).append((incoming, comment))
            else:
                self._place(incoming, comment, None)

    def finish(self) -> None:
        """Replies whose parent never came are kept at the top level, their replies below;
        then every thread that got comments has its count, version and placeholders redone."""
        self._place_orphaned_replies()
        self.batch.flush()
        # ---- read-model bookkeeping: the threads touched, together, at the end ----
        storage.imported_threads_changed(sorted(self.touched))

    def _place_orphaned_replies(self) -> None:
        while self.waiting:
            waiting = {comment.ref for items in self.waiting.values() for _, comment in items}
            # Missing parents that are not themselves waiting: the tops of the waiting trees
            # (in a cycle of replies every one waits: then any will do).
            tops = [ref for ref in self.waiting if ref not in waiting] or [next(iter(self.waiting))]
            for ref in tops:
                for incoming, comment in self.waiting.pop(ref, []):
                    comment.changes.append("parent missing")
                    self._place(incoming, comment, None)

    def _place(self, incoming: IncomingThread, comment: IncomingComment, parent: Placed | None):
        """Store a comment, then the replies that waited for it (a queue, not recursion:
        a chain of replies can be thousands long)."""
        queue = deque([(incoming, comment, parent)])
        while queue:
            incoming, comment, parent = queue.popleft()
            thread = self.thread(incoming, comment.created_at)
            placed = self._existing(thread, comment) or self._store(thread, comment, parent)
            self.touched.add(thread.id)
            if placed is not None:
                self.placed[comment.ref] = placed
                self.by_id[placed.id] = placed
                queue.extend((i, c, placed) for i, c in self.waiting.pop(comment.ref, []))

    def _existing(self, thread: Thread, comment: IncomingComment) -> Placed | None:
        if comment.source is not None:
            found = self.known.find(thread.site_id, comment.source)
        else:
            self.batch.flush()  # the comments it compares with must be written first
            email = (comment.email or "").strip().lower()
            found = storage.find_same_comment(
                thread.id, comment.created_at, email, (comment.text or "").strip()
            )
        if found is not None:
            self.report.skip("duplicate", comment)
        return found

    def _parent(self, thread: Thread, comment: IncomingComment, parent: Placed | None):
        if parent is not None and parent.thread_id != thread.id:
            comment.changes.append("parent missing")
            return None
        capped = False
        # At the deepest level a reply joins its parent's level, as live replies do.
        while parent is not None and parent.depth + 1 >= self.max_depth:
            capped = True
            above = parent.parent_id
            parent = self.by_id.get(above) or storage.find_placed(above) if above else None
        if capped:
            comment.changes.append("depth capped")
        return parent

    def _store(self, thread: Thread, comment: IncomingComment, parent: Placed | None):
        fields = clean_fields(comment, self.report, self.checks)
        if fields is None:
            return None
        parent = self._parent(thread, comment, parent)
        placed = self.batch.add(
            thread,
            comment.source,
            self.rows.row(thread, comment, fields, parent),
            comment.hold_reasons,
        )
        self.report.stored(comment)
        if comment.source is not None:  # the same id later in the file is a duplicate
            self.known.add(thread.site_id, comment.source, placed)
        return placed
