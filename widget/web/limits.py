"""Request-rate limits per client address (flask-limiter): reads and write attempts.

Views are marked here and limited by each app's own Limiter (`install`), so two apps
in one process never share an on/off flag, a storage or a key prefix. Shared scopes:
the JSON API and the no-JavaScript pages draw on one allowance.

Accepted comments and failed sign-ins are not counted here but in the database, under
a lock, inside the transaction that stores them (comments/posting.py, accounts/signin.py): exact
in every process and instance, with or without Redis.
"""

from __future__ import annotations

import logging
import os
import shlex
import sys
from collections.abc import Callable

from flask import Flask, current_app, request
from flask_limiter import Limiter

from .context import rate_limit_key
from .limit_storage import SCHEME

log = logging.getLogger(__name__)
# (setting, scope, methods) of each limit a view is marked with.
Mark = tuple[str, str, tuple[str, ...]]


def _mark(setting: str, scope: str, *methods: str) -> Callable:
    def decorate(view: Callable) -> Callable:
        view.rate_limits = (*getattr(view, "rate_limits", ()), (setting, scope, methods))
        return view

    return decorate


reads = _mark("READ_RATE_LIMIT", "read", "GET", "HEAD")
# Reads sent as POST (the author's own held comments: edit tokens stay out of URLs).
post_reads = _mark("READ_RATE_LIMIT", "read", "POST")
# Withdrawing a like follows the read limit too, as liking does (issue 13).
delete_reads = _mark("READ_RATE_LIMIT", "read", "DELETE")
# Every write, accepted or refused, so probing (wrong edit tokens, bad forms) is bounded.
write_attempts = _mark("WRITE_ATTEMPT_RATE_LIMIT", "write-attempt", "POST", "PATCH", "DELETE")
# The CMS's admin API (issue 24): its PUTs draw on the same allowance.
admin_writes = _mark("WRITE_ATTEMPT_RATE_LIMIT", "write-attempt", "PUT")


# Set in the WSGI environ by web/fast_reads.py once it has counted a read itself.
READ_COUNTED = "tertulia.read_counted"


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def _counted_already() -> bool:
    """A read the fast path counted (then found no cached page for) is not counted twice."""
    return bool(request.environ.get(READ_COUNTED))


def install(app: Flask) -> Limiter:
    """Give the app its own Limiter and apply it to every marked view."""
    # memory:// (the default) without limits' expiry thread per count (limit_storage.py).
    memory = str(app.config["RATELIMIT_STORAGE_URI"]).startswith("memory://")
    limiter = Limiter(key_func=rate_limit_key, storage_uri=f"{SCHEME}://" if memory else None)
    limiter.init_app(app)
    app.extensions["tertulia.limiter"] = limiter
    for endpoint, view in list(app.view_functions.items()):
        for setting, scope, methods in getattr(view, "rate_limits", ()):
            exempt = _counted_already if scope == "read" else None
            view = limiter.shared_limit(
                _setting(setting), scope=scope, methods=list(methods), exempt_when=exempt
            )(view)
        app.view_functions[endpoint] = view
    _warn_if_counters_are_per_process(app)
    return limiter


def current_limiter() -> Limiter:
    return current_app.extensions["tertulia.limiter"]


def worker_count() -> int | None:
    """How many worker processes gunicorn was asked for (None: not under gunicorn)."""
    if "gunicorn" not in sys.modules:
        return None
    words = shlex.split(os.environ.get("GUNICORN_CMD_ARGS", "")) + sys.argv[1:]
    count = os.environ.get("WEB_CONCURRENCY", "1")
    for index, word in enumerate(words):
        if word in ("-w", "--workers") and index + 1 < len(words):
            count = words[index + 1]
        elif word.startswith("--workers="):
            count = word.split("=", 1)[1]
        elif word.startswith("-w") and word[2:].isdigit():
            count = word[2:]
    return int(count) if count.isdigit() else 2


def _warn_if_counters_are_per_process(app: Flask) -> None:
    if not app.config["RATELIMIT_ENABLED"]:
        return
    if not str(app.config["RATELIMIT_STORAGE_URI"]).startswith("memory://"):
        return
    workers = worker_count()
    if workers is not None and workers > 1:
        log.warning(
            "WIDGET_RATELIMIT_STORAGE_URI is memory://, and there are %d worker processes: "
            "each counts reads and write attempts on its own, so those limits are %d times "
            "looser. Set WIDGET_RATELIMIT_STORAGE_URI=redis://… to share them. (Accepted "
            "comments and failed sign-ins are counted in the database and stay exact.)",
            workers,
            workers,
        )
