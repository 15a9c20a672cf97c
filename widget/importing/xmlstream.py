"""Reading XML exports as a stream, safely: one element at a time, no entities, no DTD tricks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, iterparse

from .cleaning import longest_text
from .model import ImportRefused

_LOCAL: dict[str, str] = {}  # a file has few distinct tags: each split once


class CappedTreeBuilder(TreeBuilder):
    """Builds elements whose text stops at `cap` + 1 characters: a longer text is refused
    later (its length tells), so it never has to be held whole, however long it is."""

    def __init__(self, cap: int):
        super().__init__()
        self.cap, self.held = cap, 0

    def start(self, tag, attrs):
        self.held = 0
        return super().start(tag, attrs)

    def end(self, tag):
        self.held = 0
        return super().end(tag)

    def data(self, data):
        room = self.cap + 1 - self.held
        if room > 0:
            self.held += len(data)
            super().data(data[:room] if len(data) > room else data)


def local(tag: str) -> str:
    """A tag without its namespace: `{http://wordpress.org/export/1.2/}comment` -> `comment`."""
    name = _LOCAL.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1]
        if len(_LOCAL) < 10_000:
            _LOCAL[tag] = name
    return name


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def elements(
    stream: BinaryIO, wanted: set[str], command: str, check_root: Callable[[str], None]
) -> Iterator[tuple[str, Element]]:
    """Yield (root tag, element) for each complete element whose local name is in `wanted`,
    then drop it, so memory holds one element at a time however long the file is.
    `check_root` sees the root tag first and raises ImportRefused for another format."""
    stack: list[Element] = []
    root = ""
    try:
        parser = DefusedXMLParser(
            target=CappedTreeBuilder(longest_text()), forbid_dtd=False, forbid_entities=True
        )
        for event, element in iterparse(stream, events=("start", "end"), parser=parser):
            if event == "start":
                if not root:
                    root = element.tag
                    check_root(root)
                stack.append(element)
                continue
            stack.pop()
            if local(element.tag) in wanted and not _inside_wanted(stack, wanted):
                yield root, element
                element.clear()
                if stack:
                    stack[-1].remove(element)
    except DefusedXmlException as exc:
        raise ImportRefused(
            f"Refused: the file declares entities or external references ({type(exc).__name__}), "
            "as XML bombs and external-entity attacks do. Nothing was imported."
        ) from exc
    except ParseError as exc:
        raise ImportRefused(
            f"The file is not well-formed XML ({exc}); nothing was imported. "
            f"`{command}` reads an XML export."
        ) from exc


def _inside_wanted(stack: list[Element], wanted: set[str]) -> bool:
    return any(local(open_element.tag) in wanted for open_element in stack)


def text_of(element: Element, name: str, ns_ok=None) -> str:
    """The text of the first child named `name` (any namespace that `ns_ok` accepts)."""
    for child in element:
        if local(child.tag) == name and (ns_ok is None or ns_ok(namespace(child.tag))):
            return (child.text or "").strip()
    return ""


def texts_of(element: Element, ns_ok=None) -> dict[str, str]:
    """The text of each child by name (the first of a name wins), as `text_of` reads one:
    for an element whose many children are read, one pass instead of one per child."""
    found: dict[str, str] = {}
    for child in element:
        name = local(child.tag)
        if name not in found and (ns_ok is None or ns_ok(namespace(child.tag))):
            found[name] = (child.text or "").strip()
    return found


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local(child.tag) == name]


_SPACE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?")


def parse_time(value: str) -> datetime | None:
    """A UTC time as exports write it (`2014-01-14 17:31:03`, ISO 8601 with Z), or None."""
    value = (value or "").strip()
    if not _SPACE_DATE.match(value) or value.startswith("0000"):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
