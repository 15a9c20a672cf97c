"""Importing comments from WordPress, Disqus, Isso (its database or JSON), Remark42, Commento
and our own export: one use case.

A reader (one module per format) turns a file into threads and comments as plain values,
streaming; the Importer (placing.py) checks, renders and stores them through storage; this
module runs the whole file in one transaction, so a file that fails stores nothing.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from contextlib import nullcontext
from typing import BinaryIO

from widget import storage
from widget.core.urls import canonical_url
from widget.i18n import N_
from widget.i18n import gettext as _

from . import commento, disqus, isso, issodb, remark42, tertulia, wordpress
from .model import ImportRefused
from .packed import is_gzip, peek_inside
from .placing import Importer
from .report import Report

READERS = {
    "wordpress": (wordpress.read, "xml", 1),
    "disqus": (disqus.read, "xml", 2),  # two passes: threads, then posts
    "isso": (isso.read, "json", 1),
    "tertulia": (tertulia.read, "json", 1),
    "remark42": (remark42.read, "json", 1),  # gzipped or not
    "commento": (commento.read, "json", 2),  # two passes: commenters, then comments
}
PACKED = {"remark42", "commento"}  # the readers that take a gzip file as it is
HINTS = {
    "xml": N_("use `import wordpress` or `import disqus` for an XML export"),
    "json": N_(
        "use `import isso` for Isso's JSON, `import remark42` for a Remark42 backup, "
        "`import commento` for a Commento export, `import tertulia` for our own export"
    ),
}

__all__ = ["READERS", "ImportRefused", "Report", "read_url_map", "run_import"]


class _Counting(io.RawIOBase):
    """A file that tells `on_read` how many bytes each read took (for the progress bar)."""

    def __init__(self, raw: BinaryIO, on_read: Callable[[int], None]):
        self.raw, self.on_read = raw, on_read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self.raw.readinto(buffer)
        self.on_read(count or 0)
        return count

    def close(self) -> None:
        self.raw.close()
        super().close()


def _sniff(path: str, system: str) -> str:
    """The file's kind (xml, json or sqlite); refuses one of the wrong kind for the command
    before reading it."""
    if issodb.is_sqlite(path):
        if system == "isso":
            return "sqlite"
        raise ImportRefused(
            _(
                "{file} is an SQLite database; `import {system}` reads an export file "
                "(`import isso` reads Isso's comments.db). Nothing was imported.",
                file=path,
                system=system,
            )
        )
    with open(path, "rb") as handle:
        start = handle.read(512)
    kind = READERS[system][1]
    if is_gzip(start):
        if system not in PACKED:
            raise ImportRefused(
                _(
                    "{file} is gzip-compressed; `import {system}` reads {kind}: "
                    "uncompress it first (gunzip). Nothing was imported.",
                    file=path,
                    system=system,
                    kind=kind.upper(),
                )
            )
        start = peek_inside(path)
    start = start.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    found = "xml" if start == b"<" else "json" if start in (b"{", b"[") else None
    if found == "json" and system == "isso" and start == b"{":
        raise ImportRefused(
            _(
                "{file} is a JSON object, but `import isso` reads Isso's comments.db or its "
                "generic JSON (a list of threads); {hint}. Nothing was imported.",
                file=path,
                hint=_object_hint(),
            )
        )
    if found is None:
        raise ImportRefused(
            _(
                "{file} is neither XML nor JSON; `import {system}` reads {kind}.",
                file=path,
                system=system,
                kind=kind,
            )
        )
    if found != kind:
        raise ImportRefused(
            _(
                "{file} is {found}, but `import {system}` reads {kind}: {hint}. "
                "Nothing was imported.",
                file=path,
                found=found.upper(),
                system=system,
                kind=kind.upper(),
                hint=_(HINTS[found]),
            )
        )
    return found


def _object_hint() -> str:
    """Which command reads a JSON object (our export; Commento's, once its reader is there)."""
    if "commento" in READERS:
        return _(
            "a Tertulia export is read by `import tertulia`, a Commento export by `import commento`"
        )
    return _("a Tertulia export is read by `import tertulia`")


def read_url_map(path: str | None) -> dict[str, str]:
    """`old_url,new_url` lines (a header line is allowed) -> {canonical old: new}."""
    if not path:
        return {}
    mapping = {}
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for number, row in enumerate(csv.reader(handle), start=1):
            if not row or (number == 1 and row[0].strip().lower() in ("old_url", "old")):
                continue
            if len(row) != 2:
                raise ImportRefused(
                    _("{file}, line {n}: expected old_url,new_url.", file=path, n=number)
                )
            try:
                mapping[canonical_url(row[0])] = row[1].strip()
            except ValueError as exc:
                raise ImportRefused(
                    _("{file}, line {n}: {error}", file=path, n=number, error=exc)
                ) from exc
    return mapping


def run_import(
    system: str,
    path: str,
    *,
    site: str | None = None,
    url_map: dict[str, str] | None = None,
    dry_run: bool = False,
    progress=None,
    source_name: str | None = None,
    include_protected: bool = False,
) -> Report:
    """Import one file in one transaction (rolled back on a dry run or any failure).

    `progress`, when given, is a click progress bar to advance by bytes read.
    `source_name` names the other system's install in the keys remembered against
    re-imports (instead of what the file says); `include_protected` takes the comments of
    WordPress posts with a password, private or drafts as they are (else they are held).
    """
    read, _kind, passes = READERS[system]
    report = Report(system=system, file=os.path.basename(path), dry_run=dry_run)
    advance = progress.update if progress is not None else (lambda _count: None)
    if _sniff(path, system) == "sqlite":

        def read(_open_stream):  # the database itself, not a stream of bytes
            yield from issodb.read(path)
            advance(os.path.getsize(path))

    def open_stream() -> BinaryIO:
        return io.BufferedReader(_Counting(open(path, "rb"), advance), 1 << 16)

    try:
        # SQLite's write lock from the start (the comments' ids are reserved ahead: batches.py).
        storage.begin_locked()
        importer = Importer(
            report,
            site,
            url_map or {},
            source_name=source_name,
            include_protected=include_protected,
        )
        with progress if progress is not None else nullcontext():
            for thread, comments in read(open_stream):
                importer.take(thread, comments)
            importer.finish()
    except BaseException:
        storage.rollback()
        raise
    if dry_run:
        storage.rollback()
    else:
        storage.commit()
    return report


def file_size(path: str, system: str) -> int:
    """Bytes the import will read (Disqus files are read twice)."""
    return os.path.getsize(path) * READERS[system][2]
