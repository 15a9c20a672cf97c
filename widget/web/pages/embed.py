"""The widget's scripts, served to every site's pages."""

from __future__ import annotations

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
