"""JSON files as a stream of ijson events, with the encoding problems named plainly: a UTF-8
byte-order mark is accepted (Windows editors write one), anything not UTF-8 is refused with
the offending byte and where it is."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO

import ijson

from .model import ImportRefused

BOM = codecs.BOM_UTF8


class _Utf8Checked:
    """A byte stream that checks, as it is read, that its bytes are UTF-8."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.offset = 0  # bytes handed on so far
        self.started = False

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        if not self.started and data:  # (ijson reads 0 bytes first, to see their type)
            self.started = True
            if data.startswith(BOM):
                data, self.offset = data[len(BOM) :], len(BOM)
        try:
            self.decoder.decode(data, final=not data and size != 0)
        except UnicodeDecodeError as exc:
            at = self.offset + max(exc.start - len(self.decoder.getstate()[0]), 0)
            raise ImportRefused(
                f"The file is not UTF-8: byte 0x{exc.object[exc.start]:02X} near offset {at} "
                "is not valid UTF-8 (was it saved as Latin-1 or Windows-1252?). Save it as "
                "UTF-8 and import it again; nothing was imported."
            ) from None
        self.offset += len(data)
        return data


def json_events(stream: BinaryIO) -> Iterator[tuple[str, str, object]]:
    """ijson's (prefix, event, value) events of a UTF-8 JSON file, BOM or not."""
    yield from ijson.parse(_Utf8Checked(stream))


def json_items(stream: BinaryIO, prefix: str) -> Iterator[object]:
    """ijson's items at `prefix` of a UTF-8 JSON file, BOM or not."""
    yield from ijson.items(_Utf8Checked(stream), prefix)
