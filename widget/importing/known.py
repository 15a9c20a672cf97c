"""What a file holds that is imported already: found a thread's worth at a time (one query
per thread, not one per comment), and what this run placed (a later copy is a duplicate)."""

from __future__ import annotations

from collections.abc import Iterable

from widget import storage
from widget.storage.imports import Placed


class Known:
    """(site id, system, source id) -> where that comment sits, for the keys looked up."""

    def __init__(self) -> None:
        self.placed: dict[tuple[int, str, str], Placed] = {}
        self.checked: set[tuple[int, str, str]] = set()
        self.expected: list[tuple[str, str]] = []  # the current thread's keys
        # (site id, system) -> whether the site had comments imported from that system before
        # this run: when it had none (a first import), nothing needs looking up.
        self.before: dict[tuple[int, str], bool] = {}

    def expect(self, sources: Iterable[tuple[str, str]]) -> None:
        """The keys of the thread about to be placed: looked up together on the first find."""
        self.expected = list(sources)

    def find(self, site_id: int, source: tuple[str, str]) -> Placed | None:
        key = (site_id, *source)
        if key not in self.checked and self._imported_before(site_id, source[0]):
            wanted = [s for s in [source, *self.expected] if (site_id, *s) not in self.checked]
            for (system, source_id), placed in storage.find_imported_many(site_id, wanted).items():
                self.placed[(site_id, system, source_id)] = placed
            self.checked.update((site_id, *s) for s in wanted)
        return self.placed.get(key)

    def _imported_before(self, site_id: int, system: str) -> bool:
        # Asked on the first key of a (site, system): before this run stored any of them.
        known = self.before.get((site_id, system))
        if known is None:
            known = self.before[(site_id, system)] = storage.has_imported(site_id, system)
        return known

    def add(self, site_id: int, source: tuple[str, str], placed: Placed) -> None:
        """A comment this run stored: the same key later in the file is a duplicate."""
        self.placed[(site_id, *source)] = placed
        self.checked.add((site_id, *source))
