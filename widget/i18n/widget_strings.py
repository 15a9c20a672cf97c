"""The widget's strings: read from the `I18N` tables of static/embed*.js, built into JSON.

embed.js keeps its short keys and its English table (an English page loads nothing more).
Babel extracts that table through `extract` (babel.cfg): each key becomes the msgctxt
`<file>:<key>` of its English text; `{zero, one, other}` tables become one plural entry
plus a "zero" entry. `build` turns a catalogue back into `{file: {key: text}}` for the widget.
"""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

from babel.core import Locale
from babel.messages.catalog import Catalog

TOKEN = re.compile(r'\s+|//[^\n]*|"((?:\\.|[^"\\])*)"|([A-Za-z_$][\w$]*)|([{}\[\]:,])')
TABLE = re.compile(r"\bvar I18N = \{")
# Numbers that reach every CLDR plural category of a language (1,000,000: Spanish "many"):
# each category takes the catalogue's form for its first number here.
SAMPLES = (1, 2, 3, 5, 11, 21, 22, 25, 100, 101, 102, 1_000_000)


def _tokens(text: str, start: int):
    position = start
    while position < len(text):
        match = TOKEN.match(text, position)
        if match is None:
            raise ValueError(f"unexpected {text[position : position + 20]!r} in an I18N table")
        position = match.end()
        if match.group(1) is not None:
            yield "string", json.loads(f'"{match.group(1)}"'), match.start()
        elif match.group(2):
            yield "name", match.group(2), match.start()
        elif match.group(3):
            yield match.group(3), match.group(3), match.start()


def _value(tokens):
    kind, value, where = next(tokens)
    if kind == "string":
        return value
    if kind == "[":
        items = []
        while True:
            items.append(_value(tokens))
            if next(tokens)[0] == "]":
                return items
    if kind == "{":
        table = {}
        while True:
            kind, key, where = next(tokens)
            if kind == "}":
                return table
            assert next(tokens)[0] == ":", f"a key without value at {where}"
            table[key] = _value(tokens)
            if next(tokens)[0] == "}":
                return table
    raise ValueError(f"unexpected {value!r} at {where} in an I18N table")


def read_tables(source: str) -> dict[str, dict]:
    """The `I18N` table of a widget file: {language: {key: text, list or plural table}}."""
    match = TABLE.search(source)
    if not match:
        return {}
    return _value(_tokens(source, match.end() - 1))


def entries(name: str, table: dict) -> list[tuple[str, object, str]]:
    """(msgctxt, English, key) of a file's English table; a plural's English is a pair."""
    found = []
    for key, value in table.items():
        context = f"{name}:{key}"
        if isinstance(value, list):
            found += [(f"{context}.{i}", text, f"{key}.{i}") for i, text in enumerate(value)]
        elif isinstance(value, dict):
            if "zero" in value:
                found.append((f"{context}.zero", value["zero"], f"{key}.zero"))
            found.append((context, (value["one"], value["other"]), key))
        else:
            found.append((context, value, key))
    return found


def extract(fileobj, keywords, comment_tags, options):
    """Babel extractor for static/embed*.js: the English table, one msgctxt per key."""
    source = fileobj.read().decode("utf-8")
    name = Path(getattr(fileobj, "name", "embed.js")).stem
    english = read_tables(source).get("en", {})
    line_of = {key: source.count("\n", 0, source.find(f"{key}:")) + 1 for key in english}
    for context, text, key in entries(name, english):
        line = line_of.get(key.split(".")[0], 1)
        note = [
            f"widget ({name}.js), key {key}" + ("; {n} is the number" if "{n}" in str(text) else "")
        ]
        if isinstance(text, tuple):
            yield line, "npgettext", (context, *text), note
        else:
            yield line, "pgettext", (context, text), note


def _plural_forms(catalog: Catalog, message) -> dict[str, str]:
    """CLDR category → text, by the catalogue's own plural formula on a sample number."""
    locale = Locale.parse(catalog.locale_identifier)
    forms = {}
    for number in SAMPLES:
        category = locale.plural_form(number)
        if category in forms or category == "zero":
            continue
        index = _plural_index(catalog, number)
        if index < len(message.string) and message.string[index]:
            forms[category] = message.string[index]
    # The widget falls back to `other`: a category that says the same need not be sent.
    return {k: v for k, v in forms.items() if k == "other" or v != forms.get("other")}


def _plural_index(catalog: Catalog, n: int) -> int:
    return gettext.c2py(catalog.plural_expr)(n)


def build(catalog: Catalog) -> dict[str, dict]:
    """The widget's translated strings of one catalogue: {file: {key: text, list, plurals}}."""
    built: dict[str, dict] = {}
    for message in catalog:
        context = message.context or ""
        if ":" not in context or not message.id or message.fuzzy:
            continue
        name, key = context.split(":", 1)
        table = built.setdefault(name, {})
        if message.pluralizable:
            forms = _plural_forms(catalog, message)
            if forms:
                table.setdefault(key, {}).update(forms)
        elif message.string:
            base, _, part = key.partition(".")
            if part.isdigit():
                items = table.setdefault(base, [])
                items.extend([None] * (int(part) + 1 - len(items)))
                items[int(part)] = message.string
            elif part == "zero":
                table.setdefault(base, {})["zero"] = message.string
            else:
                table[key] = message.string
    return {name: table for name, table in built.items() if table}
