"""Webhooks in the admin, in Chromium: add one on the site page, keep its secret, send a test
event, read the delivery log; the pages pass axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from standardwebhooks.webhooks import Webhook

from tests.browser.conftest import shot
from tests.browser.test_admin import MODERATOR, sign_in
from tests.browser.test_demo import run_axe
from tests.webhook_receiver import Receiver
from widget.accounts.moderators import create_moderator

pytestmark = pytest.mark.browser


def test_a_moderator_adds_a_webhook_and_sends_a_test_event(live, browser):
    live.app.config["WEBHOOK_ALLOW_PRIVATE"] = True  # the receiver is on 127.0.0.1
    with live.app.app_context():
        create_moderator(*MODERATOR)
    receiver = Receiver()
    # The admin allows no script at all: axe-core is let in by the browser only.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live)
        page.get_by_role("link", name="Sites").click()
        page.get_by_role("link", name="Blog").click()
        webhooks = page.locator("#webhooks")
        expect(webhooks.get_by_text("No webhooks yet.")).to_be_visible()
        webhooks.get_by_label("Endpoint URL").fill(receiver.url)
        webhooks.get_by_label("comment.held").check()
        webhooks.get_by_label("report.created").check()
        assert run_axe(page) == []
        shot(webhooks, "admin-webhooks-form")
        webhooks.get_by_role("button", name="Add the webhook").click()

        expect(page.get_by_role("heading", name="Webhook added")).to_be_visible()
        secret = page.get_by_label("Signing secret", exact=False).input_value()
        assert secret.startswith("whsec_")
        assert run_axe(page) == []
        page.get_by_role("link", name="The webhook's delivery log").click()
        page.get_by_role("button", name="Send a test event").click()
        expect(page.get_by_role("status")).to_contain_text("A test event")
        (got,) = receiver.wait_for(1)  # the sender thread of the live server sent it
        payload = Webhook(secret).verify(got.body, got.headers)
        assert payload["type"] == "webhook.test"
        assert payload["data"]["endpoint"]["events"] == ["comment.held", "report.created"]
        page.reload()
        row = page.locator("#delivery-1")
        expect(row).to_contain_text("delivered")
        expect(row).to_contain_text(got.headers["webhook-id"])
        assert run_axe(page) == []
        shot(page, "admin-webhook-log", full_page=True)
        page.get_by_role("link", name="Blog").click()
        expect(page.locator("#webhooks")).to_contain_text(secret[:10] + "…")
        expect(page.locator("#webhooks")).not_to_contain_text(secret)
    finally:
        context.close()
        receiver.stop()
