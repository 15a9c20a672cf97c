"""What an import did and did not do, counted for the operator."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from widget.storage.models import COMMENT_STATUSES

SKIP_REASONS = ("pingback", "trackback", "orphan", "duplicate", "empty")
CHANGES = (
    "blank email",
    "parent missing",
    "depth capped",
    "name replaced",
    "website dropped",
    "text cleaned",
)
EXAMPLES = 5


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

    @property
    def imported(self) -> int:
        return sum(self.statuses.values())

    def lines(self) -> list[str]:
        """The report as the commands print it."""
        dry = " (dry run: nothing was stored)" if self.dry_run else ""
        lines = [f"Import from {self.system}: {self.file}{dry}"]
        if self.sites_created:
            lines.append(f"Sites created: {self.sites_created}")
        lines.append(f"Threads: {self.threads_created} created, {self.threads_matched} matched")
        statuses = ", ".join(f"{self.statuses[s]} {s}" for s in COMMENT_STATUSES)
        lines.append(f"Comments imported: {self.imported} ({statuses})")
        lines.append(
            f"Skipped: {sum(self.skipped.values())} ("
            + ", ".join(f"{self.skipped[r]} {r}" for r in SKIP_REASONS)
            + ")"
        )
        lines.append(
            f"Kept with changes: {sum(self.changed.values())} ("
            + ", ".join(f"{self.changed[c]} {c}" for c in CHANGES)
            + ")"
        )
        outside = sum(self.outside.values())
        line = f"URLs outside the site: {outside}"
        if outside:
            origins = ", ".join(sorted(self.outside)[:EXAMPLES])
            line += f" (from {origins}; moved to {self.moved_to})"
        lines.append(line)
        return lines
