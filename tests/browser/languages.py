"""Every language in Chromium (issue 26): what a page still says in English, what overflows
at 320 px, and one set of live servers for all languages of a test module.

"English left" is data-driven: a visible text (or an aria-label, placeholder, title) that is
an English msgid of the catalogues, where that language's entry (pt_PT → pt_BR) is filled in
and differs from the English. Strings nobody translated yet are not flagged, so a page gets
stricter by itself as its catalogue fills.
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from tests.browser.conftest import AXE, Live, LiveServer
from widget import create_app
from widget.demo.site import create_demo_site
from widget.i18n import CATALOGUES, FALLBACK, SHIPPED
from widget.sites.editing import register_site
from widget.storage.database import db

LANGUAGES = SHIPPED
STATIC = Path(__file__).resolve().parents[2] / "static" / "i18n"
# Placeholders in msgids: `{n}`, `{name}`, `%(name)s`, `%s`, `%d`.
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[sd]|%[sd]")
# Rules about a whole page's landmarks and headings, which a mail body does not have.
MAIL_EXEMPT_RULES = {"landmark-one-main", "region", "page-has-heading-one"}


def bcp47(code: str) -> str:
    """`pt_BR` → `pt-BR`, as `<html lang>` and `data-lang` want it."""
    return code.replace("_", "-")


def _read(language: str):
    path = Path(CATALOGUES) / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return [message for message in read_po(handle) if message.id and not message.fuzzy]


def _entries(language: str) -> dict[tuple, object]:
    """(msgid, context) → translation (a string, or the plural forms), empty when untranslated."""
    return {(message.id, message.context): message.string for message in _read(language)}


def _used_in(language: str, where: tuple[str, ...]) -> set[tuple]:
    """The entries used by a file under one of the folders `where` (the `#:` lines)."""
    return {
        (message.id, message.context)
        for message in _read(language)
        if any(path.startswith(where) for path, _line in message.locations)
    }


def _filled(value: object) -> bool:
    return bool(value) if isinstance(value, str) else bool(value) and all(value)


def _pattern(text: str) -> re.Pattern | None:
    """A msgid as a whole-text pattern; None when its fixed words are too few to tell apart."""
    parts = PLACEHOLDER.split(text)
    if sum(len(re.findall(r"[^\W\d_]", part)) for part in parts) < 4:
        return None
    # Spaces around a placeholder stay: "comment {n}" must not match "comment.created".
    return re.compile(".+?".join(re.escape(re.sub(r"\s+", " ", part)) for part in parts), re.S)


class Catalogue:
    """One language's translations, for telling English that should not be there.

    `pages`: only the entries the server renders (the widget's own, msgctxt `embed…:key`,
    never reach a server page: an admin page that shows "Delete" is not wrong because the
    widget's "Delete" is translated, only once the admin's own "Delete" is).
    `where`: only the entries some file under these folders uses (the admin's own).
    """

    def __init__(self, language: str, pages: bool = False, where: tuple[str, ...] = ()) -> None:
        own = _entries(language)
        chain = [own]
        code = FALLBACK.get(language)
        while code:
            chain.append(_entries(code))
            code = FALLBACK.get(code)
        widget_only = {key for key in chain[-1].keys() | own.keys() if _widget_only(key)}
        used = _used_in(language, where) if where else None
        self.exact: set[str] = set()
        self.patterns: list[re.Pattern] = []
        self.translated: set[str] = set()
        self.translated_patterns: list[re.Pattern] = []
        for key in chain[-1].keys() | own.keys():
            found = next((c[key] for c in chain if _filled(c.get(key))), None)
            if found is None:
                continue
            english = list(key[0]) if isinstance(key[0], tuple) else [key[0]]
            ours = list(found) if isinstance(found, tuple | list) else [found]
            for text in ours:
                self._add(text, self.translated, self.translated_patterns)
            if (pages and key in widget_only) or (used is not None and key not in used):
                continue
            for text in english:
                if text not in ours:
                    self._add(text, self.exact, self.patterns)

    @staticmethod
    def _add(text: str, exact: set[str], patterns: list[re.Pattern]) -> None:
        text = " ".join(text.split())
        if PLACEHOLDER.search(text):
            pattern = _pattern(text)
            if pattern is not None:
                patterns.append(pattern)
        else:
            exact.add(text)

    def is_english(self, text: str) -> bool:
        """True when `text` is an English msgid this language has its own words for."""
        if text in self.translated or any(p.fullmatch(text) for p in self.translated_patterns):
            return False
        return text in self.exact or any(p.fullmatch(text) for p in self.patterns)


def _widget_only(key: tuple) -> bool:
    return bool(key[1]) and key[1].startswith("embed")


@cache
def catalogue(language: str, pages: bool = False, where: tuple[str, ...] = ()) -> Catalogue:
    """The catalogue of `language`, read once per run."""
    return Catalogue(language, pages, where)


def words(language: str, files: tuple[str, ...] = ("embed", "embed-tools")) -> dict[str, str]:
    """The widget's texts by key (of embed.js, embed-tools.js…) in `language`."""
    english: dict[str, str] = {}
    with (Path(CATALOGUES) / "messages.pot").open("rb") as handle:
        for message in read_po(handle):
            if message.context and message.context.split(":")[0] in files:
                english.setdefault(message.context.split(":", 1)[1], message.id)
    if language == "en":
        return english
    own: dict[str, str] = {}
    for name in files:
        own.update(json.loads((STATIC / f"{name}.{bcp47(language)}.json").read_text()))
    return {**english, **{k: v for k, v in own.items() if isinstance(v, str)}}


# Visible texts of the page and of every open shadow root: each element's own text nodes,
# its short innerText, the names and hints a screen reader or a tooltip shows.
COLLECT_TEXTS = """() => {
  const out = [document.title];
  const skip = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (skip.has(el.tagName)) continue;
      const shown = el.tagName === 'OPTION' ? el.parentElement.checkVisibility()
        : el.checkVisibility({visibilityProperty: true});
      if (!shown) continue;
      for (const node of el.childNodes) if (node.nodeType === 3) out.push(node.textContent);
      const inner = el.innerText || el.textContent;
      if (inner && inner.length < 400) out.push(inner, ...inner.split('\\n'));
      for (const name of ['aria-label', 'placeholder', 'title', 'alt', 'aria-description'])
        if (el.getAttribute(name)) out.push(el.getAttribute(name));
      if (el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type))
        out.push(el.value);
    }
  };
  walk(document);
  return out;
}"""


def english_left(page, language: str, pages: bool = False, where: tuple[str, ...] = ()) -> list:
    """Texts on `page` still in English although `language` has its own words for them
    (`pages`: words of the server's pages, not the widget's; `where`: of these folders')."""
    if language == "en":
        return []
    found = catalogue(language, pages, where)
    left = set()
    for raw in page.evaluate(COLLECT_TEXTS):
        text = " ".join((raw or "").split())
        sentences = re.split(r"(?<=[.!?])\s+", text)  # "… published. Required fields …"
        for variant in {text, *sentences, *(part.rstrip(" *:").strip() for part in sentences)}:
            if variant and found.is_english(variant):
                left.add(variant)
    return sorted(left)


# What sticks out sideways: the document wider than the window, a box past its right edge,
# or a control or label whose text is wider than the control (clipped or spilling over).
# Inside a box that scrolls or clips on purpose (code, a wide table) nothing counts.
FIND_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className
       ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' "' + (el.innerText || el.value || '').trim().slice(0, 40) + '"';
  const ancestors = function* (el) {
    for (let up = el.parentElement || el.getRootNode().host; up && up !== document.documentElement;
         up = up.parentElement || (up.getRootNode() !== document ? up.getRootNode().host : null))
      yield up;
  };
  const clipping = ['auto', 'scroll', 'hidden', 'clip'];
  const clips = (el) => clipping.includes(getComputedStyle(el).overflowX);
  const contained = (el) => [...ancestors(el)].some(clips);
  // Inside a visually hidden box (1 px, clipped: a phone's table header), for screen readers.
  const unseen = (el) => [...ancestors(el)].some((up) => {
    const box = up.getBoundingClientRect();
    return (box.width <= 1 || box.height <= 1) && clips(up);
  });
  if (document.documentElement.scrollWidth > width)
    found.push('document ' + document.documentElement.scrollWidth + ' px wide in ' + width);
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      if (!el.checkVisibility({visibilityProperty: true})) continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || unseen(el)) continue;
      if (box.right > width + 1 && !contained(el))
        found.push(name(el) + ' reaches ' + Math.round(box.right) + ' px');
      const control = /^(BUTTON|LABEL|A|H[1-6]|TH|TD|LEGEND|SUMMARY)$/.test(el.tagName)
        || (el.tagName === 'INPUT' && ['submit', 'button'].includes(el.type));
      if (control && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0
          && getComputedStyle(el).display !== 'inline')
        found.push(name(el) + ' text ' + el.scrollWidth + ' px in ' + el.clientWidth);
    }
  };
  walk(document);
  return found;
}"""


def overflowing(page) -> list[str]:
    """What sticks out sideways on `page` at its current width."""
    return page.evaluate(FIND_OVERFLOW)


def axe_violations(page, exempt: frozenset[str] | set[str] = frozenset()) -> list[dict]:
    """axe-core over the page, shadow roots included (the way tests/browser/test_demo runs it)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result
        if v["id"] not in exempt
    ]


