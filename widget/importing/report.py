"""What an import did and did not do, counted for the operator."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from widget.storage.models import COMMENT_STATUSES

SKIP_REASONS = ("pingback", "trackback", "orphan", "duplicate", "empty", "too long")
CHANGES = (
    "blank email",
    "parent missing",
    "depth capped",
    "name replaced",
    "website dropped",
    "text cleaned",
    "date unreadable",
    "held: protected post",
    "deleted: thread deleted",
)
ALWAYS_LISTED = ("published", "pending", "spam", "deleted")
# Changes and skips whose comments are named one by one (source ids), for the operator to check.
NAMED = ("date unreadable", "too long")
EXAMPLES = 5
NAMED_MAX = 20


@dataclass
class Report:
    system: str
    file: str
    dry_run: bool = False
    sites_created: int = 0
    threads_created: int = 0
    threads_matched: int = 0
    statuses: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    outside: Counter = field(default_factory=Counter)  # link origin -> links moved
    moved_to: str = ""
    changed_comments: int = 0  # comments stored with one change or more
    named: dict = field(default_factory=dict)  # change or skip -> source ids

    @property
    def imported(self) -> int:
        return sum(self.statuses.values())

    @property
    def total(self) -> int:
        """Every comment of the file: each was imported or skipped, once."""
        return self.imported + sum(self.skipped.values())

    def skip(self, reason: str, comment) -> None:
        """Count a comment that is not stored (its changes are not counted)."""
        self.skipped[reason] += 1
        self._name(reason, comment)

    def stored(self, comment) -> None:
        """Count a stored comment and what was changed on its way in."""
        self.statuses[comment.status] += 1
        changes = list(dict.fromkeys(comment.changes))
        if changes:
            self.changed_comments += 1
            self.changed.update(changes)
        for change in changes:
            self._name(change, comment)

    def _name(self, what: str, comment) -> None:
        if what in NAMED:  # the comment's id in the file, for the operator to find it there
            self.named.setdefault(what, []).append(comment.ref)

    def lines(self) -> list[str]:
        """The report as the commands print it."""
        dry = " (dry run: nothing was stored)" if self.dry_run else ""
        lines = [f"Import from {self.system}: {self.file}{dry}"]
        if self.sites_created:
            lines.append(f"Sites created: {self.sites_created}")
        lines.append(f"Threads: {self.threads_created} created, {self.threads_matched} matched")
        # The four every import can give, then any other (a shadowed comment of our export).
        statuses = ", ".join(
            f"{self.statuses[s]} {s}"
            for s in COMMENT_STATUSES
            if s in ALWAYS_LISTED or self.statuses[s]
        )
        lines.append(f"Comments in the file: {self.total}")
        lines.append(f"Comments imported: {self.imported} ({statuses})")
        lines.append(
            f"Skipped: {sum(self.skipped.values())} ("
            + ", ".join(f"{self.skipped[r]} {r}" for r in SKIP_REASONS)
            + ")"
        )
        lines.append(
            f"Kept with changes: {self.changed_comments} ("
            + ", ".join(f"{self.changed[c]} {c}" for c in CHANGES)
            + ")"
        )
        for what, ids in self.named.items():
            more = f" and {len(ids) - NAMED_MAX} more" if len(ids) > NAMED_MAX else ""
            lines.append(f"{what.capitalize()}: {', '.join(ids[:NAMED_MAX])}{more}")
        outside = sum(self.outside.values())
        line = f"URLs outside the site: {outside}"
        if outside:
            origins = ", ".join(sorted(self.outside)[:EXAMPLES])
            line += f" (from {origins}; moved to {self.moved_to})"
        lines.append(line)
        return lines
