"""Which English toxicity model the pre-screen uses, chosen by measuring (issue 25).

Scores the labelled English sample (tests/fixtures/prescreen/en.tsv, 200 comments) with
every candidate that ships its weights or word list inside its wheel (nothing fetched at
run time), and prints, per candidate: precision, recall and F1 at the sites' default
threshold (0.8; a yes/no filter flags with 1; F1 at 0.5 beside it), the median ms to
score one comment (models loaded, second pass) and the memory the candidate adds to a
fresh interpreter (RSS after loading and scoring, and its peak, less the interpreter's
own). docs/moderation.md keeps the table and the reasoning.

Each candidate runs in its own process, with its own interpreter when given
(`--python NAME=PATH`): several install the same module (`profanity_check`), so each
needs a virtualenv of its own. A candidate that does not import there is listed as such.

    python bench/prescreen_models.py --python alt-profanity-check=/venvs/alt/bin/python ...
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "prescreen" / "en.tsv"
THRESHOLD = 0.8

_PROFANITY_CHECK = (
    "from profanity_check import predict_prob\nscore = lambda text: float(predict_prob([text])[0])"
)
# name: (distribution whose version is shown, code that defines score(text) -> 0..1)
CANDIDATES = {
    "tertulia": (
        "alt-profanity-check",
        "from widget.moderation.prescreen.toxicity import ToxicityModel\n"
        "score = ToxicityModel(FOLDER / 'toxicity.json').score",
    ),
    "alt-profanity-check": ("alt-profanity-check", _PROFANITY_CHECK),
    "profanity-check": ("profanity-check", _PROFANITY_CHECK),
    "profanity-check2": ("profanity-check2", _PROFANITY_CHECK),
    "bleepy-profanity-check": ("bleepy-profanity-check", _PROFANITY_CHECK),
    "profanity-protector": (
        "profanity-protector",
        _PROFANITY_CHECK.replace("profanity_check", "profanity_protector"),
    ),
    "best-profanity": (
        "best-profanity",
        _PROFANITY_CHECK.replace("profanity_check", "best_profanity"),
    ),
    "better-profanity": (
        "better-profanity",
        "from better_profanity import profanity\n"
        "profanity.load_censor_words()\n"
        "score = lambda text: float(profanity.contains_profanity(text))",
    ),
    "glin-profanity": (
        "glin-profanity",
        "from glin_profanity import Filter\n"
        "_filter = Filter({'languages': ['english']})\n"
        "score = lambda text: float(_filter.is_profane(text))",
    ),
    "profanityfilter": (
        "profanityfilter",
        "from profanityfilter import ProfanityFilter\n"
        "_filter = ProfanityFilter()\n"
        "score = lambda text: float(_filter.is_profane(text))",
    ),
    "toxic-comment-classifier": (
        "toxic-comment-classifier",
        "from toxic_classifier.model import ToxicCommentClassifier\n"
        "_model = ToxicCommentClassifier()\n"
        "score = lambda text: _model.classify(text)['toxic']",
    ),
}

# Run in the candidate's interpreter: load, score everything twice, report.
CHILD = r"""
import json, sys, time
from importlib import metadata
from pathlib import Path

def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024

job = json.load(sys.stdin)
FOLDER = Path(job["folder"]) if job["folder"] else None
base = rss("VmRSS")
exec(job["load"])
scores = [score(text) for text in job["texts"]]
times = []
for text in job["texts"]:
    began = time.perf_counter()
    score(text)
    times.append((time.perf_counter() - began) * 1000)
print(json.dumps({
    "version": metadata.version(job["dist"]),
    "scores": scores,
    "times": times,
    "added_mb": rss("VmRSS") - base,
    "peak_mb": rss("VmHWM") - base,
}))
"""


def sample() -> list[tuple[bool, str]]:
    """(hurtful, text) for each labelled English comment."""
    rows = [line.split("\t") for line in SAMPLE.read_text().splitlines()]
    return [(label == "1", text) for label, _, text in rows]


def run(name: str, python: str, folder: str, texts: list[str]) -> dict:
    """One candidate's scores, times and memory, or why it did not run."""
    dist, load = CANDIDATES[name]
    job = {"dist": dist, "load": load, "folder": folder, "texts": texts}
    done = subprocess.run(
        [python, "-c", CHILD],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return {"error": said.split(" (")[0][:120]}  # the error, not the file it names
    return json.loads(done.stdout.strip().splitlines()[-1])


def quality(labels: list[bool], scores: list[float], threshold: float = THRESHOLD) -> dict:
    """Precision, recall and F1 of 'score >= threshold' against the labels."""
    flagged = [s >= threshold for s in scores]
    hits = sum(f and t for f, t in zip(flagged, labels, strict=True))
    precision = hits / sum(flagged) if any(flagged) else 0.0
    recall = hits / sum(labels)
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "flagged": sum(flagged)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--python",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="the interpreter (a virtualenv's) that has candidate NAME installed",
    )
    parser.add_argument("--only", help="comma-separated candidates (default: all)")
    args = parser.parse_args()
    pythons = dict(item.split("=", 1) for item in args.python)
    names = args.only.split(",") if args.only else list(CANDIDATES)
    rows = sample()
    labels, texts = [toxic for toxic, _ in rows], [text for _, text in rows]
    with tempfile.TemporaryDirectory() as parent:
        folder = ""
        if "tertulia" in names:
            from widget.moderation.prescreen import prepared_folder

            folder = str(prepared_folder(Path(parent)))
        print(f"{len(rows)} English comments, {sum(labels)} hurtful; threshold {THRESHOLD}\n")
        print(
            "| candidate | version | precision | recall | F1 | flagged | F1 at 0.5 "
            "| median ms | MB added (peak) |"
        )
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for name in names:
            found = run(name, pythons.get(name, sys.executable), folder, texts)
            if "error" in found:
                print(f"| {name} | not run here: {found['error']} | | | | | | | |")
                continue
            q = quality(labels, found["scores"])
            lower = quality(labels, found["scores"], 0.5)  # a fairer point for scored models
            print(
                f"| {name} | {found['version']} | {q['precision']:.2f} | {q['recall']:.2f} "
                f"| {q['f1']:.2f} | {q['flagged']} | {lower['f1']:.2f} "
                f"| {statistics.median(found['times']):.3f} "
                f"| {found['added_mb']:.0f} ({found['peak_mb']:.0f}) |"
            )


if __name__ == "__main__":
    main()
