"""Toxicity 0-1: alt-profanity-check's model, evaluated from its compact form, and word lists.

The model is linear over words (see prepare.py), so a score is a sum over the comment's
known words per fold, a sigmoid each, then their mean: what the package computes, without
scikit-learn. Languages without a model are scored by word lists (the shipped list of the
language, plus the site's own hold words).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

WORDS = Path(__file__).parent / "words"


class ToxicityModel:
    """The English model: per word its idf and one weight per fold."""

    def __init__(self, path: Path) -> None:
        data = json.loads(path.read_text())
        self.name: str = data["model"]
        self._token = re.compile(data["token_pattern"])
        self._words: dict[str, list[float]] = data["words"]
        self._folds = list(zip(data["intercepts"], data["a"], data["b"], strict=True))

    def score(self, text: str) -> float:
        """The probability that `text` is offensive, as the package's predict_prob gives it."""
        counts = Counter(self._token.findall(text.lower()))
        known = [(self._words[w], n) for w, n in counts.items() if w in self._words]
        norm = math.sqrt(sum((row[0] * n) ** 2 for row, n in known)) or 1.0
        total = 0.0
        for fold, (intercept, a, b) in enumerate(self._folds, start=1):
            decision = intercept + sum(row[0] * n * row[fold] for row, n in known) / norm
            total += 1.0 / (1.0 + math.exp(a * decision + b))
        return total / len(self._folds)


_WORD = re.compile(r"\w+", re.UNICODE)


@cache
def shipped_words(language: str) -> frozenset[str]:
    """The shipped list of offensive words of a language (one per line; # comments)."""
    path = WORDS / f"{language}.txt"
    if not path.is_file():
        return frozenset()
    lines = (line.split("#")[0].strip().lower() for line in path.read_text().splitlines())
    return frozenset(line for line in lines if line)


@cache
def word_list_name(language: str) -> str:
    """The name recorded with a word-list score: the language and a digest of the shipped
    list, so a score can be traced to the exact list that gave it."""
    words = "\n".join(sorted(shipped_words(language)))
    return f"word list {language}@{hashlib.sha256(words.encode()).hexdigest()[:8]}"


def words_score(text: str, listed: Iterable[str]) -> float:
    """0 with no listed word; 0.85 with one; 1 with two or more (distinct) words or phrases."""
    padded = f" {' '.join(_WORD.findall(text.lower()))} "
    found = sum(1 for word in set(listed) if word and f" {word} " in padded)
    return 0.0 if not found else min(1.0, 0.6 + 0.25 * found)


def word_list_score(text: str, language: str, site_words: str = "") -> float:
    """The score by the language's shipped list plus the site's hold words."""
    listed = shipped_words(language) | {
        " ".join(_WORD.findall(w)) for w in site_words.lower().splitlines() if w.strip()
    }
    return words_score(text, listed)
