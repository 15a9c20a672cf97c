#!/usr/bin/env python3
"""How long the service takes to read and write threads of growing size.

Runs the app in-process (Flask's test client: no network, so the figures are the
service's own cost), on a fresh SQLite file, or on PostgreSQL when
WIDGET_TEST_DATABASE_URL is set (in a schema of its own, dropped afterwards).
Prints median and 95th-percentile milliseconds per request. Bounded: a few
thousand requests in all.

    .venv/bin/python bench/thread_reads.py [--sizes 10,100,1000,10000] [--repeat 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, insert, text  # noqa: E402

from widget import create_app  # noqa: E402
from widget.comments.rendering import render_comment  # noqa: E402
from widget.sites.editing import register_site  # noqa: E402
from widget.storage import (
    database,  # noqa: E402
    get_or_create_thread,  # noqa: E402
)
from widget.storage.database import db  # noqa: E402
from widget.storage.models import Comment, utcnow  # noqa: E402

ORIGIN = "https://bench.example.org"
TEXT = "A considered reply with a [link](https://example.org/a) and *some* emphasis.\n\nTwo."


def seed(app, size: int) -> str:
    """A thread of `size` published comments, a third of them replies; returns its URL."""
    url = f"{ORIGIN}/thread-{size}"
    html = render_comment(TEXT)
    with app.app_context():
        from widget import storage

        site = storage.find_site_by_origin(ORIGIN)
        thread = get_or_create_thread(site.id, url, url, f"Thread of {size}")
        storage.commit()
        start = utcnow() - timedelta(days=1)
        rows = [
            dict(
                thread_id=thread.id,
                parent_id=None,
                depth=0,
                status="published",
                listed=True,
                name=f"Reader {n}",
                email=f"r{n}@example.org",
                website=None,
                text=TEXT,
                html=html,
                avatar=f"{n:024x}",
                network="203.0.113.0/24",
                user_agent="bench",
                edit_token_hash=uuid.uuid4().hex * 2,
                created_at=start + timedelta(seconds=n),
            )
            for n in range(size)
        ]
        db.session.execute(insert(Comment), rows)
        storage.thread_changed(thread.id)  # the count and version, as a write keeps them
        storage.commit()
    return url


def timed(client, path: str, params: dict, headers: dict, repeat: int) -> tuple[float, float]:
    """Median and 95th percentile of `repeat` GETs, in milliseconds."""
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(path, query_string=params, headers=headers)
        samples.append((time.perf_counter() - began) * 1000)
        assert response.status_code < 300, response.get_data(as_text=True)[:200]
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000,10000")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    postgres = os.environ.get("WIDGET_TEST_DATABASE_URL")
    workdir = Path(tempfile.mkdtemp(prefix="tertulia-bench-"))
    schema = f"tertulia_bench_{uuid.uuid4().hex[:8]}"
    if postgres:
        admin = create_engine(postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{postgres}{'&' if '?' in postgres else '?'}options=-csearch_path%3D{schema}"
    else:
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    app = create_app(
        {
            "INSTANCE_PATH": str(workdir),
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "RATELIMIT_ENABLED": False,
            "FORM_TOKEN_MIN_AGE": 0,
            "DUPLICATE_WINDOW_MINUTES": 0,
            "THREAD_RATE_LIMIT": "1000000 per hour",
            "EMAIL_RATE_LIMIT": "1000000 per hour",
        }
    )
    try:
        with app.app_context():
            database.upgrade(db.engine)
            register_site("Bench", [ORIGIN], "none")
        client = app.test_client()
        headers = {"Origin": ORIGIN}
        print(f"database: {'PostgreSQL' if postgres else 'SQLite'}; {args.repeat} requests each")
        columns = f"{'comments':>9} {'GET first page':>16} {'GET last page':>15} {'counts':>9}"
        print(f"{columns}  (ms: median / p95)")
        for size in (int(s) for s in args.sizes.split(",")):
            page_url = seed(app, size)
            first = client.get("/api/threads", query_string={"url": page_url}, headers=headers)
            cursor = first.get_json()["next"]
            while cursor:  # walk to the last page, as "Load more" would
                last = client.get(
                    "/api/threads",
                    query_string={"url": page_url, "cursor": cursor},
                    headers=headers,
                )
                cursor, last_cursor = last.get_json()["next"], cursor
            last_query = {"url": page_url, **({"cursor": last_cursor} if size > 100 else {})}
            reads = [
                ("/api/threads", {"url": page_url}),
                ("/api/threads", last_query),
                ("/api/counts", {"url": page_url}),
            ]
            results = [timed(client, path, params, headers, args.repeat) for path, params in reads]
            cells = [f"{median:6.2f} / {p95:6.2f}" for median, p95 in results]
            print(f"{size:>9} {cells[0]:>16} {cells[1]:>15} {cells[2]:>9}")
        token = client.get(
            "/api/form-token", query_string={"url": f"{ORIGIN}/post"}, headers=headers
        ).get_json()["form_token"]
        samples = []
        for number in range(args.repeat):
            body = {
                "url": f"{ORIGIN}/post",
                "name": "Bench",
                "email": "bench@example.org",
                "text": f"{TEXT} {number}",
                "form_token": token,
            }
            began = time.perf_counter()
            assert client.post("/api/comments", headers=headers, json=body).status_code == 201
            samples.append((time.perf_counter() - began) * 1000)
        samples.sort()
        median, p95 = statistics.median(samples), samples[int(len(samples) * 0.95) - 1]
        print(f"POST /api/comments (validate, render, store): {median:.2f} / {p95:.2f} ms")
    finally:
        with app.app_context():
            db.engine.dispose()
        if postgres:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
