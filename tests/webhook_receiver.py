"""A real HTTP receiver of webhooks for the tests, on a free port of 127.0.0.1.

It keeps every request it gets (headers and body) and, as a careful receiver does,
verifies each with the Standard Webhooks reference library and processes each
`webhook-id` once. It can be told to fail the first N requests, to redirect, or to
answer with a huge body.
"""

from __future__ import annotations

import json
import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """What the receiver got, and how it answers."""

    fail_first: int = 0
    status: int = 204
    redirect_to: str | None = None
    answer_bytes: int = 0
    secret: str | None = None  # when set, unverified requests are refused with 401
    tls: ssl.SSLContext | None = None  # when set, it answers https
    requests: list[Received] = field(default_factory=list)
    processed: dict[str, dict] = field(default_factory=dict)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def __post_init__(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length", 0))
                got = Received(self.path, dict(self.headers.items()), self.rfile.read(length))
                status, body, headers = receiver._answer(got)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass  # the sender stopped reading: the answer was too long

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if self.tls is not None:
            self.server.socket = self.tls.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def _answer(self, got: Received) -> tuple[int, bytes, dict[str, str]]:
        with self.arrived:
            self.requests.append(got)
            self.arrived.notify_all()
            if len(self.requests) <= self.fail_first:
                return 500, b"busy, try later", {}
            if self.redirect_to:
                return 302, b"", {"Location": self.redirect_to}
            if self.answer_bytes:
                return 200, b"x" * self.answer_bytes, {}
            if self.secret is not None:
                try:
                    payload = Webhook(self.secret).verify(got.body, got.headers)
                except WebhookVerificationError:
                    return 401, b"bad signature", {}
                # Exactly-once processing: a webhook-id seen before is acknowledged, not redone.
                self.processed.setdefault(got.headers["webhook-id"], payload)
            return self.status, b"", {}

    def wait_for(self, count: int, timeout: float = 20) -> list[Received]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.requests) >= count, timeout)
        return self.requests

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
