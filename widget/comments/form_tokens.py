"""Form tokens: signed, time-stamped, bound to one thread and one client (spam defence).

A token is bound to the client's network at issue (IPv4 /24, IPv6 /64: a phone moving
between towers of one carrier keeps it; a token shared with a bot farm does not travel),
and lives FORM_TOKEN_MAX_AGE (2 hours by default). The widget fetches a fresh one when a
post is refused for either, and sends the reader's text again.
"""

from __future__ import annotations

import time

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from widget.core.clients import Client, network_of
from widget.core.keys import keyed_hash
from widget.core.refusals import Refused


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="tertulia.form-token")


def _binding(site_id: int, thread_key: str) -> str:
    return keyed_hash("form-token", f"{site_id}\n{thread_key}")[:22]


def _client_binding(client: Client) -> str:
    return keyed_hash("form-token-client", network_of(client.address, 24, 64))[:22]


def issue_form_token(site_id: int, thread_key: str, client: Client) -> str:
    """A token the widget sends back with its post to this thread, from this network."""
    # The signer's own timestamp has whole seconds; the minimum age needs finer.
    binding = [_binding(site_id, thread_key), _client_binding(client), time.time()]
    return _serializer().dumps(binding)


def check_form_token(token: str, site_id: int, thread_key: str, client: Client) -> None:
    """Refuse (form_token_*) unless the token is ours, for this thread and this client's
    network, and of the right age."""
    config = current_app.config
    try:
        payload = _serializer().loads(token, max_age=config["FORM_TOKEN_MAX_AGE"])
    except SignatureExpired as exc:
        message = "The form has expired; please post again."
        raise Refused("form_token_expired", message) from exc
    except BadSignature as exc:
        message = "The form token is not valid; reload the page and try again."
        raise Refused("form_token_invalid", message) from exc
    # Our signature is on it, but it may come from an older release: check its shape too.
    well_formed = isinstance(payload, list) and len(payload) == 3
    binding, network, issued = payload if well_formed else (None, None, None)
    if not isinstance(issued, int | float) or binding != _binding(site_id, thread_key):
        message = "The form token belongs to another thread; reload the page and try again."
        raise Refused("form_token_invalid", message)
    if network != _client_binding(client):
        message = "The form was opened from another network; please post again."
        raise Refused("form_token_invalid", message)
    if time.time() - issued < config["FORM_TOKEN_MIN_AGE"]:
        message = "That was quicker than anyone can write; please wait a moment and post again."
        raise Refused("form_token_too_fast", message)
