"""The admin's webhooks: add on the site page (secret shown once), log, test, rotate, remove."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from standardwebhooks.webhooks import Webhook

from tests.actions import Admin, csrf_token_in
from tests.conftest import MODERATOR_PASSWORD
from tests.hooks import deliver, event_types
from tests.newsroom import post, reader
from widget import storage
from widget.accounts.moderators import create_moderator


def signed_in(app) -> Admin:
    with app.app_context():
        create_moderator("mod@example.org", MODERATOR_PASSWORD)
    admin = Admin(app.test_client())
    admin.login("mod@example.org", MODERATOR_PASSWORD)
    return admin


def add(admin, url, events=("comment.held", "thread.closed"), format="standard"):
    page = admin.get("/admin/sites/1").get_data(as_text=True)
    form = page[page.index('id="webhooks"') :]
    return admin.post_raw(
        "/admin/sites/1/webhooks",
        url=url,
        events=list(events),
        format=format,
        csrf_token=csrf_token_in(form),
    )


def secret_in(response) -> str:
    return re.search(r'value="(whsec_[^"]+)"', response.get_data(as_text=True)).group(1)


def test_add_test_and_read_the_delivery_log(hook_app, receiver):
    admin = signed_in(hook_app)
    added = add(admin, receiver.url)
    assert added.status_code == 200 and added.headers["Cache-Control"] == "no-store"
    secret = secret_in(added)
    site_page = admin.get("/admin/sites/1").get_data(as_text=True)
    assert receiver.url in site_page and secret[:10] + "…" in site_page
    assert secret not in site_page  # shown once, never again
    tested = admin.post("/admin/webhooks/1/test")
    assert tested.status_code == 303
    deliver(hook_app)
    assert event_types(receiver) == ["webhook.test"]
    got = receiver.requests[0]
    payload = Webhook(secret).verify(got.body, got.headers)
    assert payload["data"]["endpoint"]["events"] == ["comment.held", "thread.closed"]
    log = admin.get("/admin/webhooks/1").get_data(as_text=True)
    row = re.search(r'<tr id="delivery-1">(.*?)</tr>', log, re.S).group(1)
    cells = [
        unescape(re.sub(r"<[^>]+>", "", c)).strip()
        for c in re.findall(r"<td>(.*?)</td>", row, re.S)
    ]
    assert cells[1:6] == ["webhook.test", got.headers["webhook-id"], "delivered", "1", "204"]
    assert "Delivered: 1" in log
    actions = [a[2] for a in admin.audit()]
    assert "webhook_add" in " ".join(actions) or any(
        "webhook_add" in " ".join(a) for a in admin.audit()
    )


def test_a_failed_delivery_shows_its_error_and_can_be_sent_again(make_hook_app, receiver):
    app = make_hook_app(WEBHOOK_RETRY_HOURS=1)
    admin = signed_in(app)
    add(admin, receiver.url)
    receiver.fail_first = 1
    admin.post("/admin/webhooks/1/test")
    with app.app_context():
        created = storage.list_webhook_deliveries(1)[0].created_at
    deliver(app)
    deliver(app, created + timedelta(hours=1))  # the last attempt, at the end of the hour: ok
    assert len(receiver.requests) == 2
    receiver.fail_first = 10
    admin.post("/admin/webhooks/1/test")
    with app.app_context():
        created = storage.list_webhook_deliveries(1)[0].created_at
    deliver(app, created + timedelta(hours=2))  # past its hour: failed for good
    log = admin.get("/admin/webhooks/1").get_data(as_text=True)
    assert "failed" in log and "HTTP 500: busy, try later" in log and "Send again" in log
    receiver.fail_first = 0
    assert admin.post("/admin/webhook-deliveries/2/retry").status_code == 303
    deliver(app)
    assert "Delivered: 2" in admin.get("/admin/webhooks/1").get_data(as_text=True)


def test_rotate_shows_a_new_secret_and_remove_drops_the_endpoint(hook_app, receiver):
    admin = signed_in(hook_app)
    old = secret_in(add(admin, receiver.url))
    rotated = admin.post("/admin/webhooks/1/rotate")
    assert rotated.status_code == 200
    new = secret_in(rotated)
    assert new != old and "old secret signs too for the next 24 hours" in rotated.get_data(
        as_text=True
    )
    removed = admin.post("/admin/webhooks/1/remove")
    assert removed.status_code == 303
    with hook_app.app_context():
        assert storage.list_webhook_endpoints() == []
    assert admin.get("/admin/webhooks/1").status_code == 404


def test_a_bad_url_or_no_event_is_refused_with_a_message(make_hook_app):
    app = make_hook_app(WEBHOOK_ALLOW_PRIVATE=False)
    admin = signed_in(app)
    refused = add(admin, "http://127.0.0.1:9/in")
    assert refused.status_code == 303
    assert any("must start with https://" in n for n in admin.notices(admin.get("/admin/sites/1")))
    add(admin, "https://hooks.example.org/in", events=())
    assert any("Choose at least one event" in n for n in admin.notices(admin.get("/admin/sites/1")))
    without_token = admin.post_raw(
        "/admin/sites/1/webhooks", url="https://hooks.example.org/in", events=["thread.closed"]
    )
    assert without_token.status_code == 400  # no CSRF token
    with app.app_context():
        assert storage.list_webhook_endpoints() == []


def test_the_slack_preset_is_incoming_webhook_json_with_a_link_to_the_queue(hook_app, receiver):
    admin = signed_in(hook_app)
    add(admin, receiver.url, events=("comment.held",), format="slack")
    with hook_app.app_context():
        storage.find_site(1).moderation = "all"
        storage.commit()

    comment = post(
        reader(hook_app.test_client(), 1), name="<!channel> Ana & co", text="Is <b>this</b> ok?"
    )
    deliver(hook_app)
    (got,) = receiver.requests
    body = got.json
    assert set(body) == {"text", "unfurl_links"}
    text = body["text"]
    assert text.startswith("*Blog* · Held for moderation: &lt;!channel&gt; Ana &amp; co on ")
    assert "(site holds every comment)" in text
    assert "> Is &lt;b&gt;this&lt;/b&gt; ok?" in text
    assert f"<http://localhost/admin/comments/{comment['id']}|Open the comment>" in text
    assert "<http://localhost/admin/|Moderation queue>" in text
    assert "webhook-signature" in {k.lower() for k in got.headers}


SLACK_SECRET = "xoxbSECRETpart42"


def _stored(app) -> str:
    """The endpoints and the audit log, every column, as one text."""
    with app.app_context():
        connection = storage.db.session.connection()
        return " ".join(
            str(row)
            for table in ("webhook_endpoints", "audit_log")
            for row in connection.exec_driver_sql(f"SELECT * FROM {table}")
        )


def test_a_slack_url_is_sealed_and_shown_without_its_secret_path(hook_app, receiver):
    """A Slack incoming-webhook URL is its own credential: neither the database, the admin nor
    the audit log shows it whole; deliveries still go to the whole URL."""
    admin = signed_in(hook_app)
    full = f"{receiver.url}/T000/B000/{SLACK_SECRET}?channel=news"
    assert add(admin, full, events=("comment.held",), format="slack").status_code == 200
    shown = f"{receiver.url}/…"
    assert shown in admin.get("/admin/sites/1").get_data(as_text=True)
    endpoint_page = admin.get("/admin/webhooks/1")
    assert endpoint_page.status_code == 200 and shown in endpoint_page.get_data(as_text=True)
    assert SLACK_SECRET not in endpoint_page.get_data(as_text=True)
    assert SLACK_SECRET not in _stored(hook_app) and "channel=news" not in _stored(hook_app)
    with hook_app.app_context():
        storage.find_site(1).moderation = "all"
        storage.commit()
    post(reader(hook_app.test_client(), 1), text="Held, so Slack hears of it.")
    deliver(hook_app)
    (got,) = receiver.requests
    assert got.path == f"/hooks/T000/B000/{SLACK_SECRET}?channel=news"


def test_db_upgrade_seals_the_urls_of_endpoints_stored_before(hook_app, receiver):
    admin = signed_in(hook_app)
    full = f"{receiver.url}/T000/B000/{SLACK_SECRET}"
    add(admin, full, events=("comment.held",), format="slack")
    with hook_app.app_context():  # as a row stored before migration 0025 looks
        endpoint = storage.find_webhook_endpoint(1)
        endpoint.url, endpoint.target = full, None
        storage.commit()
    upgraded = hook_app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert "Sealed the URL of 1 webhook endpoint." in upgraded.output
    assert SLACK_SECRET not in _stored(hook_app)
    with hook_app.app_context():
        endpoint = storage.find_webhook_endpoint(1)
        assert endpoint.url == f"{receiver.url}/…" and endpoint.target.startswith("s1.")
        storage.find_site(1).moderation = "all"
        storage.commit()
    post(reader(hook_app.test_client(), 1), text="Held again.")
    deliver(hook_app)
    assert [r.path for r in receiver.requests] == [f"/hooks/T000/B000/{SLACK_SECRET}"]
    again = hook_app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert "Sealed" not in again.output
