"""embed.js as served: cacheable, small, and talking to no host but its own."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import brotli
import pytest

from widget.web.assets import served_bytes

STATIC = Path(__file__).resolve().parent.parent / "static"
EMBED = STATIC / "embed.js"
TOOLS = STATIC / "embed-tools.js"
# Signed-in readers (issue 23): loaded only when the page signs its reader in.
SIGN_IN = STATIC / "embed-sign-in.js"
WIDGET_FILES = [EMBED, TOOLS, SIGN_IN]
# Loaded only for a thread that needs it (issue 24): outside the two files' budget.
STORIES = STATIC / "embed-stories.js"
ALL_FILES = [EMBED, TOOLS, SIGN_IN, STORIES]
STORIES_BUDGET = 3 * 1024
# bytes, gzip -9 of what is served (the source without comments and indentation,
# widget/web/assets.py): what a reader downloads before the first comments paint.
GZIP_BUDGET = 8_192
# embed.js and the second file it loads after the first paint, together: less than Isso's 20 KB.
GZIP_BUDGET_BOTH = 14 * 1024
# The signed-in readers' file, on top of them (only some sites' readers download it).
GZIP_BUDGET_SIGN_IN = 3 * 1024
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# A JavaScript string literal in single or double quotes, or a template literal.
STRING_LITERAL = re.compile(r"""(["'`])((?:\\.|(?!\1)[^\\\n])*)\1""")
# A URL that names a host (prose such as "starts with http:// or https://." names none).
URL_WITH_HOST = re.compile(r"https?://[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9](?::\d+)?[^\s\"'`]*")


def _source(path: Path = EMBED) -> str:
    return path.read_text(encoding="utf-8")


def _served(path: Path) -> bytes:
    return served_bytes(path.read_bytes(), path.name)


def _get(client, headers: dict | None = None, path: str = "/embed.js"):
    """GET a widget file, read and closed (the test client streams the file, as a server would)."""
    with client.get(path, headers=headers or {}) as response:
        response.get_data()
    return response


def test_embed_js_is_served_cacheable_with_an_etag(client):
    response = _get(client)
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.get_data() == _served(EMBED)
    etag = response.headers.get("ETag")
    assert etag
    assert response.cache_control.max_age and response.cache_control.max_age > 0
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # A page of any origin embeds it.
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"

    again = _get(client, {"If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""
    assert again.headers.get("ETag") == etag

    changed = _get(client, {"If-None-Match": '"another-version"'})
    assert changed.status_code == 200


def test_embed_js_fits_the_size_budget(client, capsys):
    sizes = {}
    for path in WIDGET_FILES:
        source = path.read_bytes()
        raw = _served(path)
        gzipped = len(gzip.compress(raw, compresslevel=9))
        brotlied = len(brotli.compress(raw, quality=11))
        assert brotlied < gzipped < len(raw) < len(source)
        # What a browser gets is what was measured.
        served = _get(client, {"Accept-Encoding": "gzip"}, f"/{path.name}")
        assert served.headers["Content-Encoding"] == "gzip"
        assert len(served.get_data()) <= gzipped + 32  # the same bytes, give or take the header
        sizes[path.name] = gzipped
        with capsys.disabled():
            print(
                f"\n{path.name}: {len(source):,} B source, {len(raw):,} B served, "
                f"{gzipped:,} gzip, {brotlied:,} brotli"
            )
    first = sizes["embed.js"]
    assert first <= GZIP_BUDGET, f"embed.js is {first:,} B gzipped, over {GZIP_BUDGET:,}"
    sign_in = sizes.pop(SIGN_IN.name)
    assert sign_in <= GZIP_BUDGET_SIGN_IN, f"embed-sign-in.js is {sign_in:,} B gzipped"
    both = sum(sizes.values())
    assert both < GZIP_BUDGET_BOTH, f"both files are {both:,} B gzipped, over {GZIP_BUDGET_BOTH:,}"


@pytest.mark.parametrize(("path", "name"), [(TOOLS, "TOOLS"), (SIGN_IN, "SIGN_IN")])
def test_embed_js_names_the_tools_file_it_was_made_with(path, name):
    """A new embed-tools.js gets a new URL, so a year-long browser cache never serves an old one."""
    version = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    named = re.search(rf'var {name} = "(\w+)";', _source())
    assert named, f"embed.js lost its {name} version"
    assert named.group(1) == version, f'set var {name} = "{version}"; in static/embed.js'


def test_embed_js_names_the_stories_file_it_was_made_with(client, capsys):
    """The third file, versioned the same way, and small."""
    version = hashlib.sha256(STORIES.read_bytes()).hexdigest()[:10]
    named = re.search(r'var STORIES = "(\w+)";', _source())
    assert named and named.group(1) == version, f'set var STORIES = "{version}"; in static/embed.js'
    kept = _get(client, path=f"/embed-stories.js?v={version}")
    assert kept.status_code == 200 and "immutable" in kept.headers["Cache-Control"]
    gzipped = len(gzip.compress(_served(STORIES), compresslevel=9))
    with capsys.disabled():
        print(f"\nembed-stories.js: {gzipped:,} gzip")
    assert gzipped <= STORIES_BUDGET


def test_the_tools_file_is_served_like_embed_js_and_kept_for_good_at_its_version(client):
    plain = _get(client, path="/embed-tools.js")
    assert plain.status_code == 200
    assert plain.mimetype == "text/javascript"
    assert plain.get_data() == _served(TOOLS)
    assert plain.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "immutable" not in plain.headers["Cache-Control"]

    version = hashlib.sha256(TOOLS.read_bytes()).hexdigest()[:10]
    kept = _get(client, path=f"/embed-tools.js?v={version}")
    assert kept.cache_control.max_age >= 365 * 24 * 3600
    assert "immutable" in kept.headers["Cache-Control"]
    stale = _get(client, path="/embed-tools.js?v=0123456789")
    assert "immutable" not in stale.headers["Cache-Control"]


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda path: path.name)
def test_embed_js_names_no_host_but_its_own(path):
    source = _source(path)
    literal_urls = [
        body
        for _, body in STRING_LITERAL.findall(source)
        if body.lstrip().lower().startswith(("http://", "https://", "//"))
    ]
    allowed = [SVG_NAMESPACE] if path == EMBED else []  # the identicon's SVG namespace
    assert literal_urls == allowed
    # Nor anywhere else (comments, concatenations): the only URL with a host is the namespace.
    assert set(URL_WITH_HOST.findall(source)) == set(allowed)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda path: path.name)
def test_embed_js_is_strict_and_uses_no_code_from_strings(path):
    # That user text reaches the page only as text is shown in Chromium, with every XSS
    # vector through every write path: tests/browser/test_xss.py.
    source = _source(path)
    assert '"use strict";' in source
    for forbidden in (
        "eval(",
        "document.write",
        "new Function",
        "outerHTML",
        "insertAdjacentHTML",
        "createContextualFragment",
    ):
        assert forbidden not in source, forbidden
    assert not re.search(r"set(?:Timeout|Interval)\(\s*[\"'`]", source), "a string as code"


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda path: path.name)
def test_each_file_carries_english_only_each_key_once(path):
    # Other languages come from the catalogues (widget/translations, `flask i18n build`).
    source = _source(path)
    block = source[source.index("var I18N = {") : source.index("\n};", source.index("var I18N"))]
    tables = re.split(r"\n  (\w+): \{\n", block)[1:]
    languages = dict(zip(tables[::2], tables[1::2], strict=True))
    assert set(languages) == {"en"}
    found = re.findall(r"(?:^|[{,]\s*)(\w+):", languages["en"], re.M)
    top = [key for key in found if key not in ("zero", "one", "other")]
    assert len(top) == len(set(top)), "a key is defined twice"
