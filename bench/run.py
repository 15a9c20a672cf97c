#!/usr/bin/env python3
"""The benchmark: the service under gunicorn, measured with wrk beside its ceiling and Isso.

Run it as `python3 scripts/dev.py bench [--seconds 5] [--million] [--no-isso] [--out F]`
(that installs wrk and gunicorn when missing). Seeds SQLite (and PostgreSQL when
WIDGET_TEST_DATABASE_URL is set) with threads of 10 to 10,000 comments; starts `gunicorn -w 2
-k sync` on 127.0.0.1; measures reads at c=8 and c=32, a conditional read, a compressed read,
counts for 20 URLs and posts (also with the pre-screen off and on, bench/prescreen.py); the
same for a hello-world Flask route (the ceiling) and Isso 0.14 (from PyPI, through
../shared/peers). Prints a table and writes docs/performance.md (default --out).

`--only reads` runs just the alternating read rounds (hello-world, the 100-comment read, the
first page of 10,000, the 100-comment read through nginx) and prints their ratios, writing
nothing: a before/after of a change on the read path in about three minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import posts, prescreen, report, sections, seed  # noqa: E402
from bench.paired import PAIRED_ROUNDS, bench_paired, measure, thread_url  # noqa: E402
from bench.servers import (  # noqa: E402
    ROOT,
    Gunicorn,
    Isso,
    fetch,
    wait_until_up,
)

SIZES = [10, 100, 1000, 10000]
# The service as shipped, limits on; wrk is one client address, so its allowances are raised.
RAISED = "100000000 per minute"
SERVICE_ENV = {
    "WIDGET_SECRET_KEY": "bench",
    "WIDGET_READ_RATE_LIMIT": RAISED,
    "WIDGET_WRITE_ATTEMPT_RATE_LIMIT": RAISED,
    "WIDGET_POST_RATE_LIMIT": RAISED,
    # nginx in front (the line through the proxy) is the one proxy; wrk sends no header.
    "WIDGET_TRUSTED_PROXIES": "1",
    "WIDGET_FORM_TOKEN_MIN_AGE": "1",
    "WIDGET_DUPLICATE_WINDOW_MINUTES": "10",
    "WIDGET_EMAIL_RATE_LIMIT": "1000000 per hour",
    "WIDGET_THREAD_RATE_LIMIT": "1000000 per hour",
    "WIDGET_HOLD_LINK_COUNT": "0",
}
# The same settings, for an app made in-process (the profile of a post).
PROFILE_SETTINGS = {
    "READ_RATE_LIMIT": RAISED,
    "WRITE_ATTEMPT_RATE_LIMIT": RAISED,
    "POST_RATE_LIMIT": RAISED,
    "FORM_TOKEN_MIN_AGE": 1,
    "DUPLICATE_WINDOW_MINUTES": 10,
    "EMAIL_RATE_LIMIT": "1000000 per hour",
    "THREAD_RATE_LIMIT": "1000000 per hour",
    "HOLD_LINK_COUNT": 0,
}


def bench_service(label: str, database_url: str, workdir: Path, args, results: dict) -> None:
    """Every measurement of our service on one database."""
    env = {
        **SERVICE_ENV,
        "WIDGET_DATABASE_URL": database_url,
        "WIDGET_INSTANCE_PATH": str(workdir),
    }
    with Gunicorn("app:app", env) as server:
        wait_until_up(f"{server.base}/api/threads?url={seed.ORIGIN}/warm", server.process)
        for size in SIZES:
            fetch(thread_url(server.base, size))  # warm both workers' caches a little
        for size in SIZES:
            for connections in (8, 32):
                key = f"{label} GET /api/threads t{size} c{connections}"
                results[key] = measure(
                    server, thread_url(server.base, size), connections, args.seconds
                )
        _, _, headers = fetch(thread_url(server.base, 100))
        results[f"{label} GET /api/threads t100 304 c8"] = measure(
            server,
            thread_url(server.base, 100),
            8,
            args.seconds,
            WRK_HEADERS=f"If-None-Match: {headers['ETag']}",
        )
        results[f"{label} GET /api/threads t100 gzip c8"] = measure(
            server,
            thread_url(server.base, 100),
            8,
            args.seconds,
            WRK_HEADERS="Accept-Encoding: gzip",
        )
        counts = "&".join(f"url={seed.ORIGIN}/c{n}" for n in range(16))
        counts += "".join(f"&url={seed.ORIGIN}/t{size}" for size in SIZES)
        results[f"{label} GET /api/counts 20 urls c8"] = measure(
            server, f"{server.base}/api/counts?{counts}", 8, args.seconds
        )
        if label == "sqlite":
            sizes_of(server.base, results)
        results[f"{label} POST /api/comments c8"] = posts.bench_posts(server, args.seconds, workdir)


def sizes_of(base: str, results: dict) -> None:
    """Bytes on the wire: the 100-comment read and the widget's files, raw, gzip and br."""
    sizes = {}
    for name, url in (
        ("GET /api/threads t100", thread_url(base, 100)),
        ("embed.js", f"{base}/embed.js"),
        ("embed-tools.js", f"{base}/embed-tools.js"),
    ):
        row = {}
        for encoding in ("identity", "gzip", "br"):
            _, body, _ = fetch(url, {"Accept-Encoding": encoding})
            row[encoding] = len(body)
        sizes[name] = row
    results["sizes"] = sizes


