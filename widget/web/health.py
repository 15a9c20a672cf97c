"""GET /healthz: does this instance reach its database (and Redis, when configured)?"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from widget import storage

from .limits import current_limiter

bp = Blueprint("health", __name__)


def _redis_configured() -> bool:
    return current_app.config["RATELIMIT_STORAGE_URI"].startswith(("redis", "rediss"))


@bp.get("/healthz")  # no rate limit: only marked views have one (limits.py)
def healthz():
    """200 {"status": "ok"}, or 503 naming the parts that do not answer; never cached."""
    failing = []
    try:
        storage.ping_database()
    except Exception:  # any driver's error means the same thing here: it does not answer
        current_app.logger.exception("health check: the database does not answer")
        failing.append("database")
    limiter = current_limiter()
    if _redis_configured() and limiter.enabled and not limiter.storage.check():
        failing.append("redis")
    if failing:
        body = {
            "status": "unavailable",
            "failing": failing,
            "message": f"Not answering: {', '.join(failing)}.",
        }
        response = jsonify(body)
        response.status_code = 503
    else:
        response = jsonify({"status": "ok"})
    response.headers["Cache-Control"] = "no-store"
    return response
