"""What authors may do with their own comments, proven by the edit token: edit, delete."""

from __future__ import annotations

import hmac
from datetime import timedelta

from flask import current_app
from werkzeug.datastructures import MultiDict

from . import storage
from .defences import classify, strictest
from .errors import ApiError
from .forms import CommentForm
from .models import Comment, utcnow
from .rendering import render_comment
from .security import hash_edit_token
from .sites import site_by_id, site_for_page


def own_comment(comment_id: int, token: object) -> Comment:
    """The comment, when `token` is its edit token and the caller's origin is its site's."""
    comment = storage.find_comment(comment_id)
    if comment is None or comment.status == "deleted":
        raise ApiError(404, "not_found", "There is no such comment.")
    site_for_page(comment.thread.url)  # 403 unless called from the comment's own site
    if not isinstance(token, str) or not hmac.compare_digest(
        hash_edit_token(token), comment.edit_token_hash
    ):
        raise ApiError(403, "bad_edit_token", "This comment can only be changed by its author.")
    minutes = current_app.config["EDIT_WINDOW_MINUTES"]
    if utcnow() > comment.created_at + timedelta(minutes=minutes):
        raise ApiError(
            403,
            "edit_window_closed",
            f"Comments can be changed for {minutes} minutes after posting.",
        )
    return comment


def edit_own(comment: Comment, text: object) -> Comment:
    """New text, checked and rendered as a new comment's; the edit never loosens moderation."""
    if not isinstance(text, str):
        raise ApiError(
            400, "invalid_fields", "Some fields are not valid.", {"text": ["Must be a string."]}
        )
    form = CommentForm(formdata=MultiDict({"text": text}), meta={"csrf": False})
    if not form.text.validate(form, extra_validators=[CommentForm.validate_text]):
        raise ApiError(
            400, "invalid_fields", "Some fields are not valid.", {"text": form.text.errors}
        )
    html = render_comment(form.text.data)
    verdict = classify(
        site_by_id(comment.thread.site_id) or comment.thread.site,
        page_url=comment.thread.url,
        name=comment.name,
        email=comment.email,
        website=comment.website,
        text=form.text.data,
        html=html,
    )
    comment.status = strictest(comment.status, verdict)
    comment.text = form.text.data
    comment.html = html
    comment.updated_at = utcnow()
    # ---- read-model bookkeeping ----
    storage.thread_changed(comment.thread_id, [comment])
    storage.commit()
    return comment


def delete_own(comment: Comment) -> Comment:
    """Withdraw a comment; if it has replies, they stay under "This comment was deleted."."""
    comment.status = "deleted"
    comment.updated_at = utcnow()
    # ---- read-model bookkeeping: its ancestors may stop being placeholders ----
    storage.thread_changed(comment.thread_id, [comment])
    storage.commit()
    return comment
