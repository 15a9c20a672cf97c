"""The post line, before and after a change: two servers side by side, alternating rounds.

Run from the checkout with the change: `python bench/posts_ab.py --before DIR` where DIR holds
another checkout (e.g. `git worktree add --detach DIR main`). Each side runs `gunicorn -w 2
-k sync` from its own folder with the benchmark's settings (bench/run.py's SERVICE_ENV) on its
own SQLite file (or PostgreSQL schema with WIDGET_TEST_DATABASE_URL); each round runs the post
line (bench/posts.py) against both, in turn, so a change in the machine's load weighs on
both. Each round posts to a thread of its own (the post line repeats its texts).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import posts, seed  # noqa: E402
from bench.run import SERVICE_ENV  # noqa: E402
from bench.servers import Gunicorn, wait_until_up  # noqa: E402


def _database(stack: contextlib.ExitStack, workdir: Path, name: str) -> str:
    postgres = os.environ.get("WIDGET_TEST_DATABASE_URL")
    if postgres:
        url = stack.enter_context(seed.postgres_schema(postgres))
    else:
        url = f"sqlite:///{workdir / name}.sqlite3"
    seed.seed(url, str(workdir), [10], False, [])
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the other checkout's folder")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--prescreen", action="store_true", help="with WIDGET_PRESCREEN on")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="tertulia-posts-ab-"))
    sides = {"before": Path(args.before).resolve(), "after": ROOT}
    extra = {"WIDGET_PRESCREEN": "true"} if args.prescreen else {}
    runs: dict[str, list[dict]] = {name: [] for name in sides}
    with contextlib.ExitStack() as stack:
        servers = {}
        for name, folder in sides.items():
            env = {
                **SERVICE_ENV,
                **extra,
                "WIDGET_DATABASE_URL": _database(stack, workdir, name),
                "WIDGET_INSTANCE_PATH": str(workdir),
                "PYTHONPATH": str(folder),  # this side's widget, whichever is installed
            }
            servers[name] = stack.enter_context(Gunicorn("app:app", env, cwd=folder))
        for server in servers.values():
            wait_until_up(f"{server.base}/api/threads?url={seed.ORIGIN}/warm", server.process)
        for round_ in range(args.rounds):
            for name, server in servers.items():
                page = f"{seed.ORIGIN}/posts-{round_ + 1}"
                result = posts.bench_posts(server, args.seconds, workdir, page)
                runs[name].append(result)
                print(
                    f"round {round_ + 1} {name}: {result['accepted_per_s']}/s accepted, "
                    f"{result['refused']} refused, p50 {result.get('p50_ms')} ms, "
                    f"own comment {result['own_comment']}",
                    flush=True,
                )
    for name, found in runs.items():
        rates = [run["accepted_per_s"] for run in found]
        print(f"{name}: median {statistics.median(rates)}/s accepted, rounds {rates}")


if __name__ == "__main__":
    main()
