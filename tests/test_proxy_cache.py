"""deploy/nginx/tertulia.conf, run by a real nginx (Debian's) in front of `gunicorn -w 2`.

What the file promises, seen from readers at different loopback addresses (127.0.0.2,
127.0.0.3…: Linux routes all of 127/8 to the loopback) and counted in gunicorn's access
log: a second read within the second never reaches the service; a new comment is seen by
another reader within 2 s; revalidation is answered by nginx; each reader has their own
limits (the service trusts nginx's X-Forwarded-For); the admin, form tokens and an
author's own held comments always go to the service.
"""

from __future__ import annotations

import http.client
import json
import ssl
import time
import urllib.parse
from pathlib import Path

import pytest

from bench.nginx import HOST, Nginx, nginx_binary
from tests.actions import ARTICLE
from tests.conftest import BLOG
from tests.servers import gunicorn
from widget.sites.editing import register_site

pytestmark = pytest.mark.skipif(
    nginx_binary() is None, reason="nginx is not installed (python3 scripts/dev.py test does it)"
)
HELD = "https://held.example.net"
HELD_ARTICLE = f"{HELD}/2026/12/held/"
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE  # nginx's certificate is made up for the test


class Reader:
    """A browser at one loopback address, talking to nginx over TLS."""

    def __init__(self, port: int, address: str, origin: str = BLOG) -> None:
        self.port, self.address, self.origin = port, address, origin

    def request(self, method: str, path: str, body: dict | None = None, **headers):
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.port, source_address=(self.address, 0), context=TLS, timeout=20
        )
        sent = {"Host": HOST, "Origin": self.origin, **headers}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        try:
            connection.request(method, path, body=data, headers=sent)
            response = connection.getresponse()
            headers = {name.lower(): value for name, value in response.getheaders()}
            return response.status, headers, response.read()
        finally:
            connection.close()

    def thread(self, url: str = ARTICLE, **headers):
        path = "/api/threads?url=" + urllib.parse.quote(url, safe="")
        return self.request("GET", path, **headers)

    def post(self, text: str, url: str = ARTICLE) -> dict:
        token = self.request("GET", "/api/form-token?url=" + urllib.parse.quote(url, safe=""))
        payload = {
            "url": url,
            "name": "Ana",
            "email": "ana@example.org",
            "text": text,
            "form_token": json.loads(token[2])["form_token"],
        }
        status, _, body = self.request("POST", "/api/comments", payload)
        assert status == 201, body
        return json.loads(body)


