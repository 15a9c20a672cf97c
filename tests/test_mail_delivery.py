"""Delivery: the outbox survives SMTP outages, retries, gives up late, and sends each mail once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta

import pytest

from tests.actions import Admin
from tests.conftest import MODERATOR_PASSWORD
from tests.test_mail_readers import deliver, reader
from widget import create_app, storage
from widget.accounts.moderators import create_moderator
from widget.mail import outbox
from widget.storage.models import utcnow


def hold_everything(app, *moderators: str) -> None:
    with app.app_context():
        storage.find_site(1).moderation = "all"
        storage.commit()
        for email in moderators:
            create_moderator(email, MODERATOR_PASSWORD)


def outbox_rows(app):
    with app.app_context():
        return [
            (m.kind, m.recipient, m.status, m.attempts)
            for m in reversed(storage.list_outbox(None, limit=1000))
        ]


def test_a_post_answers_201_with_the_smtp_server_down_and_mail_goes_when_it_is_back(mail_app, smtp):
    hold_everything(mail_app, "mod@example.org")
    smtp.stop()
    response = reader(mail_app).post_comment()
    assert response.status_code == 201
    assert outbox_rows(mail_app) == [("held", "mod@example.org", "queued", 0)]
    deliver(mail_app)  # the server is down: the attempt fails, the message waits
    with mail_app.app_context():
        (message,) = storage.list_outbox(None)
        assert (message.status, message.attempts) == ("queued", 1)
        assert message.last_error.startswith("cannot connect")
        assert message.next_attempt_at > utcnow()
    deliver(mail_app)  # not due yet: nothing tried
    assert outbox_rows(mail_app) == [("held", "mod@example.org", "queued", 1)]
    smtp.start()
    with mail_app.app_context():
        assert outbox.deliver_all_due(now=utcnow() + timedelta(minutes=2)) == 1
    assert outbox_rows(mail_app) == [("held", "mod@example.org", "sent", 2)]
    assert [m["To"] for m in smtp.inbox.messages] == ["mod@example.org"]


def test_retries_go_on_for_a_day_and_more_then_the_admin_shows_the_failure(make_mail_app, smtp):
    app = make_mail_app(MAIL_RETRY_HOURS=24)
    hold_everything(app, "mod@example.org")
    smtp.stop()
    reader(app).post_comment()
    with app.app_context():
        start = storage.list_outbox(None)[0].created_at
        moment, attempts = start, 0
        while storage.list_outbox(None)[0].status == "queued":
            attempts += outbox.deliver_all_due(now=moment)
            moment += timedelta(minutes=61)
        (message,) = storage.list_outbox(None)
        assert message.status == "failed" and message.attempts == attempts
        assert moment - start > timedelta(hours=24)
        pauses = [outbox.pause_after(n) for n in range(1, 9)]
        assert pauses[:3] == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
        assert max(pauses) == timedelta(hours=1)
    admin = Admin(app.test_client())
    admin.login("mod@example.org", MODERATOR_PASSWORD)
    page = admin.get("/admin/mail", status="failed").get_data(as_text=True)
    assert "mod@example.org" in page and "cannot connect" in page and "Failed (1)" in page
    assert 'aria-label="1 failed"' in page  # the navigation's badge
    smtp.start()
    assert admin.post(f"/admin/mail/{message.id}/retry").status_code == 303
    deliver(app)
    assert outbox_rows(app)[0][2] == "sent" and len(smtp.inbox.messages) == 1


def test_a_refusal_for_good_fails_at_once(mail_app, smtp):
    hold_everything(mail_app, "refused@example.org", "mod@example.org")
    reader(mail_app).post_comment()
    deliver(mail_app)
    rows = outbox_rows(mail_app)
    assert rows == [
        ("held", "refused@example.org", "failed", 1),
        ("held", "mod@example.org", "sent", 1),
    ]
    with mail_app.app_context():
        assert storage.list_outbox("failed")[0].last_error.startswith("550")


def test_concurrent_senders_of_two_instances_deliver_each_message_once(make_mail_app, smtp):
    first = make_mail_app()
    second = make_mail_app()  # another instance on the same database
    moderators = [f"mod{n}@example.org" for n in range(3)]
    hold_everything(first, *moderators)
    for n in range(14):
        reader(first, address=f"192.0.2.{n + 1}").post_comment(text=f"Comment {n}")
    expected = 14 * len(moderators)
    start = threading.Barrier(6)
    errors = []

    def send(app):
        try:
            with app.app_context():
                start.wait()
                outbox.deliver_all_due()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    senders = [threading.Thread(target=send, args=(app,)) for app in [first, second] * 3]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert errors == []
    received = smtp.inbox.messages
    assert len(received) == expected
    assert len({m["Message-ID"] for m in received}) == expected
    assert all(status == "sent" and attempts == 1 for *_, status, attempts in outbox_rows(first))


def test_the_background_thread_sends_when_a_request_queued_mail(make_mail_app, smtp):
    app = make_mail_app(MAIL_SENDER="thread", MAIL_POLL_SECONDS=3600)
    sender = app.extensions["tertulia.mail_sender"]
    assert sender.thread is None  # nothing runs before the first request (gunicorn forks)
    hold_everything(app, "mod@example.org")
    assert reader(app).post_comment().status_code == 201
    assert sender.thread is not None and sender.thread.is_alive()
    assert [m["To"] for m in smtp.inbox.wait_for(1)] == ["mod@example.org"]
    sender.stop()
    assert not sender.thread.is_alive()


def test_a_forked_worker_starts_its_own_sender(make_mail_app, smtp):
    """As under gunicorn --preload: the app is made, the process forks, each worker sends."""
    app = make_mail_app(MAIL_SENDER="thread", MAIL_POLL_SECONDS=3600)
    hold_everything(app, "mod@example.org")
    child = os.fork()
    if child == 0:  # the worker: report through the exit code only
        code = 1
        try:
            sender = app.extensions["tertulia.mail_sender"]
            fresh = sender.thread is None and sender.pid == os.getpid()
            posted = reader(app).post_comment().status_code == 201
            started = sender.thread is not None and sender.thread.is_alive()
            code = 0 if fresh and posted and started else 2
            # Wait (bounded) until the worker's thread has sent the mail, then leave.
            with app.app_context():
                for _ in range(400):
                    storage.rollback()
                    if storage.count_outbox_by_status().get("sent"):
                        break
                    threading.Event().wait(0.05)
                else:
                    code = 3
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert [m["To"] for m in smtp.inbox.wait_for(1)] == ["mod@example.org"]
    assert app.extensions["tertulia.mail_sender"].thread is None  # the parent never started one


def test_the_demo_prints_mail_to_the_console(make_mail_app, smtp):
    app = make_mail_app(SMTP_URL="console://")
    hold_everything(app, "mod@example.org")
    reader(app).post_comment(title="Border talks")
    result = app.test_cli_runner().invoke(args=["mail", "worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "Mail to mod@example.org" in result.output
    assert "Subject: Held for moderation: Ana Reader on “Border talks”" in result.output
    assert "https://comments.example.org/mail/moderate/" in result.output
    assert smtp.inbox.messages == []
    assert outbox_rows(app)[0][2] == "sent"


def test_smtp_without_a_public_url_warns_and_mail_stays_off(app_factory, smtp, caplog):
    app = app_factory(SMTP_URL=smtp.url, PUBLIC_URL=None)
    assert "WIDGET_PUBLIC_URL is not" in caplog.text
    # The outbox's sender runs for webhooks only (webhooks/delivery.py): no mail job.
    assert outbox.deliver_all_due not in app.extensions["tertulia.mail_sender"].jobs
    result = app.test_cli_runner().invoke(args=["mail", "worker", "--once"])
    assert result.exit_code == 0 and "Mail is off" in result.output
    assert "Tried 0 messages and 0 webhook deliveries." in result.output


@pytest.mark.parametrize("url", ["smtpx://host", "smtp://", "mailto:x@example.org"])
def test_a_mistyped_smtp_url_stops_the_start(tmp_path, url):
    with pytest.raises(ValueError, match="WIDGET_SMTP_URL"):
        create_app(
            {
                "INSTANCE_PATH": str(tmp_path),
                "SECRET_KEY": "k",
                "SMTP_URL": url,
                "PUBLIC_URL": "https://comments.example.org",
            }
        )


def test_the_mail_worker_runs_apart_and_stops_on_sigterm(mail_app, smtp, database_url, tmp_path):
    hold_everything(mail_app, "mod@example.org")
    reader(mail_app).post_comment()
    env = {
        **os.environ,
        "WIDGET_DATABASE_URL": database_url,
        "WIDGET_SECRET_KEY": "test-secret-key",
        "WIDGET_INSTANCE_PATH": str(tmp_path / "worker"),
        "WIDGET_SMTP_URL": smtp.url,
        "WIDGET_PUBLIC_URL": "https://comments.example.org",
        "WIDGET_MAIL_SENDER": "off",
        "WIDGET_MAIL_POLL_SECONDS": "0.2",
    }
    flask = os.path.join(os.path.dirname(sys.executable), "flask")
    worker = subprocess.Popen(
        [flask, "--app", "app", "mail", "worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert [m["To"] for m in smtp.inbox.wait_for(1)] == ["mod@example.org"]
        reader(mail_app).post_comment(text="A second one, sent by the running worker.")
        assert len(smtp.inbox.wait_for(2)) == 2
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0, output
    assert output.strip().endswith("Mail worker stopped.")
    assert [row[2] for row in outbox_rows(mail_app)] == ["sent", "sent"]


def test_starttls_and_login_with_a_url_encoded_password(make_mail_app, tmp_path, monkeypatch):
    """Submission as on port 587: STARTTLS first (the certificate checked), then AUTH."""
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from tests.mailbox import Inbox, free_port

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # our client trusts this test CA only
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    logins = []

    def authenticate(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.password == b"p@ss:word")

    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=server_tls,
        require_starttls=True,
        auth_required=True,
        authenticator=authenticate,
    )
    controller.start()
    try:
        app = make_mail_app(SMTP_URL=f"smtp+starttls://tertulia:p%40ss%3Aword@127.0.0.1:{port}")
        hold_everything(app, "mod@example.org")
        reader(app).post_comment()
        deliver(app)
    finally:
        controller.stop()
    assert logins == [("tertulia", "p@ss:word")]
    assert [m["To"] for m in inbox.messages] == ["mod@example.org"]
    assert outbox_rows(app)[0][2] == "sent"
