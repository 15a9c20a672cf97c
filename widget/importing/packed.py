"""Exports that come gzip-compressed (Remark42's backup, Commento's download): read as they are."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from widget.i18n import gettext as _

from .model import ImportRefused

GZIP_MAGIC = b"\x1f\x8b"
LINE_MAX = 16 << 20  # a line longer than this is not a comment: refuse, don't hold it


def is_gzip(start: bytes) -> bool:
    return start[:2] == GZIP_MAGIC


def peek_inside(path: str, size: int = 512) -> bytes:
    """The first bytes of a file, uncompressed when it is gzip (for sniffing its kind)."""
    with open(path, "rb") as handle:
        start = handle.read(size)
        if not is_gzip(start):
            return start
        handle.seek(0)
        try:
            with gzip.GzipFile(fileobj=handle) as inner:
                return inner.read(size)
        except (OSError, EOFError, zlib.error):
            return b""


@contextmanager
def opened(stream: BinaryIO) -> Iterator[BinaryIO]:
    """The stream itself, or its uncompressed content when it starts with gzip's magic bytes.
    A broken archive is refused, named as such."""
    if not is_gzip(stream.peek(2)[:2]):
        yield stream
        return
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as inner:
            yield inner
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise ImportRefused(
            _("The file is a damaged gzip archive ({error}); nothing was imported.", error=exc)
        ) from exc


def lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """(number, line) pairs, each line at most LINE_MAX bytes."""
    number = 0
    while True:
        line = stream.readline(LINE_MAX + 1)
        if not line:
            return
        number += 1
        if len(line) > LINE_MAX:
            raise ImportRefused(
                # TRANSLATORS: {n} is a line number (not a count); {size} is a number of megabytes.
                _(
                    "Line {n} is longer than {size} MB; nothing was imported.",
                    n=number,
                    size=LINE_MAX >> 20,
                )
            )
        yield number, line
