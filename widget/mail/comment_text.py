"""A comment as mail shows it, made from its safe HTML (never from the Markdown it was typed in).

The plain-text part gets words without markup: paragraphs, line breaks, list items and
quotes laid out as text. The HTML part gets the formatting back (bold, italics, quotes,
lists, code) but no link: a link's address is shown as text beside its words, so a
comment cannot put a disguised link in a mail sent in our name.
"""

from __future__ import annotations

import textwrap
from html.parser import HTMLParser

from markupsafe import Markup, escape

# Tags kept in the HTML part, without any attribute but the style given here.
MAIL_TAGS = {
    "p": "margin:0 0 12px",
    "br": "",
    "strong": "",
    "em": "",
    "code": "font-family:monospace",
    "pre": "margin:0 0 12px;white-space:pre-wrap;font-family:monospace",
    "blockquote": "margin:0 0 12px;padding-left:10px;border-left:3px solid #c4c7c5;color:#5e6166",
    "ul": "margin:0 0 12px;padding-left:20px",
    "ol": "margin:0 0 12px;padding-left:20px",
    "li": "",
}
BLOCKS = {"p", "pre", "blockquote", "ul", "ol"}
QUOTE_MARK = "│ "


class _Walker(HTMLParser):
    """Reads a comment's sanitised HTML once; collects both forms."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html: list[str] = []
        # finished plain-text blocks (with their quote marks), and what each is: p, li, pre
        self.blocks: list[tuple[str, str]] = []
        self.kind = "p"
        self.line: list[str] = []  # the plain text of the block being read
        self.quote_depth = 0
        self.lists: list[list[int]] = []  # per open list: [next number] (ol) or [] (ul)
        self.href: str | None = None
        self.link_text: list[str] = []

    # ---- plain text ----
    def _flush(self, kind: str = "p") -> None:
        text = "".join(self.line).strip("\n")
        self.line = []
        if text.strip():
            prefix = QUOTE_MARK * self.quote_depth
            self.blocks.append(("\n".join(prefix + row for row in text.split("\n")), self.kind))
        self.kind = kind

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.href, self.link_text = dict(attrs).get("href") or "", []
            return
        if tag in BLOCKS or tag == "li":
            self._flush(tag if tag in ("li", "pre") else "p")
        if tag == "blockquote":
            self.quote_depth += 1
        elif tag in ("ul", "ol"):
            start = dict(attrs).get("start")
            self.lists.append(
                [int(start) if start and start.isdigit() else 1] if tag == "ol" else []
            )
        elif tag == "li" and self.lists:
            numbers = self.lists[-1]
            marker = f"{numbers[0]}. " if numbers else "• "
            if numbers:
                numbers[0] += 1
            self.line.append("  " * (len(self.lists) - 1) + marker)
        elif tag == "br":
            self.line.append("\n")
        if tag in MAIL_TAGS:
            style = MAIL_TAGS[tag]
            self.html.append(Markup(f'<{tag} style="{style}">' if style else f"<{tag}>"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "a":
            self._link_done()
            return
        if tag in BLOCKS or tag == "li":
            self._flush()
        if tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in MAIL_TAGS and tag != "br":
            self.html.append(Markup(f"</{tag}>"))

    def handle_data(self, data):
        if self.href is not None:
            self.link_text.append(data)
            return
        self.line.append(data)
        self.html.append(escape(data))

    def _link_done(self) -> None:
        words, href = "".join(self.link_text), self.href or ""
        shown = words if not href or words.strip() == href.removeprefix("mailto:") else ""
        text = shown or f"{words} ({href.removeprefix('mailto:')})"
        self.href = None
        self.line.append(text)
        self.html.append(escape(text))


def _walk(html: str) -> _Walker:
    walker = _Walker()
    walker.feed(html)
    walker.close()
    walker._flush()
    return walker


def plain_text(html: str, width: int = 76) -> str:
    """The comment as plain text: no markup characters, long lines wrapped for mail."""
    paragraphs: list[str] = []
    previous = ""
    for block, kind in _walk(html).blocks:
        if kind == "pre":  # code keeps its lines and spaces
            paragraphs.append(("\n\n" if paragraphs else "") + block)
            previous = kind
            continue
        rows = []
        for row in block.split("\n"):
            quote = row[: len(row) - len(row.lstrip(QUOTE_MARK))]
            body = row[len(quote) :]
            wrapped = textwrap.wrap(
                body, width - len(quote), break_long_words=False, break_on_hyphens=False
            ) or [""]
            rows.extend(quote + part for part in wrapped)
        # A list's items on lines of their own; blocks apart by a blank line.
        joint = "\n" if kind == previous == "li" else "\n\n"
        paragraphs.append((joint if paragraphs else "") + "\n".join(rows))
        previous = kind
    return "".join(paragraphs)


def mail_html(html: str) -> Markup:
    """The comment's formatting for the HTML part, its links shown as text."""
    return Markup("").join(_walk(html).html)
