"""The pre-screen on the labelled sample (tests/fixtures/prescreen/): as good as measured.

The numbers are docs/moderation.md's; a model or word-list change that makes precision,
recall or the language found worse than them (by more than the margin) fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from widget.moderation.prescreen import Models

SAMPLE = Path(__file__).parent / "fixtures" / "prescreen"
THRESHOLD = 0.8  # the sites' default
MARGIN = 0.05
# language: (precision, recall, share of the sample detected as the language), measured.
MEASURED = {"en": (0.57, 0.21, 0.97), "es": (0.61, 0.44, 0.985)}


def _sample(language: str) -> list[tuple[bool, str, str]]:
    rows = [line.split("\t") for line in (SAMPLE / f"{language}.tsv").read_text().splitlines()]
    return [(label == "1", source, text) for label, source, text in rows]


@pytest.fixture(scope="module")
def models(prescreen_folder):
    return Models(prescreen_folder)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_sample_is_labelled_and_sourced(language):
    rows = _sample(language)
    assert len(rows) >= 200 and len({text for _, _, text in rows}) == len(rows)
    assert all(
        source.split(":")[0] in ("olid", "contradictorios", "newtral") for _, source, _ in rows
    )
    assert 0.1 < sum(toxic for toxic, _, _ in rows) / len(rows) < 0.5


@pytest.mark.parametrize("language", ["en", "es"])
def test_precision_recall_and_language_as_measured(models, language):
    found = [(toxic, models.screen(text)) for toxic, _, text in _sample(language)]
    hits = [(toxic, screening.toxicity >= THRESHOLD) for toxic, screening in found]
    true_positives = sum(toxic and hit for toxic, hit in hits)
    precision = true_positives / sum(hit for _, hit in hits)
    recall = true_positives / sum(toxic for toxic, _ in hits)
    detected = sum(screening.language == language for _, screening in found) / len(found)
    print(f"{language}: precision {precision:.2f}, recall {recall:.2f}, language {detected:.3f}")
    want_precision, want_recall, want_language = MEASURED[language]
    assert precision >= want_precision - MARGIN
    assert recall >= want_recall - MARGIN
    assert detected >= want_language - 0.01


def test_the_recorded_name_pins_the_model_that_scored(models):
    """The name stored with a score says package, version and function; the compact form
    gives what that function gives, so the name is true of every stored score."""
    from profanity_check import predict_prob

    from tests.prescreening import MODEL_EN

    texts = [text for _, _, text in _sample("en")]
    assert models.toxicity.name == MODEL_EN
    assert {
        models.screen(text).model for text in texts if models.screen(text).language == "en"
    } == {MODEL_EN}
    theirs = predict_prob(texts)
    assert max(abs(models.toxicity.score(t) - p) for t, p in zip(texts, theirs, strict=True)) < 1e-4


def test_a_word_list_score_names_the_list_that_gave_it():
    from widget.moderation.prescreen.toxicity import shipped_words, word_list_name

    name = word_list_name("es")
    assert name.startswith("word list es@") and len(name) == len("word list es@") + 8
    # Another list (here the empty one of a language without a list), another digest.
    assert len(shipped_words("es")) > 100
    assert word_list_name("xx").split("@")[1] != name.split("@")[1]
