"""One HTTP POST to an endpoint: pinned to the checked address, bounded in time and size.

No redirect is followed (http.client never follows one; a 3xx counts as a failure), the
whole exchange gets WEBHOOK_TIMEOUT seconds, and at most MAX_RESPONSE bytes of the
answer are read before the connection is dropped.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import guard

TIMEOUT = 5.0
MAX_RESPONSE = 64 * 1024
USER_AGENT = "Tertulia-Webhooks/1"


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    truncated: bool
    location: str = ""


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to `address`; the Host header still names the URL's host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """TLS to `address`, the certificate checked against the URL's host name (SNI too)."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        try:
            self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def post(url: str, headers: dict[str, str], body: bytes, allow_private: bool) -> Answer:
    """POST `body` to `url`; guard.Refused, OSError or http.client.HTTPException on failure."""
    parts = urlsplit(url)
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    addresses = guard.resolve(parts.hostname or "", port, allow_private)
    deadline = time.monotonic() + TIMEOUT
    connection = _connect(https, parts.hostname or "", port, addresses, deadline)
    # Whatever the receiver does (drip-feeding headers, say), the socket closes at the deadline.
    watchdog = threading.Timer(max(deadline - time.monotonic(), 0), _shut, [connection])
    watchdog.daemon = True
    watchdog.start()
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                "Connection": "close",
                **headers,
            },
        )
        response = connection.getresponse()
        content = response.read(MAX_RESPONSE + 1)
        return Answer(
            status=response.status,
            body=content[:MAX_RESPONSE],
            truncated=len(content) > MAX_RESPONSE,
            location=response.getheader("Location", "") or "",
        )
    except OSError as exc:
        if time.monotonic() >= deadline:
            raise TimeoutError(f"no answer within {TIMEOUT:g} s") from exc
        raise
    finally:
        watchdog.cancel()
        connection.close()


def _connect(
    https: bool, host: str, port: int, addresses: list[str], deadline: float
) -> http.client.HTTPConnection:
    """A connection to the first checked address that answers, within the deadline."""
    error: OSError = OSError(f"cannot connect to {host}")
    kind = _PinnedHTTPS if https else _PinnedHTTP
    for address in addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        connection = kind(host, port, address, remaining)
        try:
            connection.connect()
            return connection
        except OSError as exc:
            connection.close()
            error = exc
    raise error


def _shut(connection: http.client.HTTPConnection) -> None:
    sock = connection.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
