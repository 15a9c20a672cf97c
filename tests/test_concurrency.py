"""Limits hold exactly under concurrent requests to real worker processes and instances.

gunicorn runs the service with two worker processes (and, on PostgreSQL, two instances
sharing the database and Redis); requests are fired together from threads.
"""

from __future__ import annotations

import re
import threading
import urllib.parse
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from tests.actions import ARTICLE
from tests.conftest import BLOG, REDIS_URL, RUN_ID
from tests.servers import Browser, gunicorn
from widget.storage.database import db
from widget.storage.models import Comment

CSRF_FIELD = re.compile(rb'name="csrf_token"[^>]*value="([^"]+)"')


def _env(database_url: str, tmp_path, shared: bool, **settings) -> dict[str, str]:
    """Settings of the served instances: the test's database; Redis when `shared`."""
    env = {
        "WIDGET_DATABASE_URL": database_url,
        "WIDGET_SECRET_KEY": "shared-secret-of-every-instance",
        "WIDGET_INSTANCE_PATH": str(tmp_path / "instance"),
        "WIDGET_FORM_TOKEN_MIN_AGE": "0",
        "WIDGET_WRITE_ATTEMPT_RATE_LIMIT": "10000 per minute",
        "WIDGET_READ_RATE_LIMIT": "10000 per minute",
        "WIDGET_DUPLICATE_WINDOW_MINUTES": "0",
        "WIDGET_THREAD_RATE_LIMIT": "10000 per hour",
        "WIDGET_EMAIL_RATE_LIMIT": "10000 per hour",
        "WIDGET_HOLD_LINK_COUNT": "0",
    }
    if shared:
        env["WIDGET_RATELIMIT_STORAGE_URI"] = REDIS_URL
        env["WIDGET_RATELIMIT_KEY_PREFIX"] = f"tertulia-test-{RUN_ID}-{uuid.uuid4().hex[:8]}"
    return {**env, **{f"WIDGET_{name}": value for name, value in settings.items()}}


def _together(count: int, action) -> list:
    """Run `action(n)` for n in range(count) from `count` threads released at once."""
    start = threading.Barrier(count)

    def run(number: int):
        start.wait()
        return action(number)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def _form_token(browser: Browser) -> str:
    status, page = browser.json("GET", "/api/form-token?url=" + urllib.parse.quote(ARTICLE))
    assert status == 200, page
    return page["form_token"]


def _post(browser: Browser, token: str, number: int) -> tuple[int, dict]:
    return browser.json(
        "POST",
        "/api/comments",
        {
            "url": ARTICLE,
            "name": f"Reader {number}",
            "email": f"reader{number}@example.org",
            "text": f"Comment number {number}, said once.",
            "form_token": token,
        },
    )


def _stored(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Comment.id)))


SETUPS = [
    pytest.param("sqlite", 1, id="sqlite-one-instance-two-workers-memory-counters"),
    pytest.param(
        "postgresql",
        2,
        marks=[pytest.mark.postgres, pytest.mark.redis],
        id="postgresql-two-instances-two-workers-redis",
    ),
]


@pytest.mark.parametrize(("backend", "instances"), SETUPS)
def test_thirty_concurrent_posts_from_one_address_accept_exactly_the_limit(
    app, database_url, tmp_path, backend, instances
):
    if not database_url.startswith(backend):
        pytest.skip(f"this setup runs on {backend}")
    env = _env(database_url, tmp_path, shared=instances > 1, POST_RATE_LIMIT="5 per minute")
    with gunicorn(env, workers=2, instances=instances) as servers:
        browsers = [Browser(servers[n % instances].base, origin=BLOG) for n in range(30)]
        tokens = [_form_token(browser) for browser in browsers]
        answers = _together(30, lambda n: _post(browsers[n], tokens[n], n))
    statuses = Counter(status for status, _ in answers)
    assert statuses == {201: 5, 429: 25}, statuses
    assert _stored(app) == 5
    refused = next(body for status, body in answers if status == 429)
    assert refused["error"] == "rate_limited" and "your address" in refused["message"]


@pytest.mark.parametrize(("backend", "instances"), SETUPS)
def test_twenty_concurrent_wrong_passwords_give_at_most_five_401(
    app, database_url, tmp_path, moderator, backend, instances
):
    if not database_url.startswith(backend):
        pytest.skip(f"this setup runs on {backend}")
    env = _env(database_url, tmp_path, shared=instances > 1, LOGIN_RATE_LIMIT="5 per minute")
    with gunicorn(env, workers=2, instances=instances) as servers:
        browsers = [Browser(servers[n % instances].base) for n in range(20)]
        tokens = []
        for browser in browsers:
            _, _, page = browser.request("GET", "/admin/login")
            tokens.append(CSRF_FIELD.search(page).group(1).decode())

        def guess(number: int) -> int:
            form = {"email": moderator.email, "password": f"guess {number}", "csrf_token": ""}
            form["csrf_token"] = tokens[number]
            body = urllib.parse.urlencode(form).encode()
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": browsers[number].base + "/admin/login",
            }
            return browsers[number].request("POST", "/admin/login", body, headers)[0]

        statuses = Counter(_together(20, guess))
    assert statuses[401] <= 5 and statuses[401] + statuses[429] == 20, statuses
    assert statuses[401] == 5, statuses  # and the limit is not stricter than it says


@pytest.mark.postgres
@pytest.mark.redis
def test_sixteen_writers_over_two_instances_store_exactly_what_they_posted(
    app, database_url, tmp_path
):
    if not database_url.startswith("postgresql"):
        pytest.skip("two instances share PostgreSQL")
    env = _env(database_url, tmp_path, shared=True, POST_RATE_LIMIT="100000 per minute")
    total, writers = 1000, 16
    with gunicorn(env, workers=2, instances=2) as servers:

        def write(writer: int) -> list[bool]:
            browser = Browser(servers[writer % 2].base, origin=BLOG)
            token = _form_token(browser)
            mine = []
            for number in range(writer, total, writers):
                status, body = _post(browser, token, number)
                # Each writer gets its own comment back, never another request's.
                mine.append(status == 201 and body["comment"]["name"] == f"Reader {number}")
            return mine

        results = _together(writers, write)
    assert sum(len(mine) for mine in results) == total
    assert all(all(mine) for mine in results)
    assert _stored(app) == total


def test_several_workers_sharing_memory_counters_are_warned_about(app, database_url, tmp_path):
    if not database_url.startswith("sqlite"):
        pytest.skip("one check is enough")
    with gunicorn(_env(database_url, tmp_path, shared=False), workers=2) as servers:
        pass
    assert "WIDGET_RATELIMIT_STORAGE_URI is memory://" in servers[0].log
    assert "2 worker processes" in servers[0].log
