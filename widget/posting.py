"""Accepting a new comment: the checks and decisions between a valid payload and a row."""

from __future__ import annotations

from flask import current_app, request

from . import storage
from .defences import check_flood, classify, strictest
from .errors import ApiError
from .models import Comment, Thread
from .moderation import initial_status, is_banned, is_closed
from .rendering import render_comment
from .security import avatar_seed, client_network, new_edit_token
from .sites import SiteInfo
from .tokens import check_form_token
from .validation import NewComment

USER_AGENT_MAX = 500


def _reply_parent(parent_id: int | None, thread: Thread | None) -> Comment | None:
    """The comment a reply attaches to, respecting the maximum depth."""
    if parent_id is None:
        return None
    parent = storage.find_comment(parent_id)
    if parent is None or thread is None or parent.thread_id != thread.id:
        raise ApiError(
            404,
            "parent_not_found",
            "The comment you are replying to does not exist in this thread.",
        )
    if parent.status != "published":
        raise ApiError(
            400, "parent_not_published", "The comment you are replying to is not published."
        )
    # At the deepest level a reply joins its parent's level, as in WordPress.
    max_depth = current_app.config["MAX_REPLY_DEPTH"]
    while parent is not None and parent.depth + 1 >= max_depth:
        parent = storage.find_comment(parent.parent_id) if parent.parent_id else None
    return parent


def create_comment(site: SiteInfo, new: NewComment) -> tuple[Comment, str]:
    """Run every check, store the comment, and return it with its edit token."""
    check_form_token(new.form_token, site.id, new.thread_key)
    network = client_network()
    if is_banned(new.email, network):
        raise ApiError(403, "banned", "You cannot comment on this site.")
    existing = storage.find_thread(site.id, new.thread_key)
    if existing is not None and is_closed(existing):
        raise ApiError(403, "thread_closed", "Comments are closed.")
    parent = _reply_parent(new.parent_id, existing)
    check_flood(existing, new, network)
    html = render_comment(new.text)
    verdict = classify(
        site,
        page_url=new.page_url,
        name=new.name,
        email=new.email,
        website=new.website,
        text=new.text,
        html=html,
        honeypot=new.honeypot,
    )
    status = strictest(initial_status(site, new.email), verdict)
    thread = existing or storage.get_or_create_thread(
        site.id, new.thread_key, new.page_url, new.title
    )
    token, token_hash = new_edit_token()
    comment = storage.add_comment(
        thread,
        parent_id=parent.id if parent else None,
        depth=parent.depth + 1 if parent else 0,
        status=status,
        name=new.name,
        email=new.email,
        website=new.website,
        text=new.text,
        html=html,
        avatar=avatar_seed(site.id, new.email),
        network=network,
        user_agent=request.user_agent.string[:USER_AGENT_MAX],
        edit_token_hash=token_hash,
    )
    # ---- read-model bookkeeping: version and count. A new comment's parent is published
    # (or an ancestor of a published one), so no deleted comment changes its placeholder.
    storage.thread_changed(thread.id, [comment], placeholders=False)
    storage.commit()
    return comment, token
