"""Read the models the pre-screen's packages ship, once, into compact files we evaluate.

Run in its own process (`python -m widget.moderation.prescreen.prepare FOLDER`, which
`tertulia prescreen prepare` and the first start with the pre-screen on do), so that
scikit-learn, scipy and joblib are imported here and never in a web worker.

- Toxicity: alt-profanity-check is a TF-IDF vectoriser (words, English stop words, l2
  norm) and a calibrated linear SVM (one per fold, each with a sigmoid). Both are linear
  over the words, so the whole model is, per word, its idf and one weight per fold:
  `toxicity.json`. Scoring it is a sum over a comment's known words (toxicity.py).
- Language: py3langid is a byte-DFA over n-grams and a naive Bayes table. Its arrays are
  written raw, to be memory-mapped by every worker (the pages are shared between them).
"""

from __future__ import annotations

import io
import json
import lzma
import os
import sys
from importlib import metadata, resources
from pathlib import Path

FORMAT = 2  # bump when the files' layout or names change: a new folder is prepared


def cache_name() -> str:
    """The folder name for the installed packages' versions (a new version, a new folder)."""
    versions = "-".join(
        metadata.version(package) for package in ("alt-profanity-check", "py3langid")
    )
    return f"v{FORMAT}-{versions}"


def _toxicity(folder: Path) -> None:
    import joblib

    data = resources.files("profanity_check") / "data"
    vectorizer = joblib.load(data / "vectorizer.joblib")
    model = joblib.load(data / "model.joblib")
    params = vectorizer.get_params()
    assert params["analyzer"] == "word" and params["ngram_range"] == (1, 1), params
    assert params["norm"] == "l2" and params["use_idf"] and not params["sublinear_tf"], params
    folds = model.calibrated_classifiers_
    vocabulary = vectorizer.vocabulary_
    idf = vectorizer.idf_
    weights = [fold.estimator.coef_[0] for fold in folds]
    words = {
        word: [round(float(idf[i]), 5), *(round(float(w[i]), 6) for w in weights)]
        for word, i in vocabulary.items()
    }
    out = {
        # The package, its version and the function whose output score() reproduces.
        "model": f"alt-profanity-check {metadata.version('alt-profanity-check')} predict_prob",
        "token_pattern": params["token_pattern"],
        "intercepts": [float(fold.estimator.intercept_[0]) for fold in folds],
        # sklearn's sigmoid calibration: p = 1 / (1 + exp(a * decision + b)), averaged.
        "a": [float(fold.calibrators[0].a_) for fold in folds],
        "b": [float(fold.calibrators[0].b_) for fold in folds],
        "words": words,
    }
    (folder / "toxicity.json").write_text(json.dumps(out, separators=(",", ":")))


def _language(folder: Path) -> None:
    import numpy as np

    source = resources.files("py3langid") / "data" / "model.npz.xz"
    with lzma.open(io.BytesIO(source.read_bytes())) as raw, np.load(io.BytesIO(raw.read())) as d:
        rows = np.ascontiguousarray(d["nextmove"], dtype=np.uint32)
        # A state's row offset in `rows`, pre-shifted as py3langid does (row << 8).
        rowbase = np.asarray(d["nextmove_row"], dtype=np.uint32) << np.uint32(8)
        rows.tofile(folder / "language-nextmove.u32")
        rowbase.tofile(folder / "language-rowbase.u32")
        np.asarray(d["out_feat"], dtype=np.int32).tofile(folder / "language-output.i32")
        np.save(folder / "language-ptc.npy", np.ascontiguousarray(d["ptc"], dtype=np.float16))
        meta = {
            "model": f"py3langid {metadata.version('py3langid')}",
            "classes": d["classes"].tolist(),
            "pc": [float(x) for x in d["pc"]],
        }
    (folder / "language.json").write_text(json.dumps(meta))


def prepare(parent: Path) -> Path:
    """Write the compact files into `parent/<versions>` (atomically); return that folder."""
    final = parent / cache_name()
    if (final / "done").exists():
        return final
    work = parent / f".{final.name}.{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    _toxicity(work)
    _language(work)
    (work / "done").write_text("ok\n")
    try:
        work.rename(final)
    except OSError:  # another process prepared it meanwhile: keep theirs
        for path in work.iterdir():
            path.unlink()
        work.rmdir()
    return final


if __name__ == "__main__":
    print(prepare(Path(sys.argv[1])))