class Findings:
    """What the checks found, state by state, reported all at once at the end of a test."""

    def __init__(self, language: str, pages: bool = False, where: tuple[str, ...] = ()) -> None:
        self.language = language
        self.pages = pages
        self.where = where
        self.problems: dict[str, dict] = {}

    def check(self, page, state: str, axe: bool = True, exempt=frozenset()) -> None:
        found = {
            "english": english_left(page, self.language, self.pages, self.where),
            "overflow": overflowing(page),
            "axe": axe_violations(page, exempt) if axe else [],
        }
        found = {kind: items for kind, items in found.items() if items}
        if found:
            self.problems[state] = found

    def assert_none(self) -> None:
        assert self.problems == {}, json.dumps(self.problems, indent=1, ensure_ascii=False)


def make_app(tmp_path: Path, sqlite_template: Path, **overrides):
    """An app on a fresh copy of the migrated SQLite file, for a whole test module."""
    database = tmp_path / "tertulia.sqlite3"
    shutil.copy(sqlite_template, database)
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "test-secret-key",
        "RATELIMIT_ENABLED": False,
        "RATELIMIT_KEY_PREFIX": f"tertulia-test-lang-{uuid.uuid4().hex[:8]}",
        "FORM_TOKEN_MIN_AGE": 0,
        "DUPLICATE_WINDOW_MINUTES": 0,
        "THREAD_RATE_LIMIT": "10000 per hour",
        "EMAIL_RATE_LIMIT": "10000 per hour",
        **overrides,
    }
    return create_app(config)


def start_live(app) -> Live:
    """The service at comments.test and the demo news site at blog.test, with host pages."""
    service = LiveServer(app, "comments.test")
    app.config["PUBLIC_URL"] = service.url
    pages: dict[str, str] = {}
    fetch_base = f"http://127.0.0.1:{service.server.server_port}"
    blog_app = create_demo_site(service.url, fetch_base=fetch_base)

    @blog_app.get("/t/<name>")
    def host_page(name: str):
        return pages[name]

    blog = LiveServer(blog_app, "blog.test")
    with app.app_context():
        register_site("Blog", [blog.url], "none")
    return Live(app, service, blog, pages)


def stop_live(live: Live) -> None:
    live.blog.stop()
    live.service.stop()
    with live.app.app_context():
        db.engine.dispose()
