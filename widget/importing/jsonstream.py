"""JSON files as a stream of ijson events, with the encoding problems named plainly (a UTF-8
byte-order mark is accepted, anything not UTF-8 is refused with the offending byte and where it
is), and with every string cut short before the parser sees it when it is far longer than any
text we keep: a huge text is refused by its length, never held whole."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

import ijson

from widget.i18n import gettext as _

from .cleaning import longest_text
from .model import ImportRefused

BOM = codecs.BOM_UTF8
# A character is at most 12 bytes in JSON (an escaped surrogate pair): a string of more bytes
# than 12 × (limit + 1) is longer than the limit, and a shorter one is never cut. The lengths
# counted are upper bounds by up to a read (64 kB): the margin keeps both true.
BYTES_PER_CHARACTER = 12
MARGIN = 1 << 18


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
            byte = f"0x{exc.object[exc.start]:02X}"
            raise ImportRefused(
                # TRANSLATORS: {byte} is a byte in hexadecimal, like 0xE9; {offset} is a number
                # (how many bytes into the file).
                _(
                    "The file is not UTF-8: byte {byte} near offset {offset} "
                    "is not valid UTF-8 (was it saved as Latin-1 or Windows-1252?). Save it as "
                    "UTF-8 and import it again; nothing was imported.",
                    byte=byte,
                    offset=at,
                )
            ) from None
        self.offset += len(data)
        return data


class _LongStringsCut:
    """A byte stream of JSON whose strings stop soon after `most` bytes, at the end of a whole
    character (the rest is dropped up to the closing quote, so the JSON stays valid).

    Most reads only count quotes (in C): whether a string is open at the end of the read, and
    for how long at most. Only a string that grows near `most` is followed byte by byte."""

    def __init__(self, stream, most: int):
        self.stream, self.most = stream, most
        self.inside = False  # within a string
        self.length = 0  # bytes of the current string so far (at most)
        self.carry = b""  # bytes of an escape or a character that a read cut, for the next

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        while True:  # an empty answer means the end: read on through a string being dropped
            data = self.stream.read(size)
            if not data:
                carry, self.carry = self.carry, b""
                return carry
            data, self.carry = self.carry + data, b""
            if self.inside and self.length + len(data) >= self.most // 2:
                passed = self._follow(data)
            else:
                passed = self._count(data)
            if passed:
                return passed

    def _count(self, data: bytes) -> bytes:
        """Pass `data` on whole, knowing only whether a string is open at its end."""
        run = len(data) - len(data.rstrip(b"\\"))
        if run % 2:  # a backslash whose escaped byte comes in the next read
            data, self.carry = data[:-1], data[-1:]
        plain = data.replace(b"\\\\", b"")
        quotes = plain.count(b'"') - plain.count(b'\\"')
        if quotes % 2:
            self.inside = not self.inside
        if self.inside:
            # Open since this read (at most its length), or all along it.
            self.length = self.length + len(data) if quotes == 0 else len(data)
            cut = _complete_end(data, 0, len(data))
            data, self.carry = data[:cut], data[cut:] + self.carry
        return data

    def _follow(self, data: bytes) -> bytes:
        """Pass on `data` string by string, cutting a string at `most` bytes."""
        out, position = [], 0
        while position < len(data):
            if not self.inside:
                out.append(self._count(data[position:]))
                break
            end = BODY.match(data, position).end()  # up to the closing quote, escapes and all
            if end == len(data):
                end = _complete_end(data, position, end)
            self._body(data[position:end], out)
            if data[end : end + 1] != b'"':
                self.carry = data[end:] + self.carry  # an escape or character cut short
                break
            out.append(b'"')
            self.inside, self.length, position = False, 0, end + 1
        return b"".join(out)

    def _body(self, body: bytes, out: list[bytes]) -> None:
        if self.length < self.most:  # else dropped, up to the closing quote
            out.append(body)
        self.length += len(body)


# A string's bytes up to its closing quote or a backslash that ends the data (unrolled loop).
BODY = re.compile(rb'[^"\\]*(?:\\.[^"\\]*)*', re.S)


def _complete_end(data: bytes, start: int, end: int) -> int:
    """Where the string's bytes data[start:end] end without cutting a \\uXXXX escape or a
    UTF-8 character short (a read ended there)."""
    backslash = data.rfind(b"\\", max(start, end - 5), end)
    if backslash >= 0 and data[backslash + 1 : backslash + 2] == b"u":
        run = backslash
        while run > start and data[run - 1] == 0x5C:
            run -= 1
        if (backslash - run) % 2 == 0:  # an odd run of backslashes: this one starts an escape
            return backslash
    for back in range(1, min(end - start, 4) + 1):
        byte = data[end - back]
        if byte < 0x80:
            break
        if byte >= 0xC0:  # a lead byte: is its character whole?
            if back < (2 if byte < 0xE0 else 3 if byte < 0xF0 else 4):
                return end - back
            break
    return end


def _checked(stream: BinaryIO):
    return _LongStringsCut(
        _Utf8Checked(stream), BYTES_PER_CHARACTER * (longest_text() + 1) + MARGIN
    )


class _Raw(io.RawIOBase):
    """A checked stream as a raw file, so that it can be buffered (and read a line at a time)."""

    def __init__(self, source) -> None:
        self.source, self.pending = source, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        # A cut stream may answer a little more than asked (bytes a read left over): kept.
        data = self.pending or self.source.read(len(buffer))
        count = min(len(data), len(buffer))
        buffer[:count], self.pending = data[:count], data[count:]
        return count


def checked_stream(stream: BinaryIO) -> BinaryIO:
    """The stream as `json_events` reads it (UTF-8 checked, BOM dropped, long strings cut),
    for JSON read another way: Remark42's backup is a JSON document a line."""
    return io.BufferedReader(_Raw(_checked(stream)), 1 << 16)


def json_events(stream: BinaryIO) -> Iterator[tuple[str, str, object]]:
    """ijson's (prefix, event, value) events of a UTF-8 JSON file, BOM or not."""
    yield from ijson.parse(_checked(stream))


def json_items(stream: BinaryIO, prefix: str) -> Iterator[object]:
    """ijson's items at `prefix` of a UTF-8 JSON file, BOM or not."""
    yield from ijson.items(_checked(stream), prefix)
