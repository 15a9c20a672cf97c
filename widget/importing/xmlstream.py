"""Reading XML exports as a stream, safely: one element at a time, no entities, no DTD tricks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import BinaryIO
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from defusedxml import EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.common import DefusedXmlException

from widget.i18n import gettext as _

from .cleaning import longest_text
from .model import ImportRefused

_LOCAL: dict[str, str] = {}  # a file has few distinct tags: each split once
READ = 1 << 16  # bytes parsed between two looks for finished elements


class _Undefined(Exception):
    """An entity reference that nothing defines (the DTD is not read)."""


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


class _Tree:
    """Expat's events into a C TreeBuilder, with Python only where a rule needs it: tags named
    as ElementTree names them (`{namespace}local`), texts that stop at `cap` + 1 characters (a
    longer text is refused later, by its length, so it is never held whole), the root checked.
    An element's end goes straight to the builder (no Python call): texts are counted from
    each element's start, so a tail (never read) may be cut short after a long text."""

    def __init__(self, cap: int, check_root: Callable[[str], None]):
        self.builder, self.cap, self.held = TreeBuilder(), cap, 0
        self.check_root = check_root
        self.holder = Element("")  # the root's parent, so that the root is a child like others
        self.names: dict[str, str] = {}
        self.parser = expat.ParserCreate(namespace_separator="}")
        parser = self.parser
        parser.buffer_text = True
        # No DTD is fetched; a file that declares entities (XML bombs, external entities) is
        # refused at the declaration, before any is used.
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.EntityDeclHandler = _entity_declared
        parser.UnparsedEntityDeclHandler = _unparsed_entity_declared
        parser.ExternalEntityRefHandler = _external_reference
        parser.SkippedEntityHandler = _skipped_entity
        parser.StartElementHandler = self._root
        parser.EndElementHandler = self.builder.end
        parser.CharacterDataHandler = self._data

    def _name(self, name: str) -> str:
        fixed = self.names.get(name)
        if fixed is None:  # expat says `namespace}local`
            fixed = self.names[name] = "{" + name if "}" in name else name
        return fixed

    def _root(self, tag: str, attrs: dict) -> None:
        self.check_root(self._name(tag))
        self.parser.StartElementHandler = self._start
        self.holder.append(self._start(tag, attrs))

    def _start(self, tag: str, attrs: dict) -> Element:
        self.held = 0
        if attrs:
            attrs = {self._name(name): value for name, value in attrs.items()}
        return self.builder.start(self.names.get(tag) or self._name(tag), attrs)

    def _data(self, data: str) -> None:
        room = self.cap + 1 - self.held
        if room > 0:
            self.held += len(data)
            self.builder.data(data[:room] if len(data) > room else data)


def _entity_declared(name, _is_parameter, value, base, sysid, pubid, notation_name):
    raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)


def _unparsed_entity_declared(name, base, sysid, pubid, notation_name):
    raise EntitiesForbidden(name, None, base, sysid, pubid, notation_name)


def _external_reference(context, base, sysid, pubid):
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def _skipped_entity(name, _is_parameter):
    raise _Undefined(f"undefined entity &{name};")


def elements(
    stream: BinaryIO, wanted: set[str], command: str, check_root: Callable[[str], None]
) -> Iterator[tuple[str, Element]]:
    """Yield (root tag, element) for each complete element whose local name is in `wanted`
    (and that is not inside another such), then drop it, so memory holds one read's elements
    at a time however long the file is. `check_root` sees the root tag first and raises
    ImportRefused for another format."""
    tree = _Tree(longest_text(), check_root)
    try:
        while True:
            data = stream.read(READ)
            tree.parser.Parse(data, not data)
            if tree.holder:
                root = tree.holder[0].tag
                yield from ((root, found) for found in _finished(tree.holder, wanted, not data))
            if not data:
                break
    except DefusedXmlException as exc:
        raise ImportRefused(
            # TRANSLATORS: {error} is the name of the check that refused the file, as code,
            # like EntitiesForbidden.
            _(
                "Refused: the file declares entities or external references ({error}), "
                "as XML bombs and external-entity attacks do. Nothing was imported.",
                error=type(exc).__name__,
            )
        ) from exc
    except (expat.ExpatError, _Undefined) as exc:
        raise ImportRefused(
            _(
                "The file is not well-formed XML ({error}); nothing was imported. "
                "`{command}` reads an XML export.",
                error=exc,
                command=command,
            )
        ) from exc


def _finished(parent: Element, wanted: set[str], done: bool) -> Iterator[Element]:
    """The wanted elements among `parent`'s finished children and below, in the file's order;
    the finished children are dropped. Its last child is still open (unless `done`): only its
    own finished children are looked at."""
    count = len(parent) if done else len(parent) - 1
    for child in parent[:count] if count > 0 else ():
        if local(child.tag) in wanted:
            yield child
            child.clear()
        else:
            yield from _finished(child, wanted, True)
    if count > 0:
        del parent[:count]
    if not done and len(parent) and local(parent[-1].tag) not in wanted:
        yield from _finished(parent[-1], wanted, False)


def text_of(element: Element, name: str, ns_ok=None) -> str:
    """The text of the first child named `name` (any namespace that `ns_ok` accepts)."""
    for child in element:
        if local(child.tag) == name and (ns_ok is None or ns_ok(namespace(child.tag))):
            return (child.text or "").strip()
    return ""


def texts_of(element: Element, ns_ok=None) -> dict[str, str]:
    """The text of each child by name (the first of a name wins), as `text_of` reads one:
    for an element whose many children are read, one pass instead of one per child."""
    names = _ACCEPTED.setdefault(ns_ok, {})  # tag -> its local name, "" if not accepted
    found: dict[str, str] = {}
    for child in element:
        name = names.get(child.tag)
        if name is None:
            name = _accepted(names, child.tag, ns_ok)
        if name and name not in found:
            found[name] = (child.text or "").strip()
    return found


# Per namespace check, each tag's answer (a file has few distinct tags).
_ACCEPTED: dict[object, dict[str, str]] = {}


def _accepted(names: dict[str, str], tag: str, ns_ok) -> str:
    name = local(tag) if ns_ok is None or ns_ok(namespace(tag)) else ""
    if len(names) < 10_000:
        names[tag] = name
    return name


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
