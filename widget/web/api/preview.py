"""Preview: a comment's text rendered as it would be published, before it is posted."""

from __future__ import annotations

from widget.comments.rendering import render_comment
from widget.comments.validation import validate_preview
from widget.sites.registry import not_registered, registry, site_for_page
from widget.web import limits
from widget.web.context import current_client, read_json_object, request_origin


@limits.write_attempts
def preview_comment():
    """The safe HTML of `text` by the server's renderer, for a page of a registered site."""
    payload = read_json_object()
    origin = request_origin()
    if origin is not None and registry().by_origin.get(origin) is None:
        raise not_registered(origin)
    url, text = validate_preview(payload, current_client(payload.get("lang")).language)
    site_for_page(url, origin)  # a page of the calling site only
    return {"html": render_comment(text)}
