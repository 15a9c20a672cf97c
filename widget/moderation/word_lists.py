"""The sites' word lists: whole words and phrases, case- and accent-folded, `*` a wildcard.

A list is one entry per line. "press" matches "Press" and "PRESS!" but not "WordPress";
"cabrón" matches "CABRON"; "wire transfer" matches "Wire   transfer"; "idiot*" matches
"idiots" and "idiotic", "*coin" matches "bitcoin". A `*` counts as a wildcard only at the
start or the end of an entry (inside one it is a plain asterisk): wildcards inside would let
one crafted comment cost time in the square of its length. Each list becomes one regular
expression shaped as a trie (an alternation per shared prefix), so a post costs about one
pass over its text however long the list is (bench/word_lists.py). It is compiled once per
list text: a change of the site's lists makes a new text and so a new expression.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WILDCARD = "*"
_ANY = "\x00"  # a wildcard, in an entry as compiled (no text holds a NUL: validation)
_SPACES = re.compile(r"\s+")
# Inside the expression: a wildcard is any run of word characters, a space any run of spaces.
_PIECE = {_ANY: r"\w*", " ": r"\s+"}


def fold(text: str) -> str:
    """Text as compared: compatibility forms unfolded, accents dropped, case folded."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold()


def entries(words: str) -> dict[str, str]:
    """A list's entries, folded and spaces collapsed (blanks and repeats dropped): each
    with the line as the site wrote it."""
    found: dict[str, str] = {}
    for line in (words or "").replace(_ANY, "").splitlines():
        entry = _SPACES.sub(" ", fold(line)).strip()
        core = entry.strip(WILDCARD + " ")
        if core:
            before = _ANY if entry.startswith(WILDCARD) else ""
            after = _ANY if entry.endswith(WILDCARD) else ""
            found.setdefault(before + core + after, line.strip())
    return found


def _trie_pattern(node: dict) -> str:
    """The expression of a trie node: its branches as one alternation (longest first)."""
    end = "" in node
    branches = []
    for piece in sorted((k for k in node if k), reverse=True):
        atom = _PIECE.get(piece) or re.escape(piece)
        branches.append(atom + _trie_pattern(node[piece]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        # The shorter entry ends here; the longer ones are tried first, then nothing.
        body = "(?:" + body + ")?" if len(branches) == 1 else body[:-1] + "|)"
    return body


class WordList:
    """One compiled list: `first(text)` is the first entry found in `text`, or None."""

    def __init__(self, words: str) -> None:
        self.entries = entries(words)
        trie: dict = {}
        for entry in self.entries:
            node = trie
            for ch in entry:
                node = node.setdefault(ch, {})
            node[""] = {}
        self._plain = {e: line for e, line in self.entries.items() if _ANY not in e}
        self._wild = [
            (line, re.compile(_entry_pattern(e))) for e, line in self.entries.items() if _ANY in e
        ]
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + _trie_pattern(trie) + r")(?!\w)") if trie else None
        )

    def first(self, text: str) -> str | None:
        """The first listed entry (as the site wrote it) found in `text`."""
        if self._pattern is None:
            return None
        found = self._pattern.search(fold(text))
        if found is None:
            return None
        match = _SPACES.sub(" ", found.group(0))
        if match in self._plain:
            return self._plain[match]
        return next((e for e, p in self._wild if p.fullmatch(match)), match)

    def __bool__(self) -> bool:
        return self._pattern is not None


def _entry_pattern(entry: str) -> str:
    return "".join(_PIECE.get(ch) or re.escape(ch) for ch in entry)


@lru_cache(maxsize=256)
def compiled(words: str) -> WordList:
    """The list of this text, compiled once (the key is the text: a change is a new list)."""
    return WordList(words)
