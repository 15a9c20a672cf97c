"""Moderators' newsroom tools: featured comments and replies as the site (staff replies)."""

from __future__ import annotations

from flask import current_app

from widget import storage
from widget.comments.forms import has_control_characters
from widget.comments.public import public_comment
from widget.comments.rendering import render_comment
from widget.core.keys import keyed_hash, new_edit_token
from widget.core.refusals import Refused, invalid_fields
from widget.i18n import _, ngettext
from widget.mail import notifications
from widget.storage.models import Comment, Moderator, utcnow
from widget.webhooks import comment_changed

MAX_FEATURED = 3  # per thread, as the issue asks: a few, or the heading means nothing


def featured_comments(thread_id: int | None, first_page: bool) -> list[dict]:
    """The thread's featured comments for readers, on its first page only (shown first)."""
    if not (thread_id and first_page):
        return []
    return [public_comment(comment) for comment in storage.list_featured(thread_id)]


def set_featured(moderator: Moderator, comment: Comment, featured: bool) -> None:
    """Feature a published comment (at most MAX_FEATURED per thread), or stop featuring it."""
    if featured == comment.featured:
        return
    if featured and comment.status != "published":
        raise Refused("not_published", _("Only a published comment can be featured."))
    if featured and storage.count_featured(comment.thread_id) >= MAX_FEATURED:
        raise Refused(
            "too_many_featured",
            ngettext(
                "A thread has at most {n} featured comment; stop featuring it first.",
                "A thread has at most {n} featured comments; stop featuring one first.",
                MAX_FEATURED,
            ),
        )
    comment.featured = featured
    storage.record_action(
        moderator, "feature" if featured else "unfeature", comment, comment.status, comment.status
    )
    # ---- read-model bookkeeping: readers see the mark ----
    storage.thread_changed(comment.thread_id, [comment])
    storage.commit()


def staff_name(moderator: Moderator, site_label: str) -> str:
    """What a staff reply is signed with: the moderator's display name, never the email."""
    return moderator.display_name or site_label or "Staff"


def reply_as_staff(moderator: Moderator, parent: Comment, text: str) -> Comment:
    """A reply published at once, marked as the site's, in the parent's thread."""
    text = text.replace("\r\n", "\n").strip()
    limit = current_app.config["MAX_COMMENT_LENGTH"]
    if not text or len(text) > limit:
        raise invalid_fields({"text": [_("Write from 1 to {n} characters.", n=format(limit, ","))]})
    if has_control_characters(text, frozenset("\n\t")):
        raise invalid_fields({"text": [_("The text contains control characters.")]})
    if parent.status != "published":
        raise Refused(
            "parent_not_published", _("The comment you are replying to is not published.")
        )
    thread = parent.thread
    # At the deepest level a reply joins its parent's level, as readers' replies do.
    max_depth = current_app.config["MAX_REPLY_DEPTH"]
    attach: Comment | None = parent
    while attach is not None and attach.depth + 1 >= max_depth:
        attach = storage.find_comment(attach.parent_id) if attach.parent_id else None
    _token, token_hash = new_edit_token()  # nobody holds the token: staff edit from the admin
    reply = storage.add_comment(
        thread,
        parent_id=attach.id if attach else None,
        depth=attach.depth + 1 if attach else 0,
        status="published",
        name=staff_name(moderator, thread.site.staff_label),
        email="",
        website=None,
        text=text,
        html=render_comment(text),
        avatar=keyed_hash("staff", str(thread.site_id))[:24],
        network="staff",
        client_key=None,
        user_agent="",
        edit_token_hash=token_hash,
    )
    reply.staff = True
    reply.updated_at = utcnow()
    storage.record_action(moderator, "staff_reply", reply, None, "published")
    notifications.comment_published(reply)  # the parent's author may have asked to be told
    comment_changed(reply, None)  # webhooks: created, published
    # ---- read-model bookkeeping ----
    storage.thread_changed(thread.id, [reply], placeholders=False)
    storage.commit()
    return reply
