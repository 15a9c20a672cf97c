"""`flask i18n build`: compile the catalogues (.mo) and write the widget's JSON per language.

Each widget file gets its own JSON per language ({key: text}), served like embed.js
from static/i18n/<file>.<lang>.json (widget/web/assets.py). English needs neither: it is the msgid,
and embed.js carries its own table. Both outputs are generated, never committed.
"""

from __future__ import annotations

import json
import os
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import CATALOGUES, DEFAULT_LANGUAGE, DOMAIN, FALLBACK, LANGUAGES
from .widget_strings import build as widget_table

WIDGET_FILES = ("embed", "embed-tools", "embed-sign-in", "embed-stories")


def po_path(folder: str | Path, language: str) -> Path:
    """Where a language's catalogue lives in a catalogue folder."""
    return Path(folder) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read(path: Path):
    with open(path, "rb") as handle:
        return read_po(handle, locale=path.parent.parent.name)


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)  # a server reading it never sees half a file
    return True


def compile_catalogue(po: Path) -> bool:
    """Write the .mo beside a .po (untranslated and fuzzy entries left out: they fall back)."""
    catalog = _read(po)
    # Babel writes a plural entry's empty forms as the English ones, which would hide the
    # fallback's words (pt_PT's "1 comment" over pt_BR's "1 comentário"): leave those out.
    for message in list(catalog):
        if message.id and message.pluralizable and not all(message.string):
            catalog.delete(message.id, context=message.context)
    out = BytesIO()
    write_mo(out, catalog)
    return _write_if_changed(po.with_suffix(".mo"), out.getvalue())


def widget_strings(language: str, folders: list[str | Path]) -> dict[str, dict]:
    """A language's widget strings, its fallbacks' beneath it and a site's own above it."""
    chain = []
    code: str | None = language
    while code and code != DEFAULT_LANGUAGE:
        chain.append(code)
        code = FALLBACK.get(code)
    merged: dict[str, dict] = {}
    for code in reversed(chain):  # pt_BR first, pt_PT over it
        for folder in folders:  # ours first, the site's over it
            path = po_path(folder, code)
            if path.exists():
                for name, table in widget_table(_read(path)).items():
                    merged.setdefault(name, {}).update(table)
    return merged


def tag(language: str) -> str:
    """A catalogue's name as the widget and HTML write it: pt_BR → pt-BR."""
    return language.replace("_", "-")


def build(out: Path, site_folder: str | None = None) -> dict[str, int]:
    """Compile every catalogue and write static/i18n/<file>.<lang>.json; bytes per file."""
    folders: list[str | Path] = [CATALOGUES] + ([site_folder] if site_folder else [])
    for folder in folders:
        for language in sorted(os.listdir(folder)):
            po = po_path(folder, language)
            if po.exists():
                compile_catalogue(po)
    sizes = {}
    for language in LANGUAGES:
        if language == DEFAULT_LANGUAGE:
            continue
        tables = widget_strings(language, folders)
        # Every file of every language, empty or not: the widget never asks in vain.
        for name in WIDGET_FILES:
            table = tables.get(name, {})
            data = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            path = out / f"{name}.{tag(language)}.json"
            _write_if_changed(path, data.encode("utf-8"))
            sizes[path.name] = len(data.encode("utf-8"))
    return sizes


def stale(out: Path, site_folder: str | None = None) -> bool:
    """True when a catalogue is newer than what was built from it (or nothing was built)."""
    for folder in [CATALOGUES] + ([site_folder] if site_folder else []):
        for language in os.listdir(folder):
            po = po_path(folder, language)
            mo = po.with_suffix(".mo")
            if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
                return True
    return not (out / "embed.es.json").exists()


