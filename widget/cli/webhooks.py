"""`flask webhooks`: a site's signed webhook endpoints (add, list, rotate, remove, test, log)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from widget import storage
from widget.core.urls import normalize_origin
from widget.i18n import gettext as _
from widget.storage.models import WEBHOOK_EVENTS, WEBHOOK_FORMATS, WebhookEndpoint
from widget.webhooks import delivery, endpoints

webhooks_cli = AppGroup("webhooks", help="Send a site's events to its systems, signed.")


def _endpoint(endpoint_id: int) -> WebhookEndpoint:
    endpoint = storage.find_webhook_endpoint(endpoint_id)
    if endpoint is None:
        raise click.ClickException(_("There is no webhook endpoint {id}.", id=endpoint_id))
    return endpoint


def _show_secret(minted: endpoints.Minted) -> None:
    click.echo(
        _(
            "Signing secret (shown this once; keep it in the receiver): {secret}",
            secret=minted.secret,
        )
    )


@webhooks_cli.command("add")
@click.argument("origin")
@click.argument("url")
@click.option(
    "--events",
    required=True,
    help=f"Comma-separated, or `all`: {', '.join(WEBHOOK_EVENTS)}.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(WEBHOOK_FORMATS),
    default="standard",
    show_default=True,
    help="standard: Standard Webhooks JSON; slack: a Slack incoming-webhook message.",
)
def webhooks_add(origin: str, url: str, events: str, format_: str) -> None:
    """Send the EVENTS of the site of ORIGIN to URL; prints the signing secret once."""
    try:
        site = storage.find_site_by_origin(normalize_origin(origin))
        if site is None:
            raise ValueError(
                _(
                    "No site has the origin {origin}; add it first (tertulia sites add).",
                    origin=origin,
                )
            )
        minted = endpoints.add_endpoint(site.id, url, events, format_)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    endpoint = minted.endpoint
    click.echo(
        _(
            "Endpoint {id} of {site}: {url} ({format})",
            id=endpoint.id,
            site=site.name,
            url=endpoint.url,
            format=endpoint.format,
        )
    )
    click.echo(_("Events: {events}", events=", ".join(endpoint.event_list)))
    _show_secret(minted)


@webhooks_cli.command("list")
@click.argument("origin", required=False)
def webhooks_list(origin: str | None) -> None:
    """List the endpoints (of the site of ORIGIN), with their deliveries by status."""
    site_id = None
    if origin:
        site = storage.find_site_by_origin(normalize_origin(origin))
        if site is None:
            raise click.ClickException(_("No site has the origin {origin}.", origin=origin))
        site_id = site.id
    for endpoint in storage.list_webhook_endpoints(site_id):
        counts = storage.count_webhook_deliveries(endpoint.id)
        # Codes, as in `webhooks log`: scripts read these tab-separated lines.
        tally = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or _("none yet")
        click.echo(
            f"{endpoint.id}\t{endpoint.site.name}\t{endpoint.format}\t{endpoint.url}\t"
            f"{','.join(endpoint.event_list)}\t{endpoint.secret_hint}…\t{tally}"
        )


@webhooks_cli.command("rotate")
@click.argument("endpoint_id", type=int)
def webhooks_rotate(endpoint_id: int) -> None:
    """A new signing secret; the old one also signs for 24 hours, while receivers switch."""
    minted = endpoints.rotate_secret(_endpoint(endpoint_id))
    click.echo(_("Endpoint {id}: new secret; the old one signs too for 24 hours.", id=endpoint_id))
    _show_secret(minted)


@webhooks_cli.command("remove")
@click.argument("endpoint_id", type=int)
def webhooks_remove(endpoint_id: int) -> None:
    """Remove an endpoint and its delivery log (queued deliveries are dropped)."""
    endpoint = _endpoint(endpoint_id)
    url = endpoint.url
    endpoints.remove_endpoint(endpoint)
    click.echo(_("Removed endpoint {id} ({url}).", id=endpoint_id, url=url))


@webhooks_cli.command("test")
@click.argument("endpoint_id", type=int)
def webhooks_test(endpoint_id: int) -> None:
    """Queue a `webhook.test` message to one endpoint (the sender delivers it)."""
    message_id = endpoints.send_test(_endpoint(endpoint_id))
    click.echo(
        _(
            "Queued test message {message}; `flask webhooks log {id}` shows it.",
            message=message_id,
            id=endpoint_id,
        )
    )


@webhooks_cli.command("log")
@click.argument("endpoint_id", type=int)
@click.option("--limit", default=20, show_default=True, help="How many, newest first.")
def webhooks_log(endpoint_id: int, limit: int) -> None:
    """An endpoint's latest deliveries: time, event, webhook-id, status, attempts, answer."""
    _endpoint(endpoint_id)
    for d in storage.list_webhook_deliveries(endpoint_id, limit):
        answer = d.response_status if d.response_status is not None else "-"
        click.echo(
            f"{d.id}\t{d.created_at:%Y-%m-%d %H:%M:%S}\t{d.event}\t{d.message_id}\t{d.status}\t"
            f"{d.attempts}\t{answer}\t{d.last_error}"
        )


@webhooks_cli.command("retry")
@click.argument("delivery_id", type=int)
def webhooks_retry(delivery_id: int) -> None:
    """Send a failed delivery again, with a fresh retry period (same webhook-id and body)."""
    found = storage.find_webhook_delivery(delivery_id)
    if found is None or found.status != "failed":
        raise click.ClickException(_("There is no failed delivery {id}.", id=delivery_id))
    delivery.retry(found)
    click.echo(_("Delivery {id} queued again.", id=delivery_id))
