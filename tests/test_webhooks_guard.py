"""The SSRF guard: endpoint URLs checked when added, addresses checked at every delivery."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.actions import Api
from tests.conftest import BLOG
from tests.hooks import add_endpoint, deliver, deliveries, event_types
from tests.webhook_receiver import Receiver
from widget import storage
from widget.webhooks import endpoints, guard


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://hooks.example.org/in", "must start with https://"),
        ("https://127.0.0.1/in", "127.0.0.1 is a loopback address"),
        ("https://10.1.2.3/in", "10.1.2.3 is a private address"),
        ("https://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address"),
        ("https://[::1]:8443/in", "::1 is a loopback address"),
        ("https://[::ffff:10.0.0.1]/in", "10.0.0.1 is a private address inside ::ffff:a00:1"),
        ("https://[fd00::1]/in", "fd00::1 is a private address"),
        ("https://100.64.0.1/in", "100.64.0.1 is not public"),
        ("https://localhost/in", "localhost is not a public host name"),
        ("https://user:pw@hooks.example.org/in", "no user name or password"),
        ("https://hooks.example.org:99999/in", "port is not a valid number"),
        ("ftp://hooks.example.org/in", "must start with https://"),
        ("https:///in", "names no host"),
    ],
)
def test_urls_that_may_not_be_endpoints_are_refused_when_added(app, runner, url, message):
    result = runner.invoke(args=["webhooks", "add", BLOG, url, "--events", "all"])
    assert result.exit_code == 1 and message in result.output, result.output
    with app.app_context():
        assert storage.list_webhook_endpoints() == []


def test_a_public_https_url_is_accepted_and_the_secret_is_shown_once(app, runner):
    result = runner.invoke(
        args=["webhooks", "add", BLOG, "https://hooks.example.org/in", "--events", "all"]
    )
    assert result.exit_code == 0, result.output
    secret = result.output.split()[-1]
    listed = runner.invoke(args=["webhooks", "list"]).output
    assert "https://hooks.example.org/in" in listed and secret[:10] + "…" in listed
    assert secret not in listed
    with app.app_context():
        (endpoint,) = storage.list_webhook_endpoints()
        assert secret not in endpoint.secret and endpoint.secret.startswith("s1.")


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("10.20.30.40", "private"),
        ("169.254.169.254", "link-local"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback address inside"),
        ("2002:7f00:1::", "loopback address inside"),  # 6to4 around 127.0.0.1
        ("64:ff9b::a9fe:a9fe", "link-local address inside"),  # NAT64 around 169.254.169.254
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
    ],
)
def test_addresses_outside_the_public_internet_are_forbidden(address, why):
    assert why in guard.forbidden(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_are_allowed(address):
    assert guard.forbidden(ipaddress.ip_address(address)) is None


def test_deliveries_to_private_addresses_are_refused_without_the_flag(
    make_hook_app, receiver, runner
):
    """Endpoints stored while the flag was on; the sender, without it, refuses each one."""
    allowed = make_hook_app()
    port = receiver.server.server_address[1]
    urls = [
        receiver.url,  # a live receiver on 127.0.0.1: it must get nothing
        f"http://10.0.0.1:{port}/in",
        "http://169.254.169.254/latest/meta-data",
        f"http://[::1]:{port}/in",
        f"http://localhost:{port}/in",
    ]
    for url in urls:
        add_endpoint(allowed, url, "comment.created")
    assert Api(allowed.test_client(), origin=BLOG).post_comment().status_code == 201
    strict = make_hook_app(WEBHOOK_ALLOW_PRIVATE=False)  # same database
    assert deliver(strict) == len(urls)
    assert receiver.requests == []
    errors = [deliveries(strict, n)[0].last_error for n in range(1, len(urls) + 1)]
    assert errors[0] == "refused: 127.0.0.1 resolves to 127.0.0.1: 127.0.0.1 is a loopback address"
    assert "10.0.0.1 is a private address" in errors[1]
    assert "169.254.169.254 is a link-local address" in errors[2]
    assert "::1 is a loopback address" in errors[3]
    assert errors[4].startswith("refused: localhost resolves to")
    assert all(deliveries(strict, n)[0].status == "queued" for n in range(1, 6))  # retried later
    assert deliver(allowed, now=None) == 0  # not due yet, whoever sends


def test_the_host_is_looked_up_once_and_the_connection_uses_that_address(
    hook_app, receiver, monkeypatch
):
    looked_up = []
    real = socket.getaddrinfo

    def recording(host, *args, **kwargs):
        looked_up.append(host)
        return real(host, *args, **kwargs)

    port = receiver.server.server_address[1]
    add_endpoint(hook_app, f"http://localhost:{port}/in", "comment.created")
    Api(hook_app.test_client(), origin=BLOG).post_comment()
    monkeypatch.setattr(socket, "getaddrinfo", recording)
    assert deliver(hook_app) == 1
    names = [host for host in looked_up if not _is_address(host)]
    assert names == ["localhost"]  # one lookup; the connection went to its answer
    assert receiver.requests[0].headers["Host"] == f"localhost:{port}"
    assert event_types(receiver) == ["comment.created"]


def _is_address(host) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def test_redirects_are_not_followed(hook_app, receiver):
    elsewhere = Receiver()
    try:
        receiver.redirect_to = elsewhere.url
        add_endpoint(hook_app, receiver.url, "comment.created")
        Api(hook_app.test_client(), origin=BLOG).post_comment()
        deliver(hook_app)
        assert len(receiver.requests) == 1 and elsewhere.requests == []
        (row,) = deliveries(hook_app)
        assert row.status == "queued" and row.response_status == 302
        assert row.last_error == f"HTTP 302: redirect to {elsewhere.url} not followed"
    finally:
        elsewhere.stop()


def test_a_long_answer_is_cut_at_64_kb(hook_app, receiver):
    receiver.answer_bytes, receiver.status = 5 * 1024 * 1024, 500
    receiver.fail_first = 0
    add_endpoint(hook_app, receiver.url, "comment.created")
    Api(hook_app.test_client(), origin=BLOG).post_comment()
    deliver(hook_app)
    (row,) = deliveries(hook_app)
    assert row.status == "delivered"  # a 200 with 5 MB: read 64 KB, accepted, dropped


class _Slow(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        time.sleep(8)

    def log_message(self, *args) -> None:
        pass


def test_a_receiver_that_does_not_answer_in_5_seconds_fails_the_attempt(hook_app):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        add_endpoint(hook_app, f"http://127.0.0.1:{server.server_address[1]}/", "comment.created")
        Api(hook_app.test_client(), origin=BLOG).post_comment()
        started = time.monotonic()
        deliver(hook_app)
        assert time.monotonic() - started < 7.5
        (row,) = deliveries(hook_app)
        assert row.status == "queued" and "within 5 s" in row.last_error
    finally:
        server.shutdown()
        server.server_close()


def test_events_are_checked_when_added(app):
    with app.app_context():
        with pytest.raises(ValueError, match="Unknown event 'comment.liked'"):
            endpoints.parse_events("comment.created,comment.liked")
        assert endpoints.parse_events("thread.closed, comment.held") == [
            "comment.held",
            "thread.closed",
        ]
        assert len(endpoints.parse_events("all")) == 9


def _certificate(tmp_path, name: str):
    cert, key = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    return cert, tls


@pytest.mark.parametrize("named", ["localhost", "elsewhere.example"])
def test_https_checks_the_certificate_against_the_host_not_the_address(
    hook_app, tmp_path, monkeypatch, named
):
    """The connection goes to the checked address, yet TLS (SNI, the certificate) names the
    host: a certificate for `localhost` only (no IP in it) passes; one for another name fails."""
    cert, tls = _certificate(tmp_path, named)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the sender trusts this test CA only
    receiver = Receiver(tls=tls)
    try:
        port = receiver.server.server_address[1]
        add_endpoint(hook_app, f"https://localhost:{port}/in", "comment.created")
        Api(hook_app.test_client(), origin=BLOG).post_comment()
        deliver(hook_app)
        (row,) = deliveries(hook_app)
        if named == "localhost":
            assert row.status == "delivered" and len(receiver.requests) == 1
        else:
            assert row.status == "queued" and receiver.requests == []
            assert "CERTIFICATE_VERIFY_FAILED" in row.last_error
    finally:
        receiver.stop()
