"""Comment text -> safe HTML: a small Markdown subset, then an allowlist sanitiser.

Rendered once, when a comment is written, and stored; reads never render.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

LINK_REL = "nofollow ugc noopener"
ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
)
# "*": set() also drops the sanitiser's default generic attributes (title, lang).
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}, "*": set()}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# "zero" enables nothing; we switch on only the subset we promise.
_BLOCK_RULES = ["paragraph", "code", "fence", "blockquote", "list"]
_INLINE_RULES = [
    "text",
    "newline",
    "escape",
    "backticks",
    "emphasis",
    "link",
    "image",
    "autolink",
    "linkify",
    "entity",
]


def _image_as_link(_renderer, tokens, idx, _options, _env) -> str:
    """Images are never loaded: the reader gets a link with the alt text."""
    token = tokens[idx]
    src = token.attrGet("src") or ""
    label = "".join(child.content for child in token.children or []) or src
    return f'<a href="{escapeHtml(src)}">{escapeHtml(label)}</a>'


def _make_parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": False, "linkify": True, "breaks": True})
    parser.enable(_BLOCK_RULES + _INLINE_RULES + ["linkify"])
    parser.add_render_rule("image", _image_as_link)
    # Links like "example.com" without a scheme stay text; only full URLs link.
    parser.linkify.set({"fuzzy_link": False, "fuzzy_email": False})
    return parser


_parser = _make_parser()


def render_comment(text: str, markup: str = "markdown") -> str:
    """Render comment text (Markdown, or imported HTML) to HTML that is safe in any page."""
    if markup == "html":
        return sanitize(autop(text))
    return sanitize(_parser.render(text))


# Blocks that WordPress does not wrap in a paragraph of its own.
_BLOCK_START = re.compile(r"^\s*<(p|div|blockquote|ul|ol|li|pre|h[1-6]|table|dl|hr)\b", re.I)
_BLANK_LINES = re.compile(r"\n\s*\n")


def autop(html: str) -> str:
    """Paragraphs from blank lines and breaks from single newlines, as WordPress shows a
    comment (its wpautop); the result still goes through `sanitize`."""
    html = html.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = []
    for block in _BLANK_LINES.split(html):
        block = block.strip()
        if not block:
            continue
        if _BLOCK_START.match(block) or "<pre" in block.lower():
            blocks.append(block)
        else:
            blocks.append("<p>" + block.replace("\n", "<br>\n") + "</p>")
    return "\n".join(blocks)


def sanitize(html: str) -> str:
    """Keep only allowlisted tags, attributes and URL schemes; links get our rel."""
    return _CLEANER.clean(html).strip()


# Built once: nh3.clean would convert the allowlists on every call (half its time).
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)
