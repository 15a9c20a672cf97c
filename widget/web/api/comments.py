"""Writing comments: form tokens, posting, an author's edit and deletion, their held comments."""

from __future__ import annotations

from flask import make_response, request

from widget import storage
from widget.comments import authoring, posting
from widget.comments.form_tokens import issue_form_token
from widget.comments.public import public_comment
from widget.comments.validation import (
    page_url_param,
    thread_key_param,
    validate_new_comment,
)
from widget.core.keys import hash_edit_token
from widget.core.refusals import Refused
from widget.i18n import _
from widget.identity import users
from widget.moderation import ladder
from widget.sites.registry import not_registered, registry, site_for_page
from widget.web import limits
from widget.web.context import bearer_token, current_client, read_json_object, request_origin

MAX_OWN_TOKENS = 50


@limits.reads
def form_token():
    """A form token for posting to one thread (fetched when the reader starts writing)."""
    url = page_url_param(request.args.get("url"))
    key = thread_key_param(url, request.args.get("thread"))
    site = site_for_page(url, request_origin())
    response = make_response({"form_token": issue_form_token(site.id, key, current_client())})
    response.cache_control.no_store = True
    return response


@limits.write_attempts
def create_comment():
    """Post a comment or a reply; answers the public comment and its edit token once."""
    payload = read_json_object()
    origin = request_origin()
    if origin is not None and registry().by_origin.get(origin) is None:
        raise not_registered(origin)
    client = current_client(payload.get("lang"))
    token, user = bearer_token(), None
    if token is not None:  # a verified commenter: their name and email are the profile's
        site = site_for_page(page_url_param(payload.get("url")), origin)
        user = users.sign_in(site, token)
        new = validate_new_comment(payload, client.language, (user.name, user.email))
    else:
        new = validate_new_comment(payload, client.language)
        site = site_for_page(new.page_url, origin)
    comment, edit_token, commenter_key = posting.create_comment(site, new, client, user)
    # for_author: a post caught as spam looks merely held, so a bot learns nothing.
    mine = public_comment(comment, for_author=True)
    answer = {"comment": mine, "edit_token": edit_token, "commenter_key": commenter_key}
    if warning := ladder.warning_for(site.id, comment, client.language):
        answer["warning"] = warning  # a moderator's message, until acknowledged
    return answer, 201


@limits.write_attempts
def acknowledge_warning(comment_id: int):
    """The author of a comment acknowledges the moderators' warning its answer carried."""
    payload = read_json_object()
    comment = authoring.own_comment(comment_id, payload.get("edit_token"), request_origin())
    warning = payload.get("warning")
    if type(warning) is not int or not ladder.acknowledge(comment, warning):
        raise Refused("not_found", _("There is no such warning."))
    return {"acknowledged": True}


@limits.write_attempts
def edit_comment(comment_id: int):
    """The author changes the text, with the edit token, within the edit window."""
    payload = read_json_object()
    comment = authoring.own_comment(
        comment_id, payload.get("edit_token"), request_origin(), bearer_token()
    )
    authoring.edit_own(comment, payload.get("text"), current_client(payload.get("lang")))
    return {"comment": public_comment(comment, for_author=True)}


@limits.write_attempts
def delete_comment(comment_id: int):
    """The author withdraws a comment, with the edit token, within the edit window."""
    payload = read_json_object()
    comment = authoring.own_comment(
        comment_id, payload.get("edit_token"), request_origin(), bearer_token()
    )
    authoring.delete_own(comment)
    return {"comment": public_comment(comment, for_author=True)}


@limits.write_attempts
def sign_in():
    """A signed-in reader's profile, from the bearer token the site signed (SSO)."""
    payload = read_json_object()
    site = site_for_page(page_url_param(payload.get("url")), request_origin())
    user = users.sign_in(site, bearer_token())
    response = make_response(
        {"user": users.public_user(user, site), "who_may_comment": site.who_may_comment}
    )
    response.cache_control.no_store = True
    return response


@limits.post_reads
def list_own_comments():
    """The author's own comments held for moderation, found by their edit tokens."""
    payload = read_json_object()
    url = page_url_param(payload.get("url"))
    key = thread_key_param(url, payload.get("thread"))
    tokens = payload.get("edit_tokens")
    if not (
        isinstance(tokens, list)
        and len(tokens) <= MAX_OWN_TOKENS
        and all(isinstance(token, str) and 0 < len(token) <= 100 for token in tokens)
    ):
        message = f"`edit_tokens` must be a list of at most {MAX_OWN_TOKENS} edit tokens."
        raise Refused("invalid_fields", message, {"edit_tokens": [message]})
    site = site_for_page(url, request_origin())
    thread = storage.find_thread(site.id, key)
    hashes = [hash_edit_token(token) for token in tokens]
    comments = storage.list_own_unpublished(thread.id, hashes) if thread and hashes else []
    return {"comments": [public_comment(comment, for_author=True) for comment in comments]}
