"""The widget's scripts, served to every site's pages."""

from __future__ import annotations

import re

from flask import abort

from widget.web import assets

EMBED_MAX_AGE = 3600  # an hour: a fixed widget reaches readers the same day


def embed_script():
    """The widget, precompressed (gzip, Brotli), cacheable, with an ETag for revalidation."""
    response = assets.serve("embed.js", "text/javascript", EMBED_MAX_AGE)
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def embed_tools_script():
    """The widget's second file (the form, the author's tools), loaded after the first paint."""
    response = assets.serve("embed-tools.js", "text/javascript", EMBED_MAX_AGE)
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def embed_sign_in_script():
    """The widget's third file (signed-in readers: "Commenting as", sign in and out), loaded
    only when the page signs its reader in or the site wants verified commenters."""
    response = assets.serve("embed-sign-in.js", "text/javascript", EMBED_MAX_AGE)
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def embed_stories_script():
    """The widget's third file (a story's notes, Q&A, ignoring), loaded when a thread needs it."""
    response = assets.serve("embed-stories.js", "text/javascript", EMBED_MAX_AGE)
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


# static/i18n/<file>.<lang>.json, written by `flask i18n build` (widget/i18n/build.py).
TRANSLATION_NAME = re.compile(r"embed(?:-[a-z]+(?:-[a-z]+)?)?\.[a-z]{2}(?:-[A-Z]{2})?")


def widget_translation(name: str):
    """A widget file's strings in one language, served and cached like the file itself."""
    if not TRANSLATION_NAME.fullmatch(name):
        abort(404)
    try:
        response = assets.serve(f"i18n/{name}.json", "application/json", EMBED_MAX_AGE)
    except FileNotFoundError:
        abort(404)
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    # Public text, read with a plain fetch from the sites' pages (no credentials).
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
