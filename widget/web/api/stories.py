"""The admin API for a site's CMS: story settings and comments, with per-site tokens.

Server to server: `Authorization: Bearer tt_…` (tertulia tokens create), no cookie, no
Origin. The token is never logged nor echoed; each use is audited (sites/tokens.py).
"""

from __future__ import annotations

from flask import current_app, request

from widget.comments.public import public_comment
from widget.comments.sorting import check_cursor, page_size, read_page
from widget.comments.validation import int_param, page_url_param, thread_key_param, title_param
from widget.sites import tokens
from widget.sites.registry import site_by_id
from widget.sites.stories import change_story_by_token, story_of, thread_settings
from widget.web import limits
from widget.web.context import read_json_object


def _token(scope: str):
    return tokens.authenticate(request.headers.get("Authorization"), scope)


def _settings_answer(thread) -> dict:
    site = site_by_id(thread.site_id) or thread.site
    story = story_of(site, thread)
    return {
        "url": thread.url,
        "settings": thread_settings(thread),
        "effective": {
            "moderation": story.moderation,
            "closed": story.closed,
            "closed_reason": story.closed_reason,
            "close_after_days": story.close_after_days,
            "mode": story.mode,
        },
    }


@limits.admin_writes
def put_thread_settings():
    """Change a story's settings (null: the site's value); creates the thread if need be."""
    token = _token("threads:write")
    url = page_url_param(request.args.get("url"))
    key = thread_key_param(url, request.args.get("thread"))
    body = read_json_object()
    title = title_param(request.args.get("title"))
    thread = change_story_by_token(token, url, key, title, body)
    return _settings_answer(thread)


@limits.reads
def list_thread_comments():
    """A page of a thread's published comments for a CMS (comments:read), oldest first."""
    token = _token("comments:read")
    url = page_url_param(request.args.get("url"))
    key = thread_key_param(url, request.args.get("thread"))
    config = current_app.config
    limit = int_param(
        "limit", request.args.get("limit"), config["PAGE_SIZE"], 1, config["MAX_PAGE_SIZE"]
    )
    limit = page_size(limit, config["PAGE_SIZE"], config["MAX_PAGE_SIZE"])
    cursor = request.args.get("cursor") or None
    position = check_cursor("oldest", cursor)
    thread_id = tokens.thread_to_read(token, url, key)
    comments, next_cursor = read_page(thread_id, "oldest", position, limit)
    return {
        "url": url,
        "comments": [public_comment(comment) for comment in comments],
        "next": next_cursor,
    }
