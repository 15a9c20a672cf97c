"""The service's own front page: what this is, where the moderation pages, the demo and the
API description are, and the two lines a site pastes."""

from __future__ import annotations

from flask import Response, abort, current_app, render_template, request

from widget import ROOT
from widget.web.context import request_language

OPENAPI = ROOT / "docs" / "openapi.yaml"


def show_home():
    """A small page instead of a bare 404 at the service's address."""
    base = (current_app.config.get("PUBLIC_URL") or request.url_root).rstrip("/")
    lang = request_language(request.args.get("lang"))
    return render_template(
        "home.html",
        base=base,
        lang=lang,
        demo_url=current_app.config.get("DEMO_URL"),
        has_openapi=OPENAPI.exists(),
    )


def openapi():
    """The API's description (docs/openapi.yaml), when the checkout has it."""
    if not OPENAPI.exists():
        abort(404)
    return Response(OPENAPI.read_bytes(), mimetype="application/yaml")
