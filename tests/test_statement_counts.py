"""How many SQL statements a request runs: reads from cache run one, posts a handful.

Counted with SQLAlchemy's `before_cursor_execute` event, on SQLite and PostgreSQL.
A failure lists every statement that ran, so a change that adds one says which.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from widget.storage.database import db

CACHED_READ = 1  # the sites counter and the thread's version, in one query
MISSED_READ = 3  # that, and the page of comments
POST = 8  # ban, thread, flood and duplicate checks, the insert, the thread's bookkeeping


@contextmanager
def statements(app) -> Iterator[list[str]]:
    """The SQL statements the app runs inside the block, in order."""
    ran: list[str] = []

    def record(_connection, _cursor, statement, _parameters, _context, _many):
        ran.append(" ".join(statement.split()))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield ran
    finally:
        event.remove(engine, "before_cursor_execute", record)


def report(ran: list[str]) -> str:
    return f"{len(ran)} statements ran:\n" + "\n".join(
        f"  {number}. {sql[:300]}" for number, sql in enumerate(ran, 1)
    )


@pytest.fixture
def production_defences(app):
    """The flood and duplicate checks as shipped (the test config turns them down)."""
    app.config.update(
        DUPLICATE_WINDOW_MINUTES=10, THREAD_RATE_LIMIT="3 per hour", EMAIL_RATE_LIMIT="10 per hour"
    )
    return app


def test_a_cached_read_runs_one_statement(app, api):
    api.post_comment(text="Something to read.")
    first = api.thread()
    with statements(app) as ran:
        again = api.thread()
    assert again.get_data() == first.get_data()
    assert len(ran) <= CACHED_READ, report(ran)
    with statements(app) as ran:
        assert api.thread(headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert len(ran) <= CACHED_READ, report(ran)


def test_a_read_after_a_write_runs_at_most_three(app, api):
    api.post_comment(text="One.")
    api.thread()
    api.post_comment(text="Two.")
    with statements(app) as ran:
        assert len(api.thread().get_json()["comments"]) == 2
    assert len(ran) <= MISSED_READ, report(ran)


def test_a_thread_nobody_commented_on_costs_one_statement(app, api):
    api.thread()
    with statements(app) as ran:
        api.thread()
    assert len(ran) <= CACHED_READ, report(ran)


def test_the_fragment_reads_like_the_api(app, client, api):
    api.post_comment(text="In the fragment.")
    client.get("/api/threads.html", query_string={"url": ARTICLE})
    with statements(app) as ran:
        client.get("/api/threads.html", query_string={"url": ARTICLE})
    assert len(ran) <= CACHED_READ, report(ran)


def test_counts_run_two_statements(app, api):
    api.post_comment(text="Counted.")
    api.counts(ARTICLE, "https://blog.example.org/other", "https://other.example.net/x")
    with statements(app) as ran:
        response = api.counts(ARTICLE, "https://blog.example.org/other")
    assert response.get_json()["counts"][ARTICLE] == 1
    assert len(ran) <= 2, report(ran)


@pytest.mark.parametrize("kind", ["first comment of a thread", "top-level comment", "reply"])
def test_a_post_runs_at_most_eight(production_defences, client, kind, capsys):
    api = Api(client, origin=BLOG)
    parent = None
    if kind != "first comment of a thread":
        parent = api.post_comment(text="Already there.", email="first@example.org")
        parent = parent.get_json()["comment"]["id"]
    fields = {"parent_id": parent} if kind == "reply" else {}
    token = api.form_token()
    with statements(production_defences) as ran:
        response = api.post_comment(text="Counted.", form_token=token, **fields)
    assert response.status_code == 201, response.get_json()
    with capsys.disabled():  # printed every run: the write path changes, this says how
        print(f"\nPOST ({kind}): {report(ran)}")
    assert len(ran) <= POST, report(ran)
