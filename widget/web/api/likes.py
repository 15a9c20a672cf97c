"""The readers' extras of the JSON API: likes, and a site's latest comments.

Routes on the `api` blueprint (same errors, CORS and origin rules), kept apart from
api.py so the extras stay in one place.
"""

from __future__ import annotations

from flask import current_app, request

from widget.readers import liking
from widget.readers.latest import latest_comments, latest_limit, origin_param, site_tag
from widget.web import limits, reads
from widget.web.context import current_client, read_json_object, request_origin

from . import bp


def _set_like(comment_id: int, liked: bool):
    payload = read_json_object()
    voter = liking.voter_param(payload.get("voter"))
    likes, liked = liking.set_like(
        comment_id, liked, current_client(payload.get("lang")), voter, request_origin()
    )
    return {"likes": likes, "liked": liked}


@bp.post("/comments/<int:comment_id>/likes")
@limits.post_reads
def like_comment(comment_id: int):
    """The reader likes a published comment (once: again is a no-op); answers the count."""
    return _set_like(comment_id, True)


@bp.delete("/comments/<int:comment_id>/likes")
@limits.delete_reads
def unlike_comment(comment_id: int):
    """The reader withdraws their like; answers the count."""
    return _set_like(comment_id, False)


@bp.get("/latest")
@limits.reads
def latest():
    """A site's newest published comments, newest first, each with its thread's url and title."""
    _, site = origin_param(request.args.get("origin"), request_origin())
    limit = latest_limit(request.args.get("limit"))

    def render() -> bytes:
        return current_app.json.dumps({"comments": latest_comments(site, limit)}).encode()

    return reads.serve(
        ("latest", site.id, limit), site_tag(site, "latest", limit), render, "application/json"
    )
