"""A site's webhook endpoints: add one (its secret shown once), rotate the secret, remove, test.

The secret and the URL are kept sealed (core/sealing.py), so they can be used and yet a copy
of the database reveals neither (a Slack URL is itself a credential); moderators see the URL
with its secret parts elided. After a rotation the old secret keeps signing beside the new
one for ROTATION_OVERLAP: each delivery then carries both signatures, and the receiver
switches to the new secret without losing a message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from flask import current_app

from widget import storage
from widget.core.sealing import seal, unseal
from widget.i18n import gettext as _
from widget.storage.models import (
    WEBHOOK_EVENTS,
    WEBHOOK_FORMATS,
    Moderator,
    WebhookEndpoint,
    utcnow,
)

from . import guard, payloads
from .events import Subscriber, queue
from .signing import HINT_LENGTH, new_secret

SEAL_PURPOSE = "webhook-secret"
URL_PURPOSE = "webhook-url"
ROTATION_OVERLAP = timedelta(hours=24)
TEST_EVENT = "webhook.test"


@dataclass(frozen=True)
class Minted:
    """An endpoint and its new secret, which is shown this once."""

    endpoint: WebhookEndpoint
    secret: str


def parse_events(chosen: str | Iterable[str]) -> list[str]:
    """Events from `a,b` or a list ("all" for every one); ValueError names an unknown one."""
    names = chosen.replace(",", " ").split() if isinstance(chosen, str) else list(chosen)
    if names == ["all"]:
        return list(WEBHOOK_EVENTS)
    unknown = [name for name in names if name not in WEBHOOK_EVENTS]
    if unknown:
        raise ValueError(
            _(
                "Unknown event {event}; choose from: {events} (or all).",
                event=repr(unknown[0]),
                events=", ".join(WEBHOOK_EVENTS),
            )
        )
    if not names:
        raise ValueError(_("Choose at least one event."))
    return [event for event in WEBHOOK_EVENTS if event in names]


def shown_url(url: str, format: str) -> str:
    """The URL without its secret parts: a Slack URL's path after /services/, any query."""
    parts = urlsplit(url)
    path = parts.path
    if format == "slack" and path.count("/") > 2:
        path = "/".join(path.split("/")[:2]) + "/…"
    return urlunsplit((parts.scheme, parts.netloc, path, "…" if parts.query else "", ""))


def target_url(endpoint: WebhookEndpoint) -> str:
    """Where deliveries go; SealBroken when another SECRET_KEY sealed it."""
    return unseal(URL_PURPOSE, endpoint.target) if endpoint.target else endpoint.url


def seal_stored_urls() -> int:
    """Seal the URLs of endpoints stored before they were (run by `db upgrade`); commit."""
    endpoints = storage.list_unsealed_webhook_endpoints()
    for endpoint in endpoints:
        endpoint.target = seal(URL_PURPOSE, endpoint.url)
        endpoint.url = shown_url(endpoint.url, endpoint.format)
    storage.commit()
    return len(endpoints)


def add_endpoint(
    site_id: int,
    url: str,
    events: str | Iterable[str],
    format: str = "standard",
    moderator: Moderator | None = None,
) -> Minted:
    """Check the URL and events, store the endpoint with a fresh sealed secret; commit."""
    url = guard.check_url(url, current_app.config["WEBHOOK_ALLOW_PRIVATE"])
    chosen = parse_events(events)
    if format not in WEBHOOK_FORMATS:
        raise ValueError(
            _("The format must be one of: {formats}.", formats=", ".join(WEBHOOK_FORMATS))
        )
    secret, shown = new_secret(), shown_url(url, format)
    endpoint = storage.add_webhook_endpoint(
        site_id,
        shown,
        seal(URL_PURPOSE, url),
        format,
        chosen,
        seal(SEAL_PURPOSE, secret),
        secret[:HINT_LENGTH],
    )
    if moderator is not None:
        storage.record_action(moderator, "webhook_add", detail=f"{shown} ({', '.join(chosen)})")
    storage.commit()
    return Minted(endpoint, secret)


def rotate_secret(endpoint: WebhookEndpoint, moderator: Moderator | None = None) -> Minted:
    """A new secret; the old one signs too for ROTATION_OVERLAP; commit."""
    secret = new_secret()
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_until = utcnow() + ROTATION_OVERLAP
    endpoint.secret, endpoint.secret_hint = seal(SEAL_PURPOSE, secret), secret[:HINT_LENGTH]
    if moderator is not None:
        storage.record_action(moderator, "webhook_rotate", detail=endpoint.url)
    storage.commit()
    return Minted(endpoint, secret)


def remove_endpoint(endpoint: WebhookEndpoint, moderator: Moderator | None = None) -> None:
    """Delete the endpoint and its delivery log (nothing queued for it is sent); commit."""
    if moderator is not None:
        storage.record_action(moderator, "webhook_remove", detail=endpoint.url)
    storage.delete_webhook_endpoint(endpoint)
    storage.commit()


def send_test(endpoint: WebhookEndpoint) -> str:
    """Queue a `webhook.test` message to this endpoint only; commit; its webhook-id."""
    data = {
        "site": payloads.site_data(endpoint.site_id),
        "endpoint": {"id": endpoint.id, "url": endpoint.url, "events": endpoint.event_list},
        "queue_url": payloads.admin_url("admin.queue"),
    }
    to = [Subscriber(endpoint.id, endpoint.format, frozenset({TEST_EVENT}))]
    message_id = queue(TEST_EVENT, data, to)
    storage.commit()
    return message_id


def signing_keys(endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    """The secrets that sign a delivery now: the current one, and the old one while it lasts."""
    keys = [unseal(SEAL_PURPOSE, endpoint.secret)]
    if endpoint.previous_secret and endpoint.previous_until and endpoint.previous_until > now:
        keys.append(unseal(SEAL_PURPOSE, endpoint.previous_secret))
    return keys
