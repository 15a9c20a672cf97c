"""Sign in by email (issue 23 §2): ask for the link, wait for it to be used, change the name."""

from __future__ import annotations

from flask import make_response

from widget.comments.validation import page_url_param
from widget.identity import email_sign_in, users
from widget.sites.registry import site_for_page
from widget.web import limits
from widget.web.context import bearer_token, current_client, read_json_object, request_origin


def _private(body: dict, status: int = 200):
    response = make_response(body, status)
    response.cache_control.no_store = True
    return response


@limits.write_attempts
def ask_link():
    """Mail a sign-in link; the answer is the same whether or not the address is known."""
    payload = read_json_object()
    client = current_client(payload.get("lang"))
    site = site_for_page(page_url_param(payload.get("url")), request_origin())
    asked = email_sign_in.ask(site, payload, client)
    return _private({"poll": asked.poll, "expires_in": asked.expires_in}, 202)


@limits.post_reads
def wait_for_link():
    """The asking tab's poll: `waiting`, then once `signed_in` with the credential."""
    payload = read_json_object()
    client = current_client(payload.get("lang"))
    site = site_for_page(page_url_param(payload.get("url")), request_origin())
    picked = email_sign_in.pick_up(site, payload.get("poll"), client.language)
    if picked is None:
        return _private({"status": "waiting"})
    credential, user = picked
    return _private(
        {"status": "signed_in", "credential": credential, "user": users.public_user(user, site)}
    )


@limits.write_attempts
def rename():
    """A reader signed in by email changes the name they comment under."""
    payload = read_json_object()
    client = current_client(payload.get("lang"))
    site = site_for_page(page_url_param(payload.get("url")), request_origin())
    user = users.sign_in(site, bearer_token())
    name = email_sign_in.checked_name(site, payload, client.language)
    users.rename(user, name)
    return _private({"user": users.public_user(user, site)})
