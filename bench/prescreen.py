"""The pre-screen's cost (issue 25): added milliseconds per post, memory per worker, posts/s.

Run alone (`python bench/prescreen.py`) or as a section of bench/run.py. It measures:
- the added work itself: the median time of scoring one comment (language and toxicity)
  over the labelled sample's 400 comments, in this process, models loaded once;
- posts with the pre-screen off and on: the same wrk post run (bench/posts.py) against
  `gunicorn -w 2`, on one SQLite file, off first then on;
- each worker's memory after its posts: RSS, and what is its own (private) beside the
  pages the workers share (the memory-mapped language model, the interpreter's code).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import posts, seed  # noqa: E402
from bench.servers import Gunicorn, wait_until_up  # noqa: E402

SAMPLE = ROOT / "tests" / "fixtures" / "prescreen"


def scoring_ms(folder: Path) -> dict:
    """Median and 95th percentile ms to score one comment of the sample (models loaded)."""
    from widget.moderation.prescreen import Models

    models = Models(folder)
    texts = [
        line.split("\t")[2]
        for name in ("en.tsv", "es.tsv")
        for line in (SAMPLE / name).read_text().splitlines()
    ]
    for text in texts:  # first touch of the mapped pages
        models.screen(text)
    times = []
    for _ in range(3):
        for text in texts:
            began = time.perf_counter()
            models.screen(text)
            times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(len(times) * 0.95)], 3),
        "comments": len(texts),
    }


def worker_memory(server: Gunicorn) -> list[dict]:
    """Each worker's RSS, PSS and private memory in MB (Linux's smaps_rollup)."""
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    rows = []
    for pid in children.read_text().split():
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0]) / 1024
        private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
        rows.append(
            {
                "rss_mb": round(fields["Rss"], 1),
                "pss_mb": round(fields["Pss"], 1),
                "private_mb": round(private, 1),
            }
        )
    return rows


def posts_with(on: bool, workdir: Path, service_env: dict, seconds: int) -> dict:
    """The wrk post run with the pre-screen on or off, each on a fresh SQLite file (the
    flood limits count the run's posts), and the workers' memory after it."""
    database_url = f"sqlite:///{workdir / ('on' if on else 'off')}.sqlite3"
    seed.seed(database_url, str(workdir), [10], False, [])
    env = {
        **service_env,
        "WIDGET_DATABASE_URL": database_url,
        "WIDGET_INSTANCE_PATH": str(workdir),
        "WIDGET_PRESCREEN": "true" if on else "false",
    }
    with Gunicorn("app:app", env) as server:
        wait_until_up(f"{server.base}/api/threads?url={seed.ORIGIN}/warm", server.process)
        result = posts.bench_posts(server, seconds, workdir)
        result["workers"] = worker_memory(server)
    return result


def measure(workdir: Path, service_env: dict, seconds: int) -> dict:
    """Every figure of the pre-screen (the models are prepared first, once)."""
    from widget.moderation.prescreen import prepared_folder

    folder = prepared_folder(workdir / "prescreen")
    return {
        "scoring": scoring_ms(folder),
        "off": posts_with(False, workdir, service_env, seconds),
        "on": posts_with(True, workdir, service_env, seconds),
    }


def into(results: dict, workdir: Path, service_env: dict, seconds: int) -> None:
    """bench/run.py's section: the figures go into its results."""
    results["prescreen"] = measure(workdir, service_env, seconds)


def lines(results: dict) -> list[str]:
    """The section of docs/performance.md."""
    found = results.get("prescreen")
    if not found:
        return []
    scoring, off, on = found["scoring"], found["off"], found["on"]

    def memory(run: dict, key: str) -> str:
        return ", ".join(f"{w[key]:.1f}" for w in run["workers"])

    return [
        "",
        "## The pre-screen (issue 25)",
        "",
        "`bench/prescreen.py`: the added work is scoring a comment's language and toxicity "
        f"(median over the labelled sample's {scoring['comments']} comments, models loaded "
        "once per process); the post line is the same wrk run with `WIDGET_PRESCREEN` off, "
        "then on; memory is each of the two workers' after its posts.",
        "",
        "| | pre-screen off | pre-screen on |",
        "|---|---:|---:|",
        f"| added per comment, median (p95) | — | {scoring['median_ms']:.2f} ms "
        f"({scoring['p95_ms']:.2f} ms) |",
        f"| accepted posts/s, SQLite, c=8 | {off['accepted_per_s']:,.0f} | "
        f"{on['accepted_per_s']:,.0f} |",
        f"| post p50 ms | {off['p50_ms']:.1f} | {on['p50_ms']:.1f} |",
        f"| RSS per worker, MB | {memory(off, 'rss_mb')} | {memory(on, 'rss_mb')} |",
        f"| private per worker, MB | {memory(off, 'private_mb')} | {memory(on, 'private_mb')} |",
        f"| PSS per worker, MB | {memory(off, 'pss_mb')} | {memory(on, 'pss_mb')} |",
        "",
        "RSS counts the pages of the memory-mapped language model a worker has touched; "
        "they are shared by every worker (and the page cache), so a worker's own cost is "
        "the private line, and PSS splits the shared pages between the processes that map them.",
    ]


def main() -> None:
    from bench.run import SERVICE_ENV

    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    workdir = Path(tempfile.mkdtemp(prefix="tertulia-prescreen-"))
    results = {"prescreen": measure(workdir, SERVICE_ENV, seconds)}
    (workdir / "prescreen.json").write_text(json.dumps(results, indent=2))
    print("\n".join(lines(results)))


if __name__ == "__main__":
    main()
