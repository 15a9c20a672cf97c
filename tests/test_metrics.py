"""GET /metrics: off unless WIDGET_METRICS_TOKEN is set, bearer-only, no CORS, and under
`gunicorn -w 2` (PROMETHEUS_MULTIPROC_DIR) the sum of every worker's requests."""

from __future__ import annotations

import re
import time
import urllib.parse
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.actions import ARTICLE, Api
from tests.conftest import BLOG
from tests.servers import Server, gunicorn
from widget.sites.editing import register_site

TOKEN = "a-long-random-metrics-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def _samples(text: str) -> dict[tuple[str, tuple], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture
def measured(app_factory, app):
    return app_factory(METRICS_TOKEN=TOKEN)


def _scrape(client) -> dict:
    response = client.get("/metrics", headers=BEARER)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/plain"
    return _samples(response.get_data(as_text=True))


def test_there_are_no_metrics_without_a_token(client):
    assert client.get("/metrics", headers=BEARER).status_code == 404


@pytest.mark.parametrize("given", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x"])
def test_only_the_token_opens_the_metrics(measured, given):
    headers = {"Authorization": given} if given else {}
    response = measured.test_client().get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert b"tertulia_" not in response.get_data()


def test_metrics_never_carry_the_apis_cors(measured):
    response = measured.test_client().get("/metrics", headers={**BEARER, "Origin": BLOG})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_requests_latency_cache_and_statements_are_counted(measured):
    client = measured.test_client()
    api = Api(client, origin=BLOG)
    before = _scrape(client)
    api.post_comment(text="Measured.")
    for _ in range(3):
        api.thread()  # a miss (rendered by Flask), then two hits (answered before Flask)
    after = _scrape(client)

    def grew(name, **labels):
        return _value(after, name, **labels) - _value(before, name, **labels)

    read = {"endpoint": "api.read_thread", "method": "GET", "status": "200"}
    assert grew("tertulia_request_duration_seconds_count", **read) == 3
    assert grew("tertulia_request_duration_seconds_sum", **read) > 0
    post = {"endpoint": "api.create_comment", "method": "POST", "status": "201"}
    assert grew("tertulia_request_duration_seconds_count", **post) == 1
    assert grew("tertulia_read_cache_total", result="miss") == 1
    assert grew("tertulia_read_cache_total", result="hit") == 2
    statements = "tertulia_sql_statements_per_request_count"
    assert grew(statements, endpoint="api.read_thread") == 3
    # Every cached read ran one statement: all three fall in the bucket "at most 3".
    assert (
        grew("tertulia_sql_statements_per_request_bucket", endpoint="api.read_thread", le="3.0")
        == 3
    )


def test_limit_refusals_are_counted(app_factory, app):
    limited = app_factory(
        METRICS_TOKEN=TOKEN, RATELIMIT_ENABLED=True, READ_RATE_LIMIT="1 per minute"
    )
    client = limited.test_client()
    before = _scrape(client)
    api = Api(client, origin=BLOG)
    assert [api.thread().status_code for _ in range(2)] == [200, 429]
    after = _scrape(client)
    refused = ("tertulia_limit_refusals_total", (("endpoint", "api.read_thread"),))
    assert after[refused] - before.get(refused, 0) == 1


def test_the_outbox_and_the_queues_are_read_at_the_scrape(measured):
    client = measured.test_client()
    with measured.app_context():
        register_site("Held", ["https://held.example.net"], "all")
    held = Api(client, origin="https://held.example.net")
    held.post_comment(url="https://held.example.net/a", text="Waiting.")
    held.post_comment(url="https://held.example.net/b", text="Waiting too.")
    samples = _scrape(client)
    queues = {
        dict(labels)["site"]: value
        for (name, labels), value in samples.items()
        if name == "tertulia_moderation_queue"
    }
    assert queues == {"Blog": 0, "Other": 0, "Held": 2}
    assert _value(samples, "tertulia_outbox_depth") == 0
    assert _value(samples, "tertulia_outbox_oldest_age_seconds") == 0


def test_the_outbox_depth_and_age(make_mail_app, app_factory):
    mail = make_mail_app(METRICS_TOKEN=TOKEN)
    api = Api(mail.test_client(), origin=BLOG)
    parent = api.post_comment(text="Tell me.", email="ana@example.org", notify=True)
    assert parent.status_code == 201
    samples = _scrape(mail.test_client())
    assert _value(samples, "tertulia_outbox_depth") == 1  # the confirmation, not yet sent
    assert _value(samples, "tertulia_outbox_oldest_age_seconds") >= 0


def test_gunicorn_workers_are_added_up(database_url, app, tmp_path):
    """Two workers, each with its own counters in PROMETHEUS_MULTIPROC_DIR: a scrape from
    either sees every read, and starting without the folder is refused."""
    folder = tmp_path / "metrics"
    folder.mkdir()
    env = {
        "WIDGET_DATABASE_URL": database_url,
        "WIDGET_SECRET_KEY": "shared-secret-of-every-process",
        "WIDGET_INSTANCE_PATH": str(tmp_path / "instance"),
        "WIDGET_RATELIMIT_ENABLED": "false",
        "WIDGET_METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(folder),
    }
    path = "/api/threads?url=" + urllib.parse.quote(ARTICLE, safe="")
    with gunicorn(env, workers=2) as (server,):
        for _ in range(20):
            request = urllib.request.Request(server.base + path, headers={"Origin": BLOG})
            urllib.request.urlopen(request, timeout=20).close()
        totals = set()
        for _ in range(6):  # whichever worker answers the scrape
            request = urllib.request.Request(server.base + "/metrics", headers=BEARER)
            with urllib.request.urlopen(request, timeout=20) as response:
                samples = _samples(response.read().decode())
            read = {"endpoint": "api.read_thread", "method": "GET", "status": "200"}
            totals.add(_value(samples, "tertulia_request_duration_seconds_count", **read))
    assert totals == {20}
    assert len(list(folder.glob("*.db"))) >= 2  # each worker's own file
    env.pop("PROMETHEUS_MULTIPROC_DIR")
    refused = Server(env, workers=2)
    try:
        deadline = time.monotonic() + 12  # its workers exit at once, again and again
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(refused.probe, timeout=2).close()
                pytest.fail("the workers started without PROMETHEUS_MULTIPROC_DIR")
            except OSError:
                time.sleep(0.5)
            if refused.process.poll() is not None:
                break
    finally:
        refused.stop()
    assert "PROMETHEUS_MULTIPROC_DIR is not" in refused.log


def test_the_metric_names_are_documented():
    from pathlib import Path

    guide = (Path(__file__).resolve().parent.parent / "docs" / "deploy.md").read_text()
    for name in re.findall(r'"(tertulia_[a-z_]+)"', Path("widget/web/metrics.py").read_text()):
        assert name in guide, f"{name} is not in docs/deploy.md's What to watch"
