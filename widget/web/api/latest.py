"""A site's latest comments (the box), newest first."""

from __future__ import annotations

from flask import current_app, request

from widget.readers.latest import latest_comments, latest_limit, origin_param, site_tag
from widget.web import limits, reads
from widget.web.context import request_origin


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
