"""Queries of webhooks: a site's endpoints, and the deliveries the senders claim from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select

from .database import db
from .ids import is_row_id
from .models import WebhookDelivery, WebhookEndpoint, utcnow
from .outbox import claim_due, finish_claimed, note_queued


def add_webhook_endpoint(
    site_id: int,
    url: str,
    target: str,
    format: str,
    events: Sequence[str],
    secret: str,
    secret_hint: str,
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint(
        site_id=site_id,
        url=url,
        target=target,
        format=format,
        events=" ".join(events),
        secret=secret,
        secret_hint=secret_hint,
        created_at=utcnow(),
    )
    db.session.add(endpoint)
    db.session.flush()
    return endpoint


def find_webhook_endpoint(endpoint_id: int) -> WebhookEndpoint | None:
    return db.session.get(WebhookEndpoint, endpoint_id) if is_row_id(endpoint_id) else None


def list_webhook_endpoints(site_id: int | None = None) -> Sequence[WebhookEndpoint]:
    """Endpoints of one site (or of all), oldest first."""
    query = select(WebhookEndpoint).order_by(WebhookEndpoint.id)
    if site_id is not None:
        query = query.where(WebhookEndpoint.site_id == site_id)
    return db.session.scalars(query).all()


def list_unsealed_webhook_endpoints() -> Sequence[WebhookEndpoint]:
    """Endpoints stored before their URLs were sealed (migration 0025)."""
    return db.session.scalars(
        select(WebhookEndpoint).where(WebhookEndpoint.target.is_(None)).order_by(WebhookEndpoint.id)
    ).all()


def has_webhook_endpoints() -> bool:
    return db.session.scalar(select(WebhookEndpoint.id).limit(1)) is not None


def delete_webhook_endpoint(endpoint: WebhookEndpoint) -> None:
    """Remove the endpoint; its deliveries go with it (queued ones are never sent)."""
    db.session.execute(delete(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint.id))
    db.session.delete(endpoint)
    db.session.flush()


def add_webhook_delivery(
    endpoint_id: int, message_id: str, event: str, body: str, comment_id: int | None = None
) -> None:
    """Queue a delivery in the current transaction (it is sent only if that commits)."""
    now = utcnow()
    db.session.add(
        WebhookDelivery(
            endpoint_id=endpoint_id,
            message_id=message_id,
            event=event,
            comment_id=comment_id,
            body=body,
            status="queued",
            attempts=0,
            next_attempt_at=now,
            last_error="",
            created_at=now,
        )
    )
    note_queued()


def claim_due_webhooks(claim: str, now: datetime, until: datetime, limit: int) -> list[int]:
    """Mark up to `limit` due deliveries as this sender's, in one statement; their ids."""
    return claim_due(WebhookDelivery, claim, now, until, limit)


def find_claimed_webhooks(
    ids: Sequence[int], claim: str
) -> Sequence[tuple[WebhookDelivery, WebhookEndpoint]]:
    """The claimed deliveries with their endpoints, in id order."""
    return db.session.execute(
        select(WebhookDelivery, WebhookEndpoint)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(WebhookDelivery.id.in_(list(ids)), WebhookDelivery.claim == claim)
        .order_by(WebhookDelivery.id)
    ).all()


def finish_webhook(delivery_id: int, claim: str, **values) -> bool:
    """Record how an attempt ended (status, last_error, response_status, …); committed."""
    return finish_claimed(WebhookDelivery, delivery_id, claim, **values)


def list_webhook_deliveries(endpoint_id: int, limit: int = 50) -> Sequence[WebhookDelivery]:
    """An endpoint's delivery log, newest first."""
    return db.session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint_id)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    ).all()


def count_webhook_deliveries(endpoint_id: int) -> dict[str, int]:
    """An endpoint's deliveries by status."""
    rows = db.session.execute(
        select(WebhookDelivery.status, func.count(WebhookDelivery.id))
        .where(WebhookDelivery.endpoint_id == endpoint_id)
        .group_by(WebhookDelivery.status)
    ).all()
    return {status: count for status, count in rows}


def delete_webhook_deliveries_about(comment_ids: Sequence[int]) -> int:
    """Every delivery telling of these comments, sent or not (their author's data is erased)."""
    if not comment_ids:
        return 0
    return db.session.execute(
        delete(WebhookDelivery).where(WebhookDelivery.comment_id.in_(list(comment_ids)))
    ).rowcount


def delete_webhook_deliveries_before(cutoff: datetime) -> int:
    """Finished deliveries (delivered or failed) queued before `cutoff`: the log's retention."""
    return db.session.execute(
        delete(WebhookDelivery).where(
            WebhookDelivery.created_at < cutoff,
            WebhookDelivery.status.in_(("delivered", "failed")),
        )
    ).rowcount


def find_webhook_delivery(delivery_id: int) -> WebhookDelivery | None:
    return db.session.get(WebhookDelivery, delivery_id) if is_row_id(delivery_id) else None
