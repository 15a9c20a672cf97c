"""Webhook delivery to a real receiver on loopback: signed, retried, exactly once, transactional."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import text
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from tests.actions import Api
from tests.conftest import BLOG
from tests.hooks import add_endpoint, deliver, deliveries, event_types
from widget import storage
from widget.storage.database import db
from widget.storage.models import utcnow
from widget.webhooks import delivery

EMAIL, ADDRESS, BROWSER = "ana.private@example.org", "203.0.113.77", "AnaBrowser/1.0 (secret)"


def post(app, **fields):
    api = Api(app.test_client(), origin=BLOG, headers={"User-Agent": BROWSER})
    response = api.post_comment(email=EMAIL, **fields)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_a_post_is_delivered_signed_with_public_fields_only(hook_app, receiver):
    endpoint_id, secret = add_endpoint(hook_app, receiver.url, "all")
    posted = post(hook_app, text="Hello **world**", website="https://ana.example.org")
    assert receiver.requests == []  # queued in the post's transaction, sent by the sender
    assert deliver(hook_app) == 2
    assert event_types(receiver) == ["comment.created", "comment.published"]
    verifier = Webhook(secret)
    for got in receiver.requests:
        payload = verifier.verify(got.body, got.headers)  # the reference verifier
        assert got.headers["Content-Type"] == "application/json"
        assert got.headers["webhook-id"].startswith("msg_")
        assert payload["data"]["comment"]["id"] == posted["comment"]["id"]
        for private in (EMAIL, ADDRESS, "203.0.113", BROWSER, posted["edit_token"]):
            assert private.encode() not in got.body
    created = receiver.requests[0].json
    comment = created["data"]["comment"]
    assert comment["text"] == "Hello **world**" and "<strong>world</strong>" in comment["html"]
    assert comment["name"] == "Ana Reader" and comment["status"] == "published"
    assert comment["url"].endswith(f"#comment-{comment['id']}")
    assert comment["admin_url"] == f"http://localhost/admin/comments/{comment['id']}"
    assert created["data"]["site"] == {"id": 1, "name": "Blog"}
    assert created["data"]["thread"]["url"] == "https://blog.example.org/2026/11/border-talks"
    assert not {"email", "network", "user_agent", "edit_token", "client_key"} & set(comment)
    with pytest.raises(WebhookVerificationError):  # another secret does not verify
        Webhook("whsec_" + "A" * 43 + "=").verify(got.body, got.headers)
    assert [(d.status, d.attempts, d.response_status) for d in deliveries(hook_app)] == [
        ("delivered", 1, 204),
        ("delivered", 1, 204),
    ]


def test_exactly_once_when_the_receiver_fails_twice(hook_app, receiver):
    endpoint_id, secret = add_endpoint(hook_app, receiver.url, "comment.created")
    receiver.secret, receiver.fail_first = secret, 2
    post(hook_app)
    start = utcnow()
    assert deliver(hook_app, start) == 1  # 500
    assert deliver(hook_app, start) == 0  # not due yet: it waits its pause
    (waiting,) = deliveries(hook_app)
    assert (waiting.status, waiting.attempts, waiting.response_status) == ("queued", 1, 500)
    assert waiting.last_error == "HTTP 500: busy, try later"
    assert waiting.next_attempt_at - start >= timedelta(seconds=30)
    assert deliver(hook_app, start + timedelta(minutes=1)) == 1  # 500 again
    assert deliver(hook_app, start + timedelta(minutes=5)) == 1  # accepted
    ids = {got.headers["webhook-id"] for got in receiver.requests}
    bodies = {got.body for got in receiver.requests}
    assert len(receiver.requests) == 3 and len(ids) == 1 and len(bodies) == 1
    assert list(receiver.processed) == list(ids)  # processed once, though received 3 times
    (done,) = deliveries(hook_app)
    assert (done.status, done.attempts, done.response_status, done.last_error) == (
        "delivered",
        3,
        204,
        "",
    )
    log = hook_app.test_cli_runner().invoke(args=["webhooks", "log", str(endpoint_id)])
    assert f"comment.created\t{done.message_id}\tdelivered\t3\t204" in log.output


def test_retries_go_on_for_a_day_with_growing_pauses_then_fail(hook_app, receiver):
    add_endpoint(hook_app, receiver.url, "comment.created")
    receiver.fail_first = 10**6
    post(hook_app)
    with hook_app.app_context():
        created = storage.list_webhook_deliveries(1)[0].created_at
        moment, tried = created, []
        while True:
            db.session.expire_all()
            row = storage.list_webhook_deliveries(1)[0]
            if row.status != "queued":
                break
            moment = max(moment, row.next_attempt_at)
            if delivery.deliver_all_due(now=moment):
                tried.append(moment)
        assert row.status == "failed" and row.attempts == len(tried)
        assert tried[-1] - created == timedelta(hours=24)  # the last attempt: a day later
    pauses = [delivery.pause_after(n) for n in range(1, 12)]
    assert pauses[:3] == [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2)]
    assert max(pauses) == timedelta(hours=4)
    assert 10 <= len(tried) <= 20 and len(receiver.requests) == len(tried)


def _fail_thread_updates(app):
    """A real database failure after the comment and its deliveries are written."""
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            db.session.execute(
                text(
                    "CREATE TRIGGER fail_threads BEFORE UPDATE ON threads "
                    "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"
                )
            )
        else:
            db.session.execute(
                text(
                    "CREATE FUNCTION fail_threads() RETURNS trigger AS $$ BEGIN "
                    "RAISE EXCEPTION 'the disk is full'; END $$ LANGUAGE plpgsql"
                )
            )
            db.session.execute(
                text(
                    "CREATE TRIGGER fail_threads BEFORE UPDATE ON threads "
                    "FOR EACH ROW EXECUTE FUNCTION fail_threads()"
                )
            )
        db.session.commit()


def _heal_thread_updates(app):
    with app.app_context():
        db.session.execute(
            text(
                "DROP TRIGGER fail_threads"
                + ("" if db.engine.dialect.name == "sqlite" else " ON threads")
            )
        )
        if db.engine.dialect.name != "sqlite":
            db.session.execute(text("DROP FUNCTION fail_threads()"))
        db.session.commit()


def test_nothing_is_sent_for_a_post_that_rolls_back(hook_app, receiver):
    add_endpoint(hook_app, receiver.url, "all")
    post(hook_app, text="The first, stored.")  # the thread exists: the next post updates it
    assert deliver(hook_app) == 2
    _fail_thread_updates(hook_app)
    try:
        api = Api(hook_app.test_client(), origin=BLOG)
        failed = api.post_comment(text="Never stored.")  # the database refuses: rolled back
        assert failed.status_code == 500
    finally:
        _heal_thread_updates(hook_app)
    assert deliver(hook_app) == 0
    assert len(deliveries(hook_app)) == 2 and len(receiver.requests) == 2
    assert all(b"Never stored" not in got.body for got in receiver.requests)


def test_the_sender_thread_delivers_with_mail_off(make_hook_app, receiver):
    app = make_hook_app(MAIL_SENDER="thread", MAIL_POLL_SECONDS=3600)
    sender = app.extensions["tertulia.mail_sender"]
    assert app.config["SMTP_URL"] is None
    app.test_client().get("/embed.js")
    assert sender.thread is None and sender.idle  # no endpoint yet: no thread
    add_endpoint(app, receiver.url, "comment.created")
    post(app)  # the commit that queued a delivery starts the thread and wakes it
    receiver.wait_for(1)
    assert event_types(receiver) == ["comment.created"]
    assert sender.thread is not None and sender.thread.is_alive()
    sender.stop()


def test_rotation_signs_with_both_secrets_for_a_day(hook_app, receiver):
    endpoint_id, old = add_endpoint(hook_app, receiver.url, "comment.created")
    result = hook_app.test_cli_runner().invoke(args=["webhooks", "rotate", str(endpoint_id)])
    assert result.exit_code == 0, result.output
    new = result.output.split()[-1]
    assert new.startswith("whsec_") and new != old
    post(hook_app)
    deliver(hook_app)
    got = receiver.requests[0]
    assert len(got.headers["webhook-signature"].split()) == 2
    Webhook(new).verify(got.body, got.headers)
    Webhook(old).verify(got.body, got.headers)
    with hook_app.app_context():
        endpoint = storage.find_webhook_endpoint(endpoint_id)
        endpoint.previous_until = utcnow() - timedelta(seconds=1)
        storage.commit()
        assert old not in endpoint.secret and new not in endpoint.secret  # sealed at rest
    post(hook_app, text="After the overlap.")
    deliver(hook_app)
    later = receiver.requests[-1]
    assert len(later.headers["webhook-signature"].split()) == 1
    Webhook(new).verify(later.body, later.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(later.body, later.headers)


def test_the_retention_prune_drops_finished_deliveries(make_hook_app, receiver):
    app = make_hook_app(RETENTION_DAYS=30)
    add_endpoint(app, receiver.url, "comment.created")
    post(app, text="Old news.")
    deliver(app)
    receiver.fail_first = 10**6
    post(app, text="Still trying.")
    deliver(app)
    with app.app_context():
        for row in storage.list_webhook_deliveries(1):
            row.created_at = utcnow() - timedelta(days=31)
        storage.commit()
    result = app.test_cli_runner().invoke(args=["privacy", "prune"])
    assert result.exit_code == 0, result.output
    assert [(d.status, "Still trying" in d.body) for d in deliveries(app)] == [("queued", True)]


def test_concurrent_senders_of_two_instances_send_each_delivery_once(make_hook_app, receiver):
    first, second = make_hook_app(), make_hook_app()  # two instances, one database
    add_endpoint(first, receiver.url, "comment.created")
    for n in range(12):
        api = Api(first.test_client(), origin=BLOG, address=f"192.0.2.{n + 1}")
        assert api.post_comment(text=f"Comment {n}").status_code == 201
    start = threading.Barrier(6)
    errors = []

    def send(app):
        try:
            with app.app_context():
                start.wait()
                delivery.deliver_all_due()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    senders = [threading.Thread(target=send, args=(app,)) for app in [first, second] * 3]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert errors == []
    ids = [got.headers["webhook-id"] for got in receiver.requests]
    assert len(ids) == 12 and len(set(ids)) == 12
    assert {(d.status, d.attempts) for d in deliveries(first)} == {("delivered", 1)}
