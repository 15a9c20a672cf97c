"""The read targets' alternating rounds (bench/run.py): hello-world, the service, nginx.

Also the helpers every part of the benchmark uses to drive wrk against the service.
"""

from __future__ import annotations

import contextlib
import statistics
from pathlib import Path

from bench import seed
from bench.nginx import Nginx, nginx_binary
from bench.servers import Gunicorn, drain, fetch, tree_cpu_ticks, wait_until_up, wrk

PAIRED_ROUNDS = 4  # even: half of the rounds forwards, half backwards
# What every browser sends: the line through nginx as readers make it (the map in
# deploy/nginx/tertulia.conf picks Brotli), beside the same line without it.
BROWSER_ENCODINGS = "Accept-Encoding: gzip, deflate, br"


def measure(server, url: str, connections: int, seconds: int, **env) -> dict:
    """One wrk run, then wait until the server is idle again."""
    result = wrk(url, connections, seconds, **env)
    result["drain_s"] = round(drain(server), 1)
    return result


def thread_url(base: str, size: int) -> str:
    return f"{base}/api/threads?url={seed.ORIGIN}/t{size}"


def service_env(base: dict, database_url: str, workdir: Path) -> dict:
    """The service's settings for the benchmark (`base`: bench/run.py's SERVICE_ENV)."""
    return {
        **base,
        "WIDGET_DATABASE_URL": database_url,
        "WIDGET_INSTANCE_PATH": str(workdir),
    }


def bench_paired(
    args, results: dict, env: dict, small_url: str, big_url: str | None, workdir: Path
) -> None:
    """The targets' ratios from alternating runs, so that a change in the machine's load
    during the run weighs on both sides of each ratio alike.

    Three servers stay up (hello-world; the service on the benchmark's database; with
    --million, the service on a database of a million comments), with nginx in front of the
    service, and each round runs wrk against each in turn; the report takes the median of
    the rounds, and each ratio is the median of the rounds' own ratios.
    """
    runs: dict[str, list[dict]] = {}
    with contextlib.ExitStack() as stack:
        hello = stack.enter_context(Gunicorn("bench.hello:app", {}))
        small = stack.enter_context(Gunicorn("app:app", service_env(env, small_url, workdir)))
        big = None
        if big_url:
            big = stack.enter_context(Gunicorn("app:app", service_env(env, big_url, workdir)))
        plan = [
            ("hello c8", hello, hello.base + "/", 8, ""),
            ("t100 c8", small, thread_url(small.base, 100), 8, ""),
            ("t10000 c8", small, thread_url(small.base, 10000), 8, ""),
            ("hello c32", hello, hello.base + "/", 32, ""),
            ("t100 c32", small, thread_url(small.base, 100), 32, ""),
        ]
        if nginx_binary() is not None:  # deploy/nginx/tertulia.conf in front of the service
            proxy = stack.enter_context(Nginx(small.port, workdir / "nginx"))
            proxy.cpu_ticks = lambda: small.cpu_ticks() + tree_cpu_ticks(proxy.process.pid)
            through = thread_url(proxy.base, 100)
            plan.append(("t100 via nginx c8", proxy, through, 8, ""))
            plan.append(("t100 via nginx br c8", proxy, through, 8, BROWSER_ENCODINGS))
        if big:
            plan.append(
                ("t100 in 1M c8", big, f"{big.base}/api/threads?url={seed.ORIGIN}/m17", 8, "")
            )
        for _, server, url, _, _ in plan:
            if not url.startswith("https"):
                wait_until_up(url, server.process)
            fetch(url)
            fetch(url)  # both workers' caches, most likely
        for number in range(args.rounds):
            # Every other round backwards: no line always runs right after the same other
            # one (the 10,000-comment read after the 100-comment one on the same server).
            for name, server, url, connections, headers in plan[:: -1 if number % 2 else 1]:
                found = measure(server, url, connections, args.seconds, WRK_HEADERS=headers)
                runs.setdefault(name, []).append(found)
    results["paired"] = {
        name: {
            "rps": statistics.median(run["rps"] for run in found),
            "p99_ms": statistics.median(run["p99_ms"] for run in found),
            "rounds": [round(run["rps"]) for run in found],
        }
        for name, found in runs.items()
    }
