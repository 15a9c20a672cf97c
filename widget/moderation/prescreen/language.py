"""Language of a comment: py3langid's model from its compact, memory-mapped form.

The byte-DFA and the naive Bayes table are mapped from the prepared files (prepare.py),
so every worker shares the same pages; the walk is plain Python over `memoryview`s, the
table lookup one numpy product over the comment's features.
"""

from __future__ import annotations

import json
import math
import mmap
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

# Below this many letters a guess is not worth holding a comment for ("ok", "+1", "jaja").
MIN_LETTERS = 20


def _mapped(path: Path, code: str) -> memoryview:
    with path.open("rb") as file:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    return memoryview(mapped).cast(code)


class LanguageModel:
    """py3langid's identifier over all its languages."""

    def __init__(self, folder: Path) -> None:
        meta = json.loads((folder / "language.json").read_text())
        self.name: str = meta["model"]
        self._classes: list[str] = meta["classes"]
        self._pc = np.asarray(meta["pc"], dtype=np.float32)
        self._nextmove = _mapped(folder / "language-nextmove.u32", "I")
        self._rowbase = _mapped(folder / "language-rowbase.u32", "I")
        self._output = _mapped(folder / "language-output.i32", "i")
        self._ptc = np.load(folder / "language-ptc.npy", mmap_mode="r")

    def detect(self, text: str) -> tuple[str, float] | None:
        """(language, probability), or None for a text too short to tell."""
        if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
            return None
        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
        nextmove, rowbase, output = self._nextmove, self._rowbase, self._output
        state, features = 0, []
        for byte in data:
            state = nextmove[rowbase[state] + byte]
            feature = output[state]
            if feature >= 0:
                features.append(feature)
        if not features:
            return None
        counts = Counter(features)
        index = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        weights = np.log1p(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
        scores = weights @ self._ptc[index].astype(np.float32) + self._pc
        # As py3langid's norm_probs: a softmax at temperature sqrt(bytes).
        scores *= 1.0 / math.sqrt(len(data))
        scores = np.exp(scores - scores.max())
        probabilities = scores / scores.sum()
        best = int(probabilities.argmax())
        language = self._classes[best]
        same = [i for i, c in enumerate(self._classes) if c == language]  # aliased columns
        return language, float(probabilities[same].sum())
