"""Where a cached thread read spends its time, by package (cProfile, in-process).

For docs/performance.md: when a target does not hold, the page says why.
"""

from __future__ import annotations

import collections
import cProfile
import pstats
import time

from bench import seed

READS = 2000


def _package(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/")[1].split("/")[0]
    if "/widget/" in filename:
        return "widget (ours)"
    if filename == "~":
        return "built-in functions (C)"
    if filename.startswith("<") or "/lib/python3" in filename:
        return "Python's standard library"
    return "other"


def cached_read(database_url: str, workdir: str) -> dict:
    """CPU per cached read and per hello-world request, and the read's time by package."""
    from bench.hello import app as hello
    from widget import create_app

    app = create_app(
        {
            "INSTANCE_PATH": workdir,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "bench",
            "RATELIMIT_ENABLED": False,
        }
    )
    url = f"/api/threads?url={seed.ORIGIN}/t100"
    timings = {}
    for name, client, path in (
        ("read", app.test_client(), url),
        ("hello", hello.test_client(), "/"),
    ):
        for _ in range(50):
            client.get(path)
        began = time.process_time()
        for _ in range(READS):
            client.get(path)
        timings[name] = (time.process_time() - began) / READS * 1000
    client = app.test_client()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(READS):
        client.get(url)
    profiler.disable()
    shares: collections.Counter[str] = collections.Counter()
    for (filename, _, _), (_, _, own, _, _) in pstats.Stats(profiler).stats.items():
        shares[_package(filename)] += own
    total = sum(shares.values()) or 1
    return {
        "read_cpu_ms": round(timings["read"], 3),
        "hello_cpu_ms": round(timings["hello"], 3),
        "by_package": [
            (name, round(100 * value / total, 1)) for name, value in shares.most_common(10)
        ],
    }