ROOT = Path(CATALOGUES).parent.parent
TEMPLATE = Path(CATALOGUES) / f"{DOMAIN}.pot"
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "lazy_gettext": None,
    "lazy_pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),  # N_ with a context: a table's (context, message) pair
    "_l": None,  # lazy_gettext, as the admin's forms import it
    "_lp": ((1, "c"), 2),  # lazy_pgettext
    "markup_gettext": None,
    "markup_ngettext": (1, 2),
}
# What the code puts in each placeholder: said to translators in the catalogue (#.).
PLACEHOLDERS = {
    "n": "a number",
    "name": "a commenter's name",
    "title": "the article's title",
    "site": "the site's name",
    "until": "a date and time",
    "date": "a date",
    "reference": "a notice's reference, like N-7K2M9Q4P",
    "reason": "the address checker's explanation, in English (may be left out)",
    "detail": "a number or a word",
    "count": "a number",
    # the API's refusals and the commands' output (site owners read these)
    "email": "an email address",
    "file": "a file's path",
    "folder": "a folder's path",
    "error": "the system's explanation, in English",
    "revision": "a database revision, like 0025",
    "origin": "a site's origin, like https://example.org",
    "origins": "site origins, like https://example.org",
    "target": "a site's origin",
    "caller": "a site's origin",
    "page": "a site's origin, or a link to a page of the admin (its name)",
    "id": "a number or an identifier",
    "message": "an id",
    "secret": "a secret key, or its first characters as code",
    "events": "webhook event names, comma-separated",
    "url": "an address (URL)",
    "user": "a site's user id",
    "changed": "a number",
    "days": "a number",
    "system": "a system's name, like wordpress",
    "created": "a number",
    "matched": "a number",
    "counts": "a list such as “3 published, 1 pending”",
    "sites": "“1 site” or “N sites” (translated apart)",
    "threads": "“1 thread” or “N threads” (translated apart)",
    "comments": "“1 comment” or “N comments” (translated apart)",
    "missing": "a list of package names",
    "scope": "an API token's scope, like comments:write",
    "parameter": "a parameter's name",
    "low": "a number",
    "high": "a number",
    "method": "an HTTP method, like POST",
    "allowed": "a list of HTTP methods",
    "size": "a number",
    "path": "the path of an address, like /api/… or /admin/x",
    "kind": "a file format: XML, JSON",
    "found": "a file format: XML, JSON",
    "hint": "a sentence saying which command reads the file (translated apart)",
    # The admin's and the moderators' mail (issue 26).
    "network": "an IP network, like 203.0.113.0/24",
    "network6": "an IPv6 network, as code",
    "examples": "two IP addresses, as code",
    "banned": "what a ban bans: an email, a network or a commenter",
    "article": "a link to the article (its title)",
    "erase": "a link; its words are translated on their own",
    "link": "a link; its words are translated on their own",
    "action": "a button's word, like Approve",
    "done": "what was done, like Approved",
    "step": "a step of the moderation ladder, like time-out",
    "decision": "a notice's decision, like remove",
    "mode": "a moderation mode: none, first, links or all",
    "closed": "the word closed, in bold",
    "status": "a status, like pending",
    "unconfirmed": "the word unconfirmed, in bold",
    "model": "a scoring model's name",
    "reasons": "reasons, comma-separated",
    "problems": "what was wrong with the form",
    "summary": "what was erased, in English",
    "key": "an email, a network or a commenter's account",
    "token": "the first characters of a token",
    "format": "a webhook format: standard or slack",
    "fields": "setting names, as the code calls them",
    "command": "a command line, as code (keep it untranslated)",
    "route": "an API route, as code",
    "headers": "HTTP header names, as code",
    "attribute": "an HTML attribute, as code",
    "meta": "an HTML meta tag, as code",
    "field": "a field name, as code",
    "example": "an example line, as code",
    # The commands' lines and the settings' refusals.
    "prefix": "the first characters of a token, as code",
    "site_id": "a site's number",
    "moderation": "a moderation mode, as typed: none, first, links or all",
    "who": "who may comment, as typed: everyone, verified or sso",
    "threshold": "a number between 0.05 and 1",
    "languages": "language codes, like en es (or the word any, translated apart)",
    "seconds": "a number",
    "messages": "“1 message” or “N messages” (translated apart)",
    "deliveries": "“1 webhook delivery” or “N webhook deliveries” (translated apart)",
    "score": "a number between 0 and 1",
    "language": "a language code, like es",
    "state": "active, or revoked with a date (translated apart)",
    "used": "a date and time, or the word never (translated apart)",
    "scopes": "API token scopes, as code",
    "choices": "the values one may type, as code",
    "setting": "a setting's environment variable, like WIDGET_PAGE_SIZE",
    "value": "a value as it was given, quoted as code",
    "problem": "what is wrong, a sentence (translated apart)",
    "old": "an address (URL)",
    "new": "an address (URL)",
}


def extract() -> Catalog:
    """Every marked string of the code, the templates and the widget (babel.cfg), as a .pot."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = Catalog(project="Tertulia", msgid_bugs_address="", charset="utf-8", fuzzy=False)
    found = extract_from_dir(
        ROOT,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    for filename, line, message, comments, context in found:
        catalog.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    for entry in catalog:  # what each placeholder stands for, beside the string
        text = " ".join(entry.id) if isinstance(entry.id, tuple | list) else entry.id
        named = [
            f"{{{name}}}: {PLACEHOLDERS[name]}" for name in PLACEHOLDERS if f"{{{name}}}" in text
        ]
        note = "Keep " + "; ".join(named) + "." if named else ""
        if note and note not in entry.auto_comments:
            entry.auto_comments.append(note)
    return catalog


def write_template(catalog: Catalog) -> bool:
    """widget/translations/messages.pot, without the date (it changes only with its strings)."""
    out = BytesIO()
    write_po(out, catalog, omit_header=False, sort_output=False, width=96)
    text = b"\n".join(
        line for line in out.getvalue().split(b"\n") if not line.startswith(b'"POT-Creation-Date')
    )
    return _write_if_changed(TEMPLATE, text)


def update(language: str, template: Catalog) -> Path:
    """Create or update a language's .po from the template: new strings empty, none fuzzy."""
    path = po_path(CATALOGUES, language)
    if path.exists():
        catalog = _read(path)
    else:
        catalog = Catalog(locale=language, project="Tertulia", charset="utf-8", fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()  # a string gone from the code leaves the catalogue with it
    catalog.fuzzy = False
    out = BytesIO()
    write_po(out, catalog, width=96, omit_header=False, ignore_obsolete=True)
    text = b"\n".join(
        line for line in out.getvalue().split(b"\n") if not line.startswith(b'"POT-Creation-Date')
    )
    _write_if_changed(path, text)
    return path
