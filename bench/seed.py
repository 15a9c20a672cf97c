"""Seed a database for the benchmark: threads of 10 to 10,000 comments, optionally a million.

The threads have the shape of the Isso peer's seed (../shared/peers/seed-isso.py): every
fourth comment a reply to an earlier top-level one, ~230 characters of Markdown each.
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import create_engine, func, insert, select, text, update

from widget import create_app
from widget.comments.rendering import render_comment
from widget.sites.editing import register_site
from widget.storage import database, get_or_create_thread
from widget.storage.database import db
from widget.storage.models import Comment, Thread, utcnow

ORIGIN = "https://bench.example.org"
LOREM = (
    "Comment number {i} on this post. I *really* liked the part about `caching`, "
    "but I think the benchmark section could say more about p99 latency. "
    "See [the docs](https://example.com/docs/{i}) for details. Thanks for writing this!"
)
BATCH = 5000


def plan(n: int, replies_every: int = 4):
    """(index, index of the parent or None), as seed-isso.py plans them."""
    tops: list[int] = []
    for i in range(n):
        if tops and i % replies_every == replies_every - 1:
            yield i, tops[(i * 7) % len(tops)]
        else:
            tops.append(i)
            yield i, None


def _thread(site_id: int, path: str, size: int, render_each: bool) -> None:
    url = f"{ORIGIN}{path}"
    thread = get_or_create_thread(site_id, url, url, f"Thread {path}")
    db.session.commit()
    start = utcnow() - timedelta(days=1)
    fixed = render_comment(LOREM.format(i=0))
    ids: dict[int, int] = {}
    rows: list[dict] = []
    next_id = (db.session.scalar(select(func.max(Comment.id))) or 0) + 1
    for i, parent in plan(size):
        text = LOREM.format(i=i)
        ids[i] = next_id + i
        rows.append(
            dict(
                id=ids[i],
                thread_id=thread.id,
                parent_id=ids[parent] if parent is not None else None,
                depth=1 if parent is not None else 0,
                status="published",
                listed=True,
                name=f"User {i % 100}",
                email=f"user{i % 100}@example.com",
                website=None,
                text=text,
                html=render_comment(text) if render_each else fixed,
                avatar=uuid.uuid5(uuid.NAMESPACE_URL, str(i % 100)).hex[:24],
                network="203.0.113.0/24",
                user_agent="bench",
                edit_token_hash=uuid.uuid4().hex * 2,
                created_at=start + timedelta(milliseconds=i),
            )
        )
        if len(rows) >= BATCH:
            db.session.execute(insert(Comment), rows)
            rows = []
    if rows:
        db.session.execute(insert(Comment), rows)
    db.session.execute(
        update(Thread).where(Thread.id == thread.id).values(published_count=size, version=1)
    )
    db.session.commit()


def seed(
    database_url: str, workdir: str, sizes: list[int], million: bool, extra_origins: list[str]
):
    """Migrate, register the bench site, add the threads /t<size> (and /m<n> for a million)."""
    app = create_app(
        {"INSTANCE_PATH": workdir, "DATABASE_URL": database_url, "SECRET_KEY": "bench"}
    )
    with app.app_context():
        database.upgrade(db.engine)
        site = register_site("Bench", [ORIGIN, *extra_origins], "none")
        for size in sizes:
            _thread(site.id, f"/t{size}", size, render_each=size <= 10000)
        if million:  # 10,000 threads of 100 comments: a database of a million
            for number in range(10000 - len(sizes)):
                _thread(site.id, f"/m{number}", 100, render_each=False)
        if db.engine.dialect.name == "postgresql":  # the ids were given: move the sequence on
            db.session.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('comments', 'id'), max(id)) FROM comments"
                )
            )
            db.session.commit()
        db.engine.dispose()


@contextmanager
def postgres_schema(url: str):
    """A schema of its own on the PostgreSQL at `url`, dropped afterwards; yields its URL."""
    schema = f"tertulia_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
