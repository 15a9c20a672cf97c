"""The public JSON API that embed.js (and any other client) uses."""

from __future__ import annotations

from flask import Blueprint, current_app, g, make_response, render_template, request

from widget import storage
from widget.comments import authoring, posting
from widget.comments.cursors import decode_cursor, encode_cursor
from widget.comments.form_tokens import issue_form_token
from widget.comments.public import comment_tree, public_comment, public_thread
from widget.comments.sorting import check_cursor, read_page, since_param, sort_param
from widget.comments.validation import (
    int_param,
    page_url_param,
    thread_key_param,
    validate_new_comment,
)
from widget.core.keys import hash_edit_token
from widget.core.refusals import Refused
from widget.core.urls import public_url_for
from widget.i18n import strings
from widget.mail import notifications
from widget.moderation.newsroom import featured_comments
from widget.sites.registry import caller_site, not_registered, registry, site_for_page
from widget.web import limits, reads
from widget.web.context import current_client, read_json_object, request_language, request_origin
from widget.web.reads import view_thread

bp = Blueprint("api", __name__, url_prefix="/api")

MAX_COUNT_URLS = 100
MAX_OWN_TOKENS = 50


@bp.before_request
def resolve_caller() -> None:
    """Resolve the caller's site once, from this process's registry (no query)."""
    g.caller_site = caller_site()


@bp.get("/threads")
@limits.reads
def read_thread():
    """A page of a thread's readable comments in the asked order; cached by version."""
    url = page_url_param(request.args.get("url"))
    key = thread_key_param(url, request.args.get("thread"))
    config = current_app.config
    limit = int_param(
        "limit", request.args.get("limit"), config["PAGE_SIZE"], 1, config["MAX_PAGE_SIZE"]
    )
    sort = sort_param(request.args.get("sort"))
    since = since_param(request.args.get("since"))
    cursor = request.args.get("cursor") or None
    position = check_cursor(sort, cursor)
    view = view_thread(url, key)

    def render() -> bytes:
        state = view.state
        comments, next_cursor = read_page(state.thread_id, sort, position, limit, since)
        body = {
            "thread": public_thread(url, state.title, view.closed, state.published_count),
            "comments": [public_comment(comment) for comment in comments],
            "next": next_cursor,
            "notifications": notifications.enabled(),
            "staff_label": view.site.staff_label or None,  # newsroom: the staff badge
            "featured": featured_comments(state.thread_id, cursor is None),  # newsroom
            "limits": {
                "max_length": config["MAX_COMMENT_LENGTH"],
                "max_depth": config["MAX_REPLY_DEPTH"],
                "edit_minutes": config["EDIT_WINDOW_MINUTES"],
            },
        }
        return current_app.json.dumps(body).encode()

    return reads.serve(
        ("json", view.site.id, key, url, sort, since, cursor, limit),
        view.tag(sort),
        render,
        "application/json",
    )


@bp.get("/form-token")
@limits.reads
def form_token():
    """A form token for posting to one thread (fetched when the reader starts writing)."""
    url = page_url_param(request.args.get("url"))
    key = thread_key_param(url, request.args.get("thread"))
    site = site_for_page(url, request_origin())
    response = make_response({"form_token": issue_form_token(site.id, key)})
    response.cache_control.no_store = True
    return response


@bp.post("/comments")
@limits.write_attempts
def create_comment():
    """Post a comment or a reply; answers the public comment and its edit token once."""
    payload = read_json_object()
    origin = request_origin()
    if origin is not None and registry().by_origin.get(origin) is None:
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
    origin = request_origin()
    site_of = {url: site_for_page(url, origin).id for url in set(canonical.values())}
    counts = storage.count_published_by_urls((site_of[url], url) for url in site_of)
    return {
        "counts": {given: counts.get((site_of[url], url), 0) for given, url in canonical.items()}
    }


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
    """The thread as an HTML fragment for search engines, a page at a time like the API."""
    url = page_url_param(request.args.get("url"))
    thread_param = request.args.get("thread")
    key = thread_key_param(url, thread_param)
    cursor = request.args.get("cursor") or None
    after = decode_cursor(cursor)
    limit = current_app.config["PAGE_SIZE"]
    lang = request_language(request.args.get("lang"))
    view = view_thread(url, key)

    def render() -> bytes:
        state = view.state
        comments = (
            storage.list_visible(state.thread_id, after, limit + 1) if state.thread_id else []
        )
        more = comments[limit - 1] if len(comments) > limit else None
        next_url = None
        if more is not None:
            next_url = public_url_for(
                "api.thread_fragment",
                url=url,
                thread=thread_param,
                lang=request.args.get("lang"),
                cursor=encode_cursor(more.created_at, more.id),
            )
        html = render_template(
            "thread/fragment.html",
            thread=public_thread(url, state.title, view.closed, state.published_count),
            tree=comment_tree([public_comment(comment) for comment in comments[:limit]]),
            nojs_url=public_url_for("pages.show_thread", url=url, thread=thread_param),
            next_url=next_url,
            t=strings(lang),
        )
        return html.encode()

    response = reads.serve(
        ("html", view.site.id, key, url, cursor, lang),
        view.tag(lang),
        render,
        "text/html",
        reads.fragment_cache_control(),
    )
    response.vary.add("Accept-Language")  # the language may come from the reader's browser
    return response
