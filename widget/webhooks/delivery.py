"""Sending webhook deliveries: claim due ones, POST each signed, retry with backoff, give up late.

Run by the outbox's sender loop (mail/outbox.Sender) beside the mail, or by
`tertulia mail worker`. Every attempt is signed afresh (the timestamp is the
attempt's, so receivers' replay windows hold) with the same `webhook-id` and body: a
receiver that keeps the ids it processed handles each message exactly once, however many
times an answer was lost and the message sent again.
"""

from __future__ import annotations

import http.client
import logging
import random
import secrets
import time
from datetime import datetime, timedelta

from flask import current_app

from widget import storage
from widget.core.backoff import doubling_pause
from widget.core.sealing import SealBroken
from widget.storage.models import WebhookDelivery, WebhookEndpoint, utcnow

from . import guard, transport
from .endpoints import signing_keys, target_url
from .signing import signed_headers

log = logging.getLogger(__name__)

BATCH = 10
# A claim lasts this long (a batch takes at most BATCH × the timeout): then others may take it.
LEASE = timedelta(minutes=2)
FIRST_PAUSE = timedelta(seconds=30)
LONGEST_PAUSE = timedelta(hours=4)
ERROR_MAX = 500


def pause_after(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min … after each failed attempt, at most 4 h (before jitter)."""
    return doubling_pause(attempts, FIRST_PAUSE, LONGEST_PAUSE)


def deliver_due(now: datetime | None = None) -> int:
    """Claim one batch of due deliveries and try each once; how many were claimed."""
    now = now or utcnow()
    claim = secrets.token_hex(16)
    ids = storage.claim_due_webhooks(claim, now, now + LEASE, BATCH)
    if not ids:
        return 0
    for delivery, endpoint in storage.find_claimed_webhooks(ids, claim):
        _attempt(delivery, endpoint, claim, now)
    return len(ids)


def deliver_all_due(now: datetime | None = None) -> int:
    """Deliver batches until none is due; how many deliveries were tried."""
    total = 0
    while count := deliver_due(now):
        total += count
    return total


def _attempt(delivery: WebhookDelivery, endpoint: WebhookEndpoint, claim: str, now: datetime):
    try:
        keys = signing_keys(endpoint, utcnow())
        headers = signed_headers(delivery.message_id, int(time.time()), delivery.body, keys)
        answer = transport.post(
            target_url(endpoint),
            headers,
            delivery.body.encode(),
            current_app.config["WEBHOOK_ALLOW_PRIVATE"],
        )
    except SealBroken as exc:
        _failed(delivery, claim, now, str(exc), None)
    except guard.Refused as exc:
        _failed(delivery, claim, now, str(exc), None)
    except (OSError, http.client.HTTPException) as exc:
        _failed(delivery, claim, now, f"{type(exc).__name__}: {exc}".rstrip(": "), None)
    else:
        if 200 <= answer.status < 300:
            storage.finish_webhook(
                delivery.id,
                claim,
                status="delivered",
                last_error="",
                response_status=answer.status,
                delivered_at=utcnow(),
            )
            return
        _failed(delivery, claim, now, _describe(answer), answer.status)


def _describe(answer: transport.Answer) -> str:
    if 300 <= answer.status < 400:
        return f"HTTP {answer.status}: redirect to {answer.location or '?'} not followed"
    text = answer.body[:200].decode("utf-8", "replace").strip()
    cut = " (answer cut at 64 KB)" if answer.truncated else ""
    return f"HTTP {answer.status}" + (f": {text}" if text else "") + cut


def _failed(
    delivery: WebhookDelivery, claim: str, now: datetime, error: str, status: int | None
) -> None:
    """Queue the delivery again after a pause, or mark it failed once the time is up.

    The last attempt is made at the end of WEBHOOK_RETRY_HOURS, so retries cover all of it.
    """
    deadline = delivery.created_at + timedelta(hours=current_app.config["WEBHOOK_RETRY_HOURS"])
    error = error[:ERROR_MAX]
    if now >= deadline:
        log.warning("Webhook delivery %s failed for good: %s", delivery.id, error)
        storage.finish_webhook(
            delivery.id, claim, status="failed", last_error=error, response_status=status
        )
        return
    pause = pause_after(delivery.attempts) * (1 + random.random() / 10)  # noqa: S311 - jitter
    storage.finish_webhook(
        delivery.id,
        claim,
        status="queued",
        last_error=error,
        response_status=status,
        next_attempt_at=min(now + pause, deadline),
    )


def retry(delivery: WebhookDelivery) -> None:
    """Send a failed delivery again now, with a fresh retry period; commit."""
    now = utcnow()
    delivery.status, delivery.attempts, delivery.last_error = "queued", 0, ""
    delivery.next_attempt_at = delivery.created_at = now
    storage.note_outbox_queued()
    storage.commit()
