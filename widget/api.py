"""The public JSON API that embed.js (and any other client) uses."""

from __future__ import annotations

from flask import Blueprint, current_app, make_response, render_template, request

from . import authoring, limits, mailing, posting, storage
from .context import current_client, read_json_object, request_language, request_origin
from .cursors import decode_cursor, encode_cursor
from .i18n import strings
from .keys import hash_edit_token
from .public import comment_tree, public_comment, public_thread
from .refusals import Refused
from .sites import not_registered, site_for_page
from .tokens import issue_form_token
from .urls import origin_of, public_url_for
from .validation import (
    int_param,
    page_url_param,
    thread_key_param,
    validate_new_comment,
)

bp = Blueprint("api", __name__, url_prefix="/api")

MAX_COUNT_URLS = 100
# The HTML fragment for search engines holds at most this many comments, oldest first.
FRAGMENT_MAX = 1000
MAX_OWN_TOKENS = 50


@bp.get("/threads")
@limits.reads
def read_thread():
    """One page of a thread's published comments, oldest first, and a form token."""
    url = page_url_param(request.args.get("url"))
    key = thread_key_param(url, request.args.get("thread"))
    config = current_app.config
    limit = int_param(
        "limit", request.args.get("limit"), config["PAGE_SIZE"], 1, config["MAX_PAGE_SIZE"]
    )
    after = decode_cursor(request.args.get("cursor"))
    site = site_for_page(url, request_origin())
    thread = storage.find_thread(site.id, key)
    comments = storage.list_visible(thread.id, after, limit + 1) if thread else []
    next_cursor = None
    if len(comments) > limit:
        comments = comments[:limit]
        next_cursor = encode_cursor(comments[-1].created_at, comments[-1].id)
    count = storage.count_published(thread.id) if thread else 0
    return {
        "thread": public_thread(url, thread, count),
        "comments": [public_comment(comment) for comment in comments],
        "next": next_cursor,
        "form_token": issue_form_token(site.id, key),
        "notifications": mailing.enabled(),
        "limits": {
            "max_length": config["MAX_COMMENT_LENGTH"],
            "max_depth": config["MAX_REPLY_DEPTH"],
            "edit_minutes": config["EDIT_WINDOW_MINUTES"],
        },
    }


@bp.post("/comments")
@limits.write_attempts
def create_comment():
    """Post a comment or a reply; answers the public comment and its edit token once."""
    payload = read_json_object()
    origin = request_origin()
    if origin is not None and storage.find_site_by_origin(origin) is None:
        raise not_registered(origin)
    client = current_client(payload.get("lang"))
    new = validate_new_comment(payload, client.language)
    site = site_for_page(new.page_url, origin)
    comment, edit_token = posting.create_comment(site, new, client)
    # for_author: a post caught as spam looks merely held, so a bot learns nothing.
    return {"comment": public_comment(comment, for_author=True), "edit_token": edit_token}, 201


@bp.patch("/comments/<int:comment_id>")
@limits.write_attempts
def edit_comment(comment_id: int):
    """The author changes the text, with the edit token, within the edit window."""
    payload = read_json_object()
    comment = authoring.own_comment(comment_id, payload.get("edit_token"), request_origin())
    authoring.edit_own(comment, payload.get("text"), current_client(payload.get("lang")))
    return {"comment": public_comment(comment, for_author=True)}


@bp.delete("/comments/<int:comment_id>")
@limits.write_attempts
def delete_comment(comment_id: int):
    """The author withdraws a comment, with the edit token, within the edit window."""
    payload = read_json_object()
    comment = authoring.own_comment(comment_id, payload.get("edit_token"), request_origin())
    authoring.delete_own(comment)
    return {"comment": public_comment(comment, for_author=True)}


@bp.get("/counts")
@limits.reads
def count_comments():
    """Published comment counts for several pages at once, keyed by the URLs as given."""
    urls = request.args.getlist("url")
    if not 1 <= len(urls) <= MAX_COUNT_URLS:
        message = f"Give from 1 to {MAX_COUNT_URLS} `url` parameters."
        raise Refused("invalid_url", message, {"url": [message]})
    canonical = {url: page_url_param(url) for url in urls}
    by_site: dict[int, set[str]] = {}
    site_of: dict[str, int] = {}
    site_by_origin: dict[str, int] = {}
    for given, url in canonical.items():
        origin = origin_of(url)
        if origin not in site_by_origin:
            site_by_origin[origin] = site_for_page(url, request_origin()).id
        site_of[given] = site_by_origin[origin]
        by_site.setdefault(site_of[given], set()).add(url)
    counts: dict[int, dict[str, int]] = {
        site_id: storage.count_published_by_url(site_id, site_urls)
        for site_id, site_urls in by_site.items()
    }
    return {"counts": {given: counts[site_of[given]].get(canonical[given], 0) for given in urls}}


@bp.post("/comments/mine")
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


@bp.get("/threads.html")
@limits.reads
def thread_fragment():
    """The published thread as an HTML fragment, for sites to include for search engines."""
    url = page_url_param(request.args.get("url"))
    key = thread_key_param(url, request.args.get("thread"))
    site = site_for_page(url, request_origin())
    thread = storage.find_thread(site.id, key)
    comments = storage.list_visible(thread.id, None, FRAGMENT_MAX) if thread else []
    html = render_template(
        "thread/fragment.html",
        thread=public_thread(url, thread, len(comments)),
        tree=comment_tree([public_comment(comment) for comment in comments]),
        nojs_url=public_url_for("pages.show_thread", url=url, thread=request.args.get("thread")),
        t=strings(request_language(request.args.get("lang"))),
    )
    response = make_response(html)
    response.mimetype = "text/html"
    response.cache_control.public = True
    response.cache_control.max_age = 60
    response.vary.add("Accept-Language")  # the language may come from the reader's browser
    return response
