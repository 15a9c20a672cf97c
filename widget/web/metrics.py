"""GET /metrics: Prometheus's text format, for the people who run the service.

Off unless WIDGET_METRICS_TOKEN is set: then the endpoint answers only a request that
carries it (`Authorization: Bearer <token>`), never with the public API's CORS, and each
request is measured (nothing is measured while it is off).

Under gunicorn each worker counts apart; with PROMETHEUS_MULTIPROC_DIR set (an empty
folder, emptied at each start), prometheus-client keeps the counts in files there and a
scrape adds up every worker's. What only the database knows (the outbox, the queues) is
asked at the scrape, by whichever worker answers it.
"""

from __future__ import annotations

import hmac
import os
import threading
import time

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import event

from widget import storage
from widget.i18n import ngettext
from widget.settings.checks import SettingsError
from widget.storage.models import utcnow

from .limits import worker_count

bp = Blueprint("metrics", __name__)
MULTIPROCESS = "PROMETHEUS_MULTIPROC_DIR"
FAST_READ = "api.read_thread"  # the endpoint web/fast_reads.py answers for

# This process's metrics (in multiprocess mode, their values live in the folder's files).
REGISTRY = CollectorRegistry()
REQUESTS = Histogram(
    "tertulia_request_duration_seconds",
    "Time to answer a request, by endpoint, method and status (its _count: the requests).",
    ["endpoint", "method", "status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10),
    registry=REGISTRY,
)
READ_CACHE = Counter(
    "tertulia_read_cache_total",
    "Thread pages asked of a worker's page cache: result hit or miss (rendered).",
    ["result"],
    registry=REGISTRY,
)
STATEMENTS = Histogram(
    "tertulia_sql_statements_per_request",
    "SQL statements a request ran, by endpoint.",
    ["endpoint"],
    buckets=(0, 1, 2, 3, 5, 8, 13, 21, 34, 55),
    registry=REGISTRY,
)
REFUSALS = Counter(
    "tertulia_limit_refusals_total",
    "Requests refused with 429 (a rate limit or a flood limit), by endpoint.",
    ["endpoint"],
    registry=REGISTRY,
)
_statements = threading.local()


def enabled(app: Flask) -> bool:
    return bool(app.config.get("METRICS_TOKEN"))


def install(app: Flask) -> None:
    """Measure every request of `app` when metrics are on; serve /metrics."""
    app.register_blueprint(bp)
    if not enabled(app):
        return
    workers = worker_count()
    if workers and workers > 1 and not os.environ.get(MULTIPROCESS):
        raise SettingsError(
            # TRANSLATORS: {variable} is an environment variable, PROMETHEUS_MULTIPROC_DIR.
            ngettext(
                "WIDGET_METRICS_TOKEN is set and gunicorn runs {n} worker, but {variable} is "
                "not: each worker would report only its own requests. Set it to an empty folder "
                "the workers may write (docs/deploy.md, What to watch).",
                "WIDGET_METRICS_TOKEN is set and gunicorn runs {n} workers, but {variable} is "
                "not: each worker would report only its own requests. Set it to an empty folder "
                "the workers may write (docs/deploy.md, What to watch).",
                workers,
                variable=MULTIPROCESS,
            )
        )
    app.before_request(_started)
    app.after_request(_finished)
    engine = app.extensions["tertulia.db"][0]
    event.listen(engine, "before_cursor_execute", _count_statement)


def _count_statement(*_args) -> None:
    _statements.count = getattr(_statements, "count", 0) + 1


def _started() -> None:
    g.metrics_began = time.perf_counter()
    _statements.count = 0


def _finished(response: Response) -> Response:
    began = g.pop("metrics_began", None)
    if began is None:
        return response
    endpoint = request.endpoint or "none"
    status = response.status_code
    REQUESTS.labels(endpoint, request.method, str(status)).observe(time.perf_counter() - began)
    STATEMENTS.labels(endpoint).observe(getattr(_statements, "count", 0))
    if status == 429:
        REFUSALS.labels(endpoint).inc()
    return response


def observe_fast_read(app: Flask, status: str, seconds: float) -> None:
    """A read answered before Flask (web/fast_reads.py): one statement, a cache hit or 304."""
    if not enabled(app):
        return
    code = status.split(" ", 1)[0]
    REQUESTS.labels(FAST_READ, "GET", code).observe(seconds)
    STATEMENTS.labels(FAST_READ).observe(1)
    if code == "200":
        READ_CACHE.labels("hit").inc()


def observe_cache(app: Flask, hit: bool) -> None:
    """A page looked up in the cache by the full path (web/reads.py)."""
    if enabled(app):
        READ_CACHE.labels("hit" if hit else "miss").inc()


class DatabaseCollector:
    """What the database knows, asked at each scrape: the outbox and the moderation queues."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def collect(self):
        with self.app.app_context():
            waiting, oldest = storage.outbox_backlog()
            queues = storage.count_queue_by_site()
            storage.rollback()
        depth = GaugeMetricFamily("tertulia_outbox_depth", "Mail waiting to be sent.")
        depth.add_metric([], waiting)
        age = GaugeMetricFamily(
            "tertulia_outbox_oldest_age_seconds",
            "Age of the oldest mail waiting to be sent (0: none waits).",
        )
        age.add_metric([], (utcnow() - oldest).total_seconds() if oldest else 0)
        queue = GaugeMetricFamily(
            "tertulia_moderation_queue",
            "Comments and authors' edits waiting for a moderator, per site.",
            labels=["site_id", "site"],
        )
        for (site_id, name), count in sorted(queues.items()):
            queue.add_metric([str(site_id), name], count)
        yield from (depth, age, queue)


@bp.get("/metrics")  # no rate limit and no CORS: it is for the operator's scraper only
def metrics():
    """Every metric in Prometheus's text format, for a request with the bearer token."""
    token = current_app.config.get("METRICS_TOKEN")
    if not token:
        abort(404)
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return Response(
            "Give the metrics token: Authorization: Bearer <WIDGET_METRICS_TOKEN>.\n",
            401,
            {"WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store"},
            mimetype="text/plain",
        )
    registry = CollectorRegistry()
    if os.environ.get(MULTIPROCESS):
        MultiProcessCollector(registry)  # every worker's counts, from their files
    else:
        registry.register(_ThisProcess())
    registry.register(DatabaseCollector(current_app._get_current_object()))
    response = Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
    response.headers["Cache-Control"] = "no-store"
    return response


class _ThisProcess:
    """This process's own metrics, when there is one process (no PROMETHEUS_MULTIPROC_DIR)."""

    def collect(self):
        yield from REGISTRY.collect()
