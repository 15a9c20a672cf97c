"""Comment text -> safe HTML: a small Markdown subset, then an allowlist sanitiser.

Rendered once, when a comment is written, and stored; reads never render.
"""

from __future__ import annotations

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


def render_comment(text: str) -> str:
    """Render comment text to HTML that is safe to put into any page."""
    return sanitize(_parser.render(text))


def sanitize(html: str) -> str:
    """Keep only allowlisted tags, attributes and URL schemes; links get our rel."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()
