"""Real server processes for the tests that need them: gunicorn with worker processes.

Configured only through WIDGET_* environment variables, as in production; bound to a
free port of 127.0.0.1; stopped (and their output read) when the test ends.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One gunicorn instance: its base URL and, once stopped, what it logged."""

    def __init__(self, env: dict[str, str], workers: int, args: tuple[str, ...] = ()) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = ""
        # Asked for by the name WIDGET_PUBLIC_URL gives, when it gives one (others get 400).
        public = urlsplit(env.get("WIDGET_PUBLIC_URL", "")).hostname
        self.probe = urllib.request.Request(
            self.base + "/embed.js", headers={"Host": public} if public else {}
        )
        self.process = subprocess.Popen(
            [str(GUNICORN), "-w", str(workers), "-b", f"127.0.0.1:{self.port}", *args, "app:app"],
            env={**os.environ, **env},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    # Generous: on a shared 2-core machine four workers loading the app at once took over 30 s.
    def wait_until_ready(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.process.stdout.read()}")
            try:
                urllib.request.urlopen(self.probe, timeout=2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start in time")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.log, _ = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.log, _ = self.process.communicate()


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2, instances: int = 1, args: tuple[str, ...] = ()):
    """Start `instances` gunicorn servers of `workers` processes each; yield them."""
    servers = [Server(env, workers, args) for _ in range(instances)]
    try:
        for server in servers:
            server.wait_until_ready()
        yield servers
    finally:
        for server in servers:
            server.stop()


class Browser:
    """A client with its own cookies, as one browser: JSON and form requests."""

    def __init__(self, base: str, origin: str | None = None) -> None:
        self.base = base
        self.origin = origin
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirect(),
        )

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        headers = {**({"Origin": self.origin} if self.origin else {}), **(headers or {})}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        request.method = method
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def json(self, method: str, path: str, payload: dict | None = None) -> tuple[int, dict]:
        body = None if payload is None else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"} if body is not None else {}
        status, _, data = self.request(method, path, body, headers)
        return status, json.loads(data)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand redirects back as they are: the tests look at the 303 itself."""

    def redirect_request(self, *args, **kwargs):
        return None
