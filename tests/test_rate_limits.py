"""Rate limits: exactly N accepted comments, then 429, per address; shared through Redis."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid

import pytest

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG, REDIS_URL, RUN_ID

STORAGES = ["memory", pytest.param("redis", marks=pytest.mark.redis)]


@pytest.fixture(params=STORAGES)
def limited(request, app, app_factory):
    """An app on the seeded database with limits on: 3 accepted comments a minute.

    Each app has a Redis key prefix of its own; conftest deletes the run's keys.
    """
    storage = "memory://" if request.param == "memory" else REDIS_URL
    return app_factory(
        RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=storage, POST_RATE_LIMIT="3 per minute"
    )


def _statuses(api: Api, count: int, **fields) -> list[int]:
    return [api.post_comment(**fields).status_code for _ in range(count)]


def test_exactly_the_configured_number_then_429(limited):
    api = Api(limited.test_client(), origin=BLOG)
    assert _statuses(api, 5) == [201, 201, 201, 429, 429]


def test_refused_posts_do_not_use_up_the_allowance(limited):
    api = Api(limited.test_client(), origin=BLOG)
    assert _statuses(api, 3, name="") == [400, 400, 400]
    assert _statuses(api, 4) == [201, 201, 201, 429]


def test_attempts_are_limited_too(limited):
    limited.config["WRITE_ATTEMPT_RATE_LIMIT"] = "4 per minute"
    api = Api(limited.test_client(), origin=BLOG)
    assert _statuses(api, 5, name="") == [400, 400, 400, 400, 429]


def test_each_address_has_its_own_allowance(limited):
    client = limited.test_client()
    first = Api(client, origin=BLOG, address="198.51.100.1")
    second = Api(client, origin=BLOG, address="198.51.100.2")
    assert _statuses(first, 4) == [201, 201, 201, 429]
    assert _statuses(second, 1) == [201]


def test_ipv6_clients_are_counted_per_64(limited):
    client = limited.test_client()
    one = Api(client, origin=BLOG, address="2001:db8:1:1::1")
    same_64 = Api(client, origin=BLOG, address="2001:db8:1:1:ffff::2")
    other_64 = Api(client, origin=BLOG, address="2001:db8:1:2::1")
    assert _statuses(one, 2) == [201, 201]
    assert _statuses(same_64, 2) == [201, 429]
    assert _statuses(other_64, 1) == [201]


def test_forwarded_for_is_ignored_without_trusted_proxies(limited):
    api = Api(limited.test_client(), origin=BLOG)
    statuses = [
        api.post_comment(headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code for n in range(4)
    ]
    assert statuses == [201, 201, 201, 429]


def test_forwarded_for_is_used_through_trusted_proxies(app, app_factory):
    proxied = app_factory(RATELIMIT_ENABLED=True, TRUSTED_PROXIES=1, POST_RATE_LIMIT="1 per minute")
    api = Api(proxied.test_client(), origin=BLOG, address="10.0.0.2")
    statuses = [
        api.post_comment(headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code for n in range(3)
    ]
    assert statuses == [201, 201, 201]
    assert api.post_comment(headers={"X-Forwarded-For": "192.0.2.0"}).status_code == 429


def test_reads_have_their_own_generous_limit(limited):
    limited.config["READ_RATE_LIMIT"] = "2 per minute"
    api = Api(limited.test_client(), origin=BLOG)
    assert [api.thread().status_code for _ in range(3)] == [200, 200, 429]


# ---- two processes sharing Redis -------------------------------------------


def _start_instance(env: dict) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.serve"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.path.dirname(os.path.dirname(__file__)),
    )
    port = process.stdout.readline().strip()
    assert port, "the app instance did not start"
    return process, f"http://127.0.0.1:{port}"


def _request(base: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base + path,
        data=data,
        headers={"Origin": BLOG, "Content-Type": "application/json"},
        method="POST" if body is not None else "GET",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.mark.redis
@pytest.mark.skipif(not REDIS_URL, reason="WIDGET_TEST_REDIS_URL is not set")
def test_two_instances_share_the_limit_through_redis(app, database_url, tmp_path):
    env = {
        **os.environ,
        "WIDGET_DATABASE_URL": database_url,
        "WIDGET_SECRET_KEY": "shared-secret-of-both-instances",
        "WIDGET_INSTANCE_PATH": str(tmp_path / "instances"),
        "WIDGET_RATELIMIT_STORAGE_URI": REDIS_URL,
        "WIDGET_RATELIMIT_KEY_PREFIX": f"tertulia-test-{RUN_ID}-{uuid.uuid4().hex[:8]}",
        "WIDGET_POST_RATE_LIMIT": "3 per minute",
        "WIDGET_FORM_TOKEN_MIN_AGE": "0",
    }
    instances = [_start_instance(env), _start_instance(env)]
    try:
        statuses = []
        for number in range(6):
            base = instances[number % 2][1]  # alternate, as a load balancer would
            _, page = _request(base, "/api/form-token?url=" + ARTICLE)
            status, _ = _request(
                base,
                "/api/comments",
                {
                    "url": ARTICLE,
                    "name": "Ana",
                    "email": "ana@example.org",
                    "text": f"Comment {number}",
                    "form_token": page["form_token"],
                },
            )
            statuses.append(status)
        assert statuses == [201, 201, 201, 429, 429, 429]
    finally:
        for process, _ in instances:
            process.terminate()
            process.wait(timeout=10)
            process.stdout.close()


def test_every_app_keeps_its_own_limiter(app_factory, app):
    open_app = app_factory()  # limits off
    limited_app = app_factory(RATELIMIT_ENABLED=True, READ_RATE_LIMIT="1 per minute")
    open_reader = Api(open_app.test_client(), origin=BLOG)
    limited_reader = Api(limited_app.test_client(), origin=BLOG)
    assert [limited_reader.thread().status_code for _ in range(2)] == [200, 429]
    # The app with limits off was made first; another app's limits never reach it.
    assert {open_reader.thread().status_code for _ in range(5)} == {200}
    assert open_app.extensions["tertulia.limiter"] is not limited_app.extensions["tertulia.limiter"]