class Service:
    """gunicorn's access log: how many requests for a path reached the service."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def requests(self, path: str) -> int:
        time.sleep(0.1)  # gunicorn writes the line after the answer
        lines = self.log.read_text().splitlines() if self.log.exists() else []
        return sum(1 for line in lines if f" {path}" in line)


@pytest.fixture
def proxied(request, app, database_url, tmp_path):
    """nginx with the deploy file in front of `gunicorn -w 2` on the test's database
    (with the settings of the test's `proxy_settings` mark)."""
    with app.app_context():
        register_site("Held", [HELD], "all")
    log = tmp_path / "access.log"
    env = {
        "WIDGET_DATABASE_URL": database_url,
        "WIDGET_SECRET_KEY": "shared-secret-of-every-process",
        "WIDGET_INSTANCE_PATH": str(tmp_path / "instance"),
        "WIDGET_FORM_TOKEN_MIN_AGE": "0",
        "WIDGET_TRUSTED_PROXIES": "1",
        "WIDGET_PUBLIC_URL": f"https://{HOST}",
        "WIDGET_POST_RATE_LIMIT": "1000 per minute",
        "WIDGET_DUPLICATE_WINDOW_MINUTES": "0",
        "WIDGET_THREAD_RATE_LIMIT": "1000 per hour",
        "WIDGET_EMAIL_RATE_LIMIT": "1000 per hour",
        "WIDGET_HOLD_LINK_COUNT": "0",
    }
    mark = request.node.get_closest_marker("proxy_settings")
    env.update({f"WIDGET_{name}": value for name, value in (mark.kwargs if mark else {}).items()})
    args = ("--access-logfile", str(log), "--access-logformat", '%(h)s "%(r)s" %(s)s')
    with gunicorn(env, workers=2, args=args) as (server,):
        with Nginx(server.port, tmp_path / "nginx") as nginx:
            yield nginx, Service(log)


def test_a_second_read_within_the_second_never_reaches_the_service(proxied):
    nginx, service = proxied
    Reader(nginx.port, "127.0.0.4").post("Cached for a second.")
    first, second = Reader(nginx.port, "127.0.0.2"), Reader(nginx.port, "127.0.0.3")
    before = service.requests("/api/threads")
    status, headers, body = first.thread()
    assert status == 200 and b"Cached for a second." in body
    assert headers["access-control-allow-origin"] == BLOG
    again = second.thread()
    assert again[0] == 200 and again[2] == body
    assert again[1]["x-cache"] == "HIT"
    assert service.requests("/api/threads") == before + 1, nginx.error_log()


def test_a_write_is_seen_by_another_reader_within_two_seconds(proxied):
    nginx, _ = proxied
    writer, reader = Reader(nginx.port, "127.0.0.5"), Reader(nginx.port, "127.0.0.6")
    writer.post("The first comment.")
    assert b"The first comment." in reader.thread()[2]
    posted = time.monotonic()
    writer.post("A new comment, seen soon.")
    while b"A new comment, seen soon." not in reader.thread()[2]:
        assert time.monotonic() - posted < 2, "the cached page outlived two seconds"
        time.sleep(0.1)


def test_the_first_read_after_the_copy_expired_is_fresh(proxied):
    """No background update: a copy kept through a quiet spell is renewed before it is served,
    not handed out once more while nginx fetches the new one."""
    nginx, _ = proxied
    writer, reader = Reader(nginx.port, "127.0.0.21"), Reader(nginx.port, "127.0.0.22")
    writer.post("Before the quiet spell.")
    assert b"Before the quiet spell." in reader.thread()[2]
    writer.post("Written during it.")
    # nginx counts validity in whole seconds: a one-second copy lasts until the end of the
    # next second. After that, nobody having read meanwhile, the next read must be fresh.
    time.sleep(2.2)
    status, headers, body = reader.thread()
    assert b"Written during it." in body, headers["x-cache"]


def test_revalidation_is_answered_by_nginx(proxied):
    nginx, service = proxied
    reader = Reader(nginx.port, "127.0.0.7")
    reader.post("Revalidate me.")
    status, headers, _ = reader.thread()
    assert status == 200
    before = service.requests("/api/threads")
    status, again, body = reader.thread(**{"If-None-Match": headers["etag"]})
    assert (status, body) == (304, b"")
    assert again["etag"] == headers["etag"]
    assert service.requests("/api/threads") == before


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_compressed_answers_pass_through_one_copy_per_encoding(proxied, encoding):
    nginx, _ = proxied
    reader = Reader(nginx.port, "127.0.0.8")
    for number in range(8):
        reader.post(f"Comment {number}, long enough that the page is worth compressing.")
    plain = reader.thread()
    packed = reader.thread(**{"Accept-Encoding": f"{encoding}, deflate"})
    assert packed[1]["content-encoding"] == encoding
    assert "content-encoding" not in plain[1]
    assert len(packed[2]) < len(plain[2]) / 2


# One attempt a minute per reader: with two workers counting apart (memory://), three
# attempts from one address still meet a worker that counted one already.
@pytest.mark.proxy_settings(WRITE_ATTEMPT_RATE_LIMIT="1 per minute")
def test_two_readers_at_different_addresses_have_their_own_limits(proxied):
    nginx, _ = proxied
    bad = {"not": "a comment"}
    one, two = Reader(nginx.port, "127.0.0.2"), Reader(nginx.port, "127.0.0.3")
    statuses = [one.request("POST", "/api/comments", bad)[0] for _ in range(3)]
    assert 429 in statuses and statuses[0] == 400
    assert two.request("POST", "/api/comments", bad)[0] == 400  # its own allowance


def test_private_answers_always_reach_the_service(proxied):
    nginx, service = proxied
    author = Reader(nginx.port, "127.0.0.9", origin=HELD)
    held = author.post("Waiting for a moderator.", url=HELD_ARTICLE)
    assert held["comment"]["status"] == "pending"
    mine = {"url": HELD_ARTICLE, "edit_tokens": [held["edit_token"]]}
    for _ in range(2):
        status, _, body = author.request("POST", "/api/comments/mine", mine)
        assert status == 200 and json.loads(body)["comments"][0]["id"] == held["comment"]["id"]
    assert service.requests("/api/comments/mine") == 2
    path = "/api/form-token?url=" + urllib.parse.quote(ARTICLE, safe="")
    reader = Reader(nginx.port, "127.0.0.10")
    before = service.requests("/api/form-token")
    tokens = {json.loads(reader.request("GET", path)[2])["form_token"] for _ in range(2)}
    assert service.requests("/api/form-token") == before + 2 and len(tokens) == 2
    for _ in range(2):
        status, headers, _ = reader.request("GET", "/admin/login")
        assert status == 200 and "set-cookie" in headers and "x-cache" not in headers
    assert service.requests("/admin/login") == 2


@pytest.mark.proxy_settings(WRITE_ATTEMPT_RATE_LIMIT="1 per minute")
def test_a_client_cannot_choose_its_own_address(proxied):
    """nginx replaces X-Forwarded-For: a reader who sends one still counts as itself."""
    nginx, _ = proxied
    bad = {"not": "a comment"}
    liar = Reader(nginx.port, "127.0.0.11")
    statuses = [
        liar.request("POST", "/api/comments", bad, **{"X-Forwarded-For": f"198.51.100.{n}"})[0]
        for n in range(3)
    ]
    assert 429 in statuses
