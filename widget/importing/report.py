"""What an import did and did not do, counted for the operator."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from widget.i18n import N_, ngettext
from widget.i18n import gettext as _
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
# "3 published", "1 duplicate" in the operator's language: the codes above, counted.
COUNTED = {
    "published": lambda n: ngettext("{n} published", "{n} published", n),
    "pending": lambda n: ngettext("{n} pending", "{n} pending", n),
    "spam": lambda n: ngettext("{n} spam", "{n} spam", n),
    "deleted": lambda n: ngettext("{n} deleted", "{n} deleted", n),
    "shadow": lambda n: ngettext("{n} shadow", "{n} shadow", n),
    "pingback": lambda n: ngettext("{n} pingback", "{n} pingback", n),
    "trackback": lambda n: ngettext("{n} trackback", "{n} trackback", n),
    "orphan": lambda n: ngettext("{n} orphan", "{n} orphan", n),
    "duplicate": lambda n: ngettext("{n} duplicate", "{n} duplicate", n),
    "empty": lambda n: ngettext("{n} empty", "{n} empty", n),
    "too long": lambda n: ngettext("{n} too long", "{n} too long", n),
    "blank email": lambda n: ngettext("{n} blank email", "{n} blank email", n),
    "parent missing": lambda n: ngettext("{n} parent missing", "{n} parent missing", n),
    "depth capped": lambda n: ngettext("{n} depth capped", "{n} depth capped", n),
    "name replaced": lambda n: ngettext("{n} name replaced", "{n} name replaced", n),
    "website dropped": lambda n: ngettext("{n} website dropped", "{n} website dropped", n),
    "text cleaned": lambda n: ngettext("{n} text cleaned", "{n} text cleaned", n),
    "date unreadable": lambda n: ngettext("{n} date unreadable", "{n} date unreadable", n),
    "held: protected post": lambda n: ngettext(
        "{n} held: protected post", "{n} held: protected post", n
    ),
    "deleted: thread deleted": lambda n: ngettext(
        "{n} deleted: thread deleted", "{n} deleted: thread deleted", n
    ),
}
NAMED_LABELS = {"date unreadable": N_("Date unreadable"), "too long": N_("Too long")}


def counted(code: str, n: int) -> str:
    """ "3 published" in the current language (the code itself when it has no text)."""
    return COUNTED[code](n) if code in COUNTED else f"{n} {code}"


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
    kept_settings: set = field(default_factory=set)  # names of sites that existed already
    needs_sso_secret: set = field(default_factory=set)  # origins of new SSO-only sites

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
        """The report as the commands print it, in the current language."""
        heading = _("Import from {system}: {file}", system=self.system, file=self.file)
        if self.dry_run:
            heading += " " + _("(dry run: nothing was stored)")
        lines = [heading]
        if self.sites_created:
            lines.append(_("Sites created: {n}", n=self.sites_created))
        lines.append(
            _(
                "Threads: {created} created, {matched} matched",
                created=self.threads_created,
                matched=self.threads_matched,
            )
        )
        # The four every import can give, then any other (a shadowed comment of our export).
        statuses = ", ".join(
            counted(s, self.statuses[s])
            for s in COMMENT_STATUSES
            if s in ALWAYS_LISTED or self.statuses[s]
        )
        lines.append(_("Comments in the file: {n}", n=self.total))
        lines.append(_("Comments imported: {n} ({counts})", n=self.imported, counts=statuses))
        skipped = ", ".join(counted(r, self.skipped[r]) for r in SKIP_REASONS)
        lines.append(_("Skipped: {n} ({counts})", n=sum(self.skipped.values()), counts=skipped))
        changed = ", ".join(counted(c, self.changed[c]) for c in CHANGES)
        lines.append(
            _("Kept with changes: {n} ({counts})", n=self.changed_comments, counts=changed)
        )
        for what, ids in self.named.items():
            shown = ", ".join(ids[:NAMED_MAX])
            if len(ids) > NAMED_MAX:
                shown += " " + _("and {n} more", n=len(ids) - NAMED_MAX)
            lines.append(f"{_(NAMED_LABELS[what]) if what in NAMED_LABELS else what}: {shown}")
        outside = sum(self.outside.values())
        line = _("URLs outside the site: {n}", n=outside)
        if outside:
            origins = ", ".join(sorted(self.outside)[:EXAMPLES])
            line += " " + _(
                "(from {origins}; moved to {target})", origins=origins, target=self.moved_to
            )
        lines.append(line)
        for name in sorted(self.kept_settings):
            lines.append(
                _(
                    "The site {site} was registered already: its settings stay as they are "
                    "(the file's were not applied).",
                    site=repr(name),
                )
            )
        for origin in sorted(self.needs_sso_secret):
            lines.append(
                _(
                    "{origin} takes only readers signed in by the site (SSO): make its secret "
                    "with `tertulia sites sso {origin}` for the site's backend.",
                    origin=origin,
                )
            )
        return lines
