"""A site's webhook endpoints: add, the delivery log, send a test event, rotate, remove."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for

from widget import storage
from widget.i18n import gettext as _
from widget.storage.models import WebhookEndpoint
from widget.webhooks import delivery, endpoints

from .auth import current_moderator
from .forms import ButtonForm, WebhookForm


def site_webhooks(site_id: int) -> dict:
    """What the site page shows of its webhooks: the endpoints and the form to add one."""
    return {
        "webhooks": storage.list_webhook_endpoints(site_id),
        "webhook_form": WebhookForm(),
    }


def _endpoint_or_404(endpoint_id: int) -> WebhookEndpoint:
    return storage.find_webhook_endpoint(endpoint_id) or abort(404)


def _checked_button() -> None:
    if not ButtonForm().validate_on_submit():
        abort(400, _("The form expired; please try again."))


def _secret_page(minted: endpoints.Minted, what: str):
    """The secret, this once (never in a flash message: those travel in the cookie)."""
    return render_template("admin/webhook_secret.html", minted=minted, what=what)


def add_webhook(site_id: int):
    """Add an endpoint to the site; the answer shows its secret once."""
    site = storage.find_site(site_id) or abort(404)
    form = WebhookForm()
    if form.validate_on_submit():
        try:
            minted = endpoints.add_endpoint(
                site.id,
                form.url.data,
                form.events.data or [],
                form.format.data,
                current_moderator(),
            )
        except ValueError as exc:
            form.url.errors.append(str(exc))
        else:
            return _secret_page(minted, "added")
    errors = [e for field in (form.url, form.events, form.format) for e in field.errors]
    problems = " ".join(str(error) for error in errors) or _("the form expired.")
    flash(_("The webhook was not added: {problems}", problems=problems))
    return redirect(url_for("admin.edit_site", site_id=site.id) + "#webhooks", 303)


def show_webhook(endpoint_id: int):
    """One endpoint: its events and its delivery log (status, attempts, last error)."""
    endpoint = _endpoint_or_404(endpoint_id)
    return render_template(
        "admin/webhook.html",
        endpoint=endpoint,
        deliveries=storage.list_webhook_deliveries(endpoint.id, 50),
        counts=storage.count_webhook_deliveries(endpoint.id),
        form=ButtonForm(),
    )


def test_webhook(endpoint_id: int):
    """Queue a test event to this endpoint."""
    endpoint = _endpoint_or_404(endpoint_id)
    _checked_button()
    message_id = endpoints.send_test(endpoint)
    flash(_("A test event ({id}) is on its way; its delivery shows below.", id=message_id))
    return redirect(url_for("admin.show_webhook", endpoint_id=endpoint.id), 303)


def rotate_webhook(endpoint_id: int):
    """A new secret, shown once; the old one signs too for 24 hours."""
    endpoint = _endpoint_or_404(endpoint_id)
    _checked_button()
    return _secret_page(endpoints.rotate_secret(endpoint, current_moderator()), "rotated")


def remove_webhook(endpoint_id: int):
    """Remove the endpoint and its log."""
    endpoint = _endpoint_or_404(endpoint_id)
    _checked_button()
    site_id, url = endpoint.site_id, endpoint.url
    endpoints.remove_endpoint(endpoint, current_moderator())
    flash(_("The webhook to {url} was removed.", url=url))
    return redirect(url_for("admin.edit_site", site_id=site_id) + "#webhooks", 303)


def retry_webhook(delivery_id: int):
    """Send a failed delivery again (same webhook-id and body)."""
    found = storage.find_webhook_delivery(delivery_id)
    if found is None or found.status != "failed":
        abort(404)
    _checked_button()
    delivery.retry(found)
    flash(_("The delivery is queued again."))
    return redirect(url_for("admin.show_webhook", endpoint_id=found.endpoint_id), 303)
