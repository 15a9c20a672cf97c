"""Helpers of the webhook tests: what a site owner does (add an endpoint with the command
line, run the sender) and what the receiver got. The fixtures are in conftest.py."""

from __future__ import annotations

import re
from datetime import datetime

from tests.conftest import BLOG
from tests.webhook_receiver import Receiver
from widget import storage
from widget.webhooks import delivery

SECRET = re.compile(r"whsec_[A-Za-z0-9+/=]+")


def add_endpoint(app, url: str, events: str = "all", format: str = "standard", origin=BLOG):
    """`flask webhooks add`; returns the endpoint's id and its secret (printed once)."""
    result = app.test_cli_runner().invoke(
        args=["webhooks", "add", origin, url, "--events", events, "--format", format]
    )
    assert result.exit_code == 0, result.output
    endpoint_id = int(re.search(r"Endpoint (\d+)", result.output).group(1))
    return endpoint_id, SECRET.search(result.output).group(0)


def deliver(app, now: datetime | None = None) -> int:
    """Run the sender once, as its loop does."""
    with app.app_context():
        return delivery.deliver_all_due(now)


def deliveries(app, endpoint_id: int = 1) -> list:
    """The endpoint's delivery log, oldest first."""
    with app.app_context():
        return list(reversed(storage.list_webhook_deliveries(endpoint_id, 1000)))


def event_types(receiver: Receiver) -> list[str]:
    return [request.json["type"] for request in receiver.requests]
