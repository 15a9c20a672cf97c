"""The Spanish word list measured on comments that did not shape it (5-fold, held out).

The shipped list was corrected after reading all 200 labelled Spanish comments, so its
figure on them is in-sample. This repeats that correction as a fixed procedure on 4/5 of
the sample and scores the other 1/5, five times (the fold of each comment is a fixture:
`tests/fixtures/prescreen/es-folds.tsv`, stratified by label, seed 25):

- start from the list as first written, before the sample was read;
- keep a first-list word unless, in the training folds, it hits more comments labelled
  not hurtful than hurtful (how "basura", "mierda" and "rata" went);
- add a word of the corrected list only if the training folds show it in at least one
  hurtful comment and in no more unhurtful ones than hurtful (a word seen only in the
  held-out fold could not have been added by reading the other four).

The held-out precision and recall are docs/moderation.md's Spanish figures.
"""

from __future__ import annotations

import re
from pathlib import Path

from widget.moderation.prescreen.toxicity import shipped_words, words_score

SAMPLE = Path(__file__).parent / "fixtures" / "prescreen"
THRESHOLD = 0.8
MARGIN = 0.05
# Measured: 5 of 9 flagged are hurtful, 5 of the 32 hurtful are flagged.
HELD_OUT = {"precision": 0.56, "recall": 0.16}
_WORD = re.compile(r"\w+")


def _words(path: Path) -> set[str]:
    lines = (line.split("#")[0].strip().lower() for line in path.read_text().splitlines())
    return {" ".join(_WORD.findall(line)) for line in lines if line}


def _sample() -> list[tuple[bool, str, str]]:
    rows = [line.split("\t") for line in (SAMPLE / "es.tsv").read_text().splitlines()]
    return [(label == "1", source, text) for label, source, text in rows]


def _folds() -> dict[str, int]:
    rows = (line.split("\t") for line in (SAMPLE / "es-folds.tsv").read_text().splitlines())
    return {source: int(fold) for source, fold in rows}


def _corrected(first: set[str], candidates: set[str], training) -> set[str]:
    """The procedure above, on the training comments."""
    kept = set()
    for word in first | candidates:
        hurtful = sum(1 for toxic, _, text in training if toxic and words_score(text, [word]))
        other = sum(1 for toxic, _, text in training if not toxic and words_score(text, [word]))
        if other <= hurtful and (word in first or hurtful >= 1):
            kept.add(word)
    return kept


def _counts(hits: list[tuple[bool, bool]]) -> tuple[int, int, int]:
    """(true positives, flagged, hurtful)."""
    return (
        sum(toxic and hit for toxic, hit in hits),
        sum(hit for _, hit in hits),
        sum(toxic for toxic, _ in hits),
    )


def test_every_comment_has_one_fold_and_each_fold_a_fifth_of_each_label():
    rows, folds = _sample(), _folds()
    assert sorted(folds) == sorted(source for _, source, _ in rows)
    for fold in range(1, 6):
        held = [toxic for toxic, source, _ in rows if folds[source] == fold]
        assert 39 <= len(held) <= 41 and 6 <= sum(held) <= 7


def test_the_word_list_held_out_is_as_measured():
    rows, folds = _sample(), _folds()
    first = _words(SAMPLE / "es-first-list.txt")
    shipped = {" ".join(_WORD.findall(w)) for w in shipped_words("es")}
    hits = []
    for fold in range(1, 6):
        training = [row for row in rows if folds[row[1]] != fold]
        listed = _corrected(first, shipped - first, training)
        hits += [
            (toxic, words_score(text, listed) >= THRESHOLD)
            for toxic, source, text in rows
            if folds[source] == fold
        ]
    true_positives, flagged, hurtful = _counts(hits)
    precision, recall = true_positives / flagged, true_positives / hurtful
    in_sample = _counts(
        [(toxic, words_score(text, shipped) >= THRESHOLD) for toxic, _, text in rows]
    )
    print(
        f"es held out: precision {precision:.2f}, recall {recall:.2f} "
        f"({true_positives} / {flagged} / {hurtful}); in sample (shipped list): {in_sample}"
    )
    assert precision >= HELD_OUT["precision"] - MARGIN
    assert recall >= HELD_OUT["recall"] - MARGIN
