"""Every worker and every instance serves the thread as it is now, never a cached old page.

Real processes: `gunicorn -w 2` (two workers, each with its own page cache and site
registry), and two instances started as in production (tests/serve.py). A comment
posted, approved, edited or deleted is in the very next read from any of them, and
an old ETag stops matching. Moderation goes through a third app on the same database.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.actions import ARTICLE
from tests.conftest import BLOG
from widget import storage
from widget.accounts.moderators import create_moderator
from widget.moderation import rules

ROOT = Path(__file__).resolve().parent.parent
READS = 12  # with two workers, a dozen reads reach both with near certainty


def _env(database_url: str, tmp_path: Path) -> dict:
    return {
        **os.environ,
        "WIDGET_DATABASE_URL": database_url,
        "WIDGET_SECRET_KEY": "shared-secret-of-every-process",
        "WIDGET_INSTANCE_PATH": str(tmp_path / "instances"),
        "WIDGET_RATELIMIT_ENABLED": "false",
        "WIDGET_FORM_TOKEN_MIN_AGE": "0",
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _call(base: str, path: str, body: dict | None = None, method: str | None = None, **headers):
    """(status, parsed JSON or None, headers) of one request."""
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Origin": BLOG, "Content-Type": "application/json", **headers},
        method=method or ("POST" if body is not None else "GET"),
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None, response.headers
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else None, error.headers


def _thread_path() -> str:
    return "/api/threads?url=" + urllib.request.quote(ARTICLE, safe="")


def _post(base: str, text: str) -> dict:
    token = _call(base, "/api/form-token?url=" + urllib.request.quote(ARTICLE, safe=""))[1]
    status, body, _ = _call(
        base,
        "/api/comments",
        {
            "url": ARTICLE,
            "name": "Ana",
            "email": "ana@example.org",
            "text": text,
            "form_token": token["form_token"],
        },
    )
    assert status == 201, body
    return body


def _every_read_shows(bases: list[str], expected: list[str], old_etag: str | None) -> str:
    """Read from every process, READS times each; all show `expected`; returns the ETag."""
    etags = set()
    for base in bases:
        for _ in range(READS):
            status, body, headers = _call(base, _thread_path())
            assert status == 200
            assert [c["html"] for c in body["comments"]] == expected, base
            etags.add(headers["ETag"])
            if old_etag:
                status, _, _ = _call(base, _thread_path(), **{"If-None-Match": old_etag})
                assert status == 200, "an old ETag still matched"
    assert len(etags) == 1
    return etags.pop()


def _moderate(app, action: str, comment_id: int) -> None:
    """A moderator's action, through a third process's code on the same database."""
    with app.app_context():
        moderator = storage.find_moderator_by_email("mod@example.org") or create_moderator(
            "mod@example.org", "a long moderation passphrase"
        )
        rules.apply_action(moderator, action, [storage.find_comment(comment_id)])


def _lifecycle(app, post_base: str, read_bases: list[str]) -> None:
    """Post, hold, approve, edit, delete: after each, every read shows it."""
    _post(post_base, "Warm every cache.")
    etag = _every_read_shows(read_bases, ["<p>Warm every cache.</p>"], None)
    posted = _post(post_base, "Fresh.")
    shown = ["<p>Warm every cache.</p>", "<p>Fresh.</p>"]
    etag = _every_read_shows(read_bases, shown, etag)
    cid, token = posted["comment"]["id"], posted["edit_token"]

    _moderate(app, "hold", cid)
    etag = _every_read_shows(read_bases, shown[:1], etag)
    _moderate(app, "approve", cid)
    etag = _every_read_shows(read_bases, shown, etag)

    status, _, _ = _call(
        post_base, f"/api/comments/{cid}", {"edit_token": token, "text": "Edited."}, "PATCH"
    )
    assert status == 200
    etag = _every_read_shows(read_bases, [shown[0], "<p>Edited.</p>"], etag)
    status, _, _ = _call(post_base, f"/api/comments/{cid}", {"edit_token": token}, "DELETE")
    assert status == 200
    _every_read_shows(read_bases, shown[:1], etag)


def test_two_gunicorn_workers_never_serve_an_old_thread(app, database_url, tmp_path):
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "-w",
            "2",
            "-k",
            "sync",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "app:app",
        ],
        cwd=ROOT,
        env=_env(database_url, tmp_path),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _call(base, _thread_path())
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.1)
        _lifecycle(app, base, [base])
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def _start_instance(env: dict) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.serve"], env=env, stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    port = process.stdout.readline().strip()
    assert port, "the app instance did not start"
    return process, f"http://127.0.0.1:{port}"


def test_two_instances_never_serve_an_old_thread(app, database_url, tmp_path):
    env = _env(database_url, tmp_path)
    instances = [_start_instance(env), _start_instance(env)]
    try:
        first, second = (base for _, base in instances)
        _lifecycle(app, first, [second, first])
    finally:
        for process, _ in instances:
            process.terminate()
            process.wait(timeout=10)
            process.stdout.close()
