"""Readers like a comment, or withdraw their like; each answer is the new count."""

from __future__ import annotations

from widget.readers import liking
from widget.web import limits
from widget.web.context import current_client, read_json_object, request_origin


def _set_like(comment_id: int, liked: bool):
    payload = read_json_object()
    voter = liking.voter_param(payload.get("voter"))
    likes, liked = liking.set_like(
        comment_id, liked, current_client(payload.get("lang")), voter, request_origin()
    )
    return {"likes": likes, "liked": liked}


@limits.post_reads
def like_comment(comment_id: int):
    """The reader likes a published comment (once: again is a no-op); answers the count."""
    return _set_like(comment_id, True)


@limits.delete_reads
def unlike_comment(comment_id: int):
    """The reader withdraws their like; answers the count."""
    return _set_like(comment_id, False)
