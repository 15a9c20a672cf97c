"""Where a cached thread read and an accepted post spend their time (cProfile, in-process).

For docs/performance.md: when a target does not hold, the page says why.
"""

from __future__ import annotations

import collections
import cProfile
import pstats
import time
import uuid

from bench import seed

READS = 2000
POSTS = 300


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


def _shares(profiler: cProfile.Profile) -> list[tuple[str, float]]:
    shares: collections.Counter[str] = collections.Counter()
    for (filename, _, _), (_, _, own, _, _) in pstats.Stats(profiler).stats.items():
        shares[_package(filename)] += own
    total = sum(shares.values()) or 1
    return [(name, round(100 * value / total, 1)) for name, value in shares.most_common(10)]


def _ours(profiler: cProfile.Profile, top: int = 8) -> list[tuple[str, float]]:
    """Our functions with the most cumulative time, as a share of the whole."""
    stats = pstats.Stats(profiler).stats
    total = max(cumulative for (_, _, _, cumulative, _) in stats.values()) or 1
    ours = [
        (f"{filename.split('/widget/')[1]}:{name}", cumulative)
        for (filename, _, name), (_, _, _, cumulative, _) in stats.items()
        if "/widget/" in filename and "site-packages" not in filename
    ]
    ours.sort(key=lambda item: -item[1])
    return [(name, round(100 * value / total, 1)) for name, value in ours[:top]]


def accepted_post(database_url: str, workdir: str, settings: dict) -> dict:
    """CPU per accepted post (SQLite, one fresh thread), and where it goes."""
    from widget import create_app

    app = create_app(
        {
            "INSTANCE_PATH": workdir,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "bench",
            **settings,
        }
    )
    client = app.test_client()
    page = f"{seed.ORIGIN}/profile-{uuid.uuid4().hex[:8]}"
    origin = {"Origin": seed.ORIGIN}
    token = client.get(f"/api/form-token?url={page}", headers=origin).get_json()["form_token"]
    time.sleep(settings.get("FORM_TOKEN_MIN_AGE", 1) + 0.2)
    sent = iter(range(10**9))

    def post() -> None:
        n = next(sent)
        body = {
            "url": page,
            "name": f"Bench {n % 100}",
            "email": f"bench{n % 100}@example.org",
            "text": f"Profiled comment {n} with *some* markdown and a [link](https://example.org/{n}).",
            "form_token": token,
        }
        response = client.post("/api/comments", json=body, headers=origin)
        assert response.status_code == 201, response.get_data(as_text=True)

    for _ in range(20):
        post()
    began = time.process_time()
    for _ in range(POSTS):
        post()
    cpu_ms = (time.process_time() - began) / POSTS * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(POSTS):
        post()
    profiler.disable()
    return {
        "post_cpu_ms": round(cpu_ms, 3),
        "by_package": _shares(profiler),
        "ours": _ours(profiler),
    }


def cached_read(database_url: str, workdir: str) -> dict:
    """CPU per cached read and per hello-world request (the WSGI app called as gunicorn's
    worker calls it, limits on), and the read's time by package."""
    from bench import wsgi_cost
    from bench.hello import app as hello
    from widget import create_app

    app = create_app({"INSTANCE_PATH": workdir, "DATABASE_URL": database_url, **wsgi_cost.SETTINGS})
    timings = {}
    for name, target in (("read", app), ("hello", hello)):
        environ = wsgi_cost._environ(target, name)
        for _ in range(50):
            wsgi_cost._call(target, environ)
        began = time.process_time()
        for _ in range(READS):
            wsgi_cost._call(target, environ)
        timings[name] = (time.process_time() - began) / READS * 1000
    environ = wsgi_cost._environ(app, "read")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(READS):
        wsgi_cost._call(app, environ)
    profiler.disable()
    return {
        "read_cpu_ms": round(timings["read"], 3),
        "hello_cpu_ms": round(timings["hello"], 3),
        "by_package": _shares(profiler),
    }
