"""Reading threads: a page of comments as JSON, the HTML fragment, counts for many pages."""

from __future__ import annotations

from flask import current_app, render_template, request

from widget import storage
from widget.comments.cursors import decode_cursor, encode_cursor
from widget.comments.public import comment_tree, public_comment, public_thread
from widget.comments.questions import mark_answered
from widget.comments.sorting import (
    check_cursor,
    newest_id,
    page_size,
    read_page,
    since_param,
    sort_param,
)
from widget.comments.validation import (
    int_param,
    page_url_param,
    thread_key_param,
)
from widget.core.refusals import Refused
from widget.core.urls import public_url_for
from widget.i18n import _
from widget.mail import notifications
from widget.moderation.newsroom import featured_comments
from widget.sites.registry import site_for_page
from widget.web import limits, reads
from widget.web.context import request_language, request_origin
from widget.web.reads import view_thread

MAX_COUNT_URLS = 100


@limits.reads
def read_thread():
    """A page of a thread's readable comments in the asked order; cached by version."""
    url = page_url_param(request.args.get("url"))
    key = thread_key_param(url, request.args.get("thread"))
    config = current_app.config
    limit = int_param(
        "limit", request.args.get("limit"), config["PAGE_SIZE"], 1, config["MAX_PAGE_SIZE"]
    )
    limit = page_size(limit, config["PAGE_SIZE"], config["MAX_PAGE_SIZE"])
    sort = sort_param(request.args.get("sort"))
    since = since_param(request.args.get("since"))
    cursor = request.args.get("cursor") or None
    position = check_cursor(sort, cursor)
    view = view_thread(url, key)

    def render() -> bytes:
        state = view.state
        comments, next_cursor = read_page(state.thread_id, sort, position, limit, since)
        first = cursor is None and since is None
        body = {
            "thread": public_thread(
                url, state.title, view.closed, state.published_count, view.story
            ),
            "comments": public_page(state.thread_id, state.mode, comments),
            "next": next_cursor,
            # live news asks `since=` this, whatever the sort and however many pages
            "newest_id": newest_id(state.thread_id, comments, next_cursor is None)
            if first
            else None,
            "notifications": notifications.enabled(),
            "staff_label": view.site.staff_label or None,  # newsroom: the staff badge
            "who_may_comment": view.site.who_may_comment,  # verified commenters (issue 23)
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


def public_page(thread_id: int | None, mode: str | None, comments: list) -> list[dict]:
    """The page's public comments; in a Q&A thread each question says whether it is answered."""
    public = [public_comment(comment) for comment in comments]
    return mark_answered(thread_id, public) if mode == "qa" else public


@limits.reads
def count_comments():
    """Published comment counts for several pages at once, keyed by the URLs as given."""
    urls = request.args.getlist("url")
    if not 1 <= len(urls) <= MAX_COUNT_URLS:
        message = _("Give from 1 to {n} `url` parameters.", n=MAX_COUNT_URLS)
        raise Refused("invalid_url", message, {"url": [message]})
    canonical = {url: page_url_param(url) for url in urls}
    origin = request_origin()
    site_of = {url: site_for_page(url, origin).id for url in set(canonical.values())}
    counts = storage.count_published_by_urls((site_of[url], url) for url in site_of)
    return {
        "counts": {given: counts.get((site_of[url], url), 0) for given, url in canonical.items()}
    }


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
            thread=public_thread(url, state.title, view.closed, state.published_count, view.story),
            tree=comment_tree([public_comment(comment) for comment in comments[:limit]]),
            nojs_url=public_url_for("pages.show_thread", url=url, thread=thread_param),
            next_url=next_url,
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
