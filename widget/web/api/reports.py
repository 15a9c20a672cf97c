"""A reader reports a comment to the moderators."""

from __future__ import annotations

from widget.moderation import reporting
from widget.web import limits
from widget.web.context import current_client, read_json_object, request_origin


@limits.write_attempts
def report_comment(comment_id: int):
    """A reader reports a published comment; 202 whether or not it was theirs already."""
    payload = read_json_object()
    client = current_client(payload.get("lang"))
    reporting.report(
        comment_id, payload.get("reason"), payload.get("voter"), client, request_origin()
    )
    return {"status": "received"}, 202