def bench_hello(args, results: dict) -> None:
    with Gunicorn("bench.hello:app", {}) as server:
        wait_until_up(server.base, server.process)
        for connections in (8, 32):
            results[f"hello GET / c{connections}"] = measure(
                server, server.base + "/", connections, args.seconds
            )


def bench_isso(args, results: dict) -> None:
    isso = Isso()
    try:
        isso.start([10, 100, 1000])
        for size in (10, 100, 1000):
            url = f"{isso.base}/?uri=/t{size}"
            fetch(url)
            for connections in (8, 32) if size == 100 else (8,):
                results[f"isso GET t{size} c{connections}"] = measure(
                    isso, url, connections, args.seconds
                )
    finally:
        isso.stop()


def section(name: str, run, *args) -> None:
    """Run one part of the benchmark; a failure is reported, and the rest still runs."""
    print(f"{name} …", flush=True)
    try:
        run(*args)
    except Exception as exc:  # noqa: BLE001 - one broken peer must not lose the other figures
        print(f"{name} failed: {exc!r}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--million", action="store_true", help="also 10,000 threads, 1M comments")
    parser.add_argument("--no-isso", action="store_true", help="skip the Isso peer")
    parser.add_argument("--no-paint", action="store_true", help="skip the first-paint measure")
    parser.add_argument(
        "--only",
        choices=["reads", "paint"],
        help="only the alternating read runs (hello, t100, t10000, nginx), or only the first "
        "paint and its floor; prints, writes nothing",
    )
    parser.add_argument("--rounds", type=int, default=PAIRED_ROUNDS, help="alternating rounds")
    parser.add_argument("--out", default=str(ROOT / "docs" / "performance.md"))
    parser.add_argument(
        "--note", help="a line at the top of the report (say so when the machine was busy)"
    )
    parser.add_argument(
        "--report-only", metavar="RESULTS_JSON", help="write --out again from a run's results.json"
    )
    args = parser.parse_args()
    if args.report_only:
        results = json.loads(Path(args.report_only).read_text())
        report.write(Path(args.out), report.markdown(results, args))
        print(report.table(results))
        return
    began = time.monotonic()
    results: dict = {"niceness": os.nice(0), "note": args.note}
    workdir = Path(tempfile.mkdtemp(prefix="tertulia-bench-"))
    print(f"seeding SQLite in {workdir} …", flush=True)
    sqlite_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    seed.seed(sqlite_url, str(workdir), [100, 10000] if args.only else SIZES, False, [])
    if args.only == "paint":
        from bench import firstpaint

        results["first_paint"] = firstpaint.measure(sqlite_url, workdir, SERVICE_ENV)
        (workdir / "results.json").write_text(json.dumps(results, indent=2))
        print("\n".join(sections.first_paint(results)))
        return
    if args.only == "reads":
        bench_paired(args, results, SERVICE_ENV, sqlite_url, None, workdir)
        (workdir / "results.json").write_text(json.dumps(results, indent=2))
        print("\n".join(sections.paired(results) + ["", *report.target_lines(results)]))
        return
    million_url = None
    if args.million:
        print("seeding a database of a million comments …", flush=True)
        million_url = f"sqlite:///{workdir / 'million.sqlite3'}"
        seed.seed(million_url, str(workdir), SIZES, True, [])
    bench_hello(args, results)
    bench_service("sqlite", sqlite_url, workdir, args, results)
    section(
        "alternating runs",
        bench_paired,
        args,
        results,
        SERVICE_ENV,
        sqlite_url,
        million_url,
        workdir,
    )
    postgres = os.environ.get("WIDGET_TEST_DATABASE_URL")
    if postgres:
        with seed.postgres_schema(postgres) as url:
            print("seeding PostgreSQL …", flush=True)
            seed.seed(url, str(workdir), SIZES, False, [])
            section("PostgreSQL", bench_service, "postgresql", url, workdir, args, results)
    if not args.no_isso and Isso.available():
        section("Isso", bench_isso, args, results)
    if not args.no_paint:
        from bench import firstpaint

        def paint() -> None:
            results["first_paint"] = firstpaint.measure(sqlite_url, workdir, SERVICE_ENV)

        section("first paint", paint)
    section("pre-screen", prescreen.into, results, workdir, SERVICE_ENV, args.seconds)

    def where_time_goes() -> None:
        from bench import cpu_profile, word_lists

        results["profile"] = cpu_profile.cached_read(sqlite_url, str(workdir))
        post = cpu_profile.accepted_post(sqlite_url, str(workdir), PROFILE_SETTINGS)
        results["post_profile"] = post
        results["word_lists"] = word_lists.measure()

    section("profiles of a cached read and a post", where_time_goes)
    results["elapsed_s"] = round(time.monotonic() - began)
    results["finished_at"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results["seconds"] = args.seconds
    results["machine"] = report.machine(results)  # --report-only shows this run's, not today's
    (workdir / "results.json").write_text(json.dumps(results, indent=2))
    text = report.markdown(results, args)
    report.write(Path(args.out), text)
    print(report.table(results))
    print(
        f"\nwrote {args.out} ({results['elapsed_s']} s in all; "
        f"raw results in {workdir}/results.json)"
    )


if __name__ == "__main__":
    main()
