#!/usr/bin/env python3
"""What one request costs the service itself, measured so that a busy machine cannot skew it.

Calls the WSGI app directly, as gunicorn's worker does (a prepared environ, no socket, no
test client), for a cached read of the 100-comment thread with the shipped settings (rate
limits on, the read limit raised for the one benchmarking address) and for the hello-world
route. Two measures:

- `--cpu`: CPU time per request (`time.process_time`, median of 7 rounds);
- `--instructions`: instructions per request under valgrind's callgrind: two runs that
  differ only in the number of requests, so start-up and seeding cancel out. Instruction
  counts do not move with the machine's load; use them for before/after figures.

    .venv/bin/python bench/wsgi_cost.py --cpu
    .venv/bin/python bench/wsgi_cost.py --instructions [--what read|hello|304] [--size 10000]

`--size N` reads the first page of a thread of N comments instead of 100 (the read, 304
and gzip measures).
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import seed  # noqa: E402

# The shipped configuration, with the limits raised for the one benchmarking address.
RAISED = "100000000 per minute"
SETTINGS = {
    "SECRET_KEY": "bench",
    "READ_RATE_LIMIT": RAISED,
    "WRITE_ATTEMPT_RATE_LIMIT": RAISED,
    "POST_RATE_LIMIT": RAISED,
    # As bench/run.py posts: many comments from one address into one thread.
    "FORM_TOKEN_MIN_AGE": 0,
    "DUPLICATE_WINDOW_MINUTES": 10,
    "EMAIL_RATE_LIMIT": RAISED.replace("minute", "hour"),
    "THREAD_RATE_LIMIT": RAISED.replace("minute", "hour"),
    "HOLD_LINK_COUNT": 0,
}
WHAT = ("read", "304", "gzip", "hello", "post")


def _app(what: str, workdir: str):
    if what == "hello":
        from bench.hello import app

        return app
    from widget import create_app

    return create_app(
        {
            "INSTANCE_PATH": workdir,
            "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
            **SETTINGS,
        }
    )


def _environ(app, what: str, size: int = 100) -> dict:
    from werkzeug.test import EnvironBuilder

    headers = {"Origin": seed.ORIGIN}
    if what == "post":
        return _post_environ(app)
    if what == "hello":
        path, query = "/", ""
    else:
        path, query = "/api/threads", f"url={seed.ORIGIN}/t{size}"
    if what == "gzip":
        headers["Accept-Encoding"] = "gzip"
    if what == "304":
        environ = EnvironBuilder(path=path, query_string=query, headers=headers).get_environ()
        headers["If-None-Match"] = _call(app, environ)[1]["ETag"]
    builder = EnvironBuilder(path=path, query_string=query, headers=headers)
    environ = builder.get_environ()
    environ["REMOTE_ADDR"] = "127.0.0.1"
    return environ


def _post_environ(app) -> dict:
    """POST /api/comments with a form token; each call sends a new text (see _call)."""
    import json

    from werkzeug.test import EnvironBuilder

    page = f"{seed.ORIGIN}/t100"
    token_environ = EnvironBuilder(
        path="/api/form-token", query_string=f"url={page}", headers={"Origin": seed.ORIGIN}
    ).get_environ()
    token_environ["REMOTE_ADDR"] = "127.0.0.1"
    body: list[bytes] = []
    seen: list = []
    app(dict(token_environ, **{"wsgi.input": io.BytesIO(b"")}), lambda *a: seen.append(a))
    token = json.loads(b"".join(app(token_environ, lambda *a: None)))["form_token"]
    environ = EnvironBuilder(
        method="POST",
        path="/api/comments",
        headers={"Origin": seed.ORIGIN, "Content-Type": "application/json"},
        data=b"{}",
    ).get_environ()
    environ["REMOTE_ADDR"] = "127.0.0.1"
    environ["tertulia.bench.post"] = (page, token, body)
    return environ


_posted = iter(range(10**9))
_run = os.urandom(4).hex()  # texts differ between runs on one database (duplicate check)


def _post_body(page: str, token: str) -> bytes:
    import json

    n = next(_posted)
    return json.dumps(
        {
            "url": page,
            "name": f"Bench {n % 100}",
            "email": f"bench{n % 100}@example.org",
            "text": f"Measured comment {_run}-{n} with *some* markdown and a [link](https://example.org/{n}).",
            "form_token": token,
        }
    ).encode()


def _call(app, environ: dict) -> tuple[str, dict]:
    """One request as a WSGI server makes it; its status and headers."""
    seen: list = []

    def start_response(status, headers, exc_info=None):
        seen.append((status, dict(headers)))

    each = dict(environ)
    each["wsgi.input"] = io.BytesIO(b"")
    if "tertulia.bench.post" in each:
        page, token, _ = each.pop("tertulia.bench.post")
        data = _post_body(page, token)
        each["wsgi.input"] = io.BytesIO(data)
        each["CONTENT_LENGTH"] = str(len(data))
    body = app(each, start_response)
    try:
        for _ in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return seen[0]


def run(what: str, workdir: str, requests: int, size: int = 100) -> float:
    """Make `requests` requests after a warm-up; CPU seconds per request."""
    app = _app(what, workdir)
    environ = _environ(app, what, size)
    for _ in range(50):
        status, _ = _call(app, environ)
    assert status.split()[0] in ("200", "201", "304"), status
    began = time.process_time()
    for _ in range(requests):
        _call(app, environ)
    return (time.process_time() - began) / max(requests, 1)


def prepare(sizes: list[int]) -> str:
    workdir = tempfile.mkdtemp(prefix="tertulia-cost-")
    seed.seed(f"sqlite:///{workdir}/bench.sqlite3", workdir, sorted(set(sizes)), False, [])
    return workdir


def instructions(
    what: str, workdir: str, few: int = 200, many: int = 1200, size: int = 100
) -> float:
    if what == "post":  # a post costs fifty reads: fewer of them say as much
        few, many = 10, 60
    """Instructions per request: callgrind's totals of two runs, differenced."""
    totals = []
    for count in (few, many):
        with tempfile.NamedTemporaryFile(suffix=".callgrind") as out:
            result = subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    f"--callgrind-out-file={out.name}",
                    sys.executable,
                    __file__,
                    "--child",
                    what,
                    "--workdir",
                    workdir,
                    "--requests",
                    str(count),
                    "--size",
                    str(size),
                ],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONHASHSEED": "0"},
            )
        found = re.search(r"Collected : (\d+)", result.stderr)
        totals.append(int(found.group(1)))
    return (totals[1] - totals[0]) / (many - few)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cpu", action="store_true")
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--what", choices=WHAT, action="append")
    parser.add_argument("--child", choices=WHAT, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--size", type=int, default=100, help="comments in the thread read")
    args = parser.parse_args()
    if args.child:
        run(args.child, args.workdir, args.requests, args.size)
        return
    workdir = args.workdir or prepare([100, args.size])
    for what in args.what or ["read", "hello"]:
        if args.instructions:
            count = instructions(what, workdir, size=args.size)
            print(f"{what}: {count / 1000:,.0f} k instructions per request")
        else:
            rounds = [run(what, workdir, args.requests, args.size) for _ in range(7)]
            median = statistics.median(rounds) * 1e6
            print(f"{what}: {median:,.1f} µs CPU per request (median of 7)")


if __name__ == "__main__":
    main()
