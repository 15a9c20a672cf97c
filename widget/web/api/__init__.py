"""The public JSON API (blueprint "api") that embed.js, and any other client, uses.

The views live in the modules beside this one, by subject; this file names their URLs.
Errors answer in one JSON shape (web/errors.py); writes are JSON from registered origins.
"""

from __future__ import annotations

from flask import Blueprint

from . import comments, latest, likes, preview, reports, stories, threads

bp = Blueprint("api", __name__, url_prefix="/api")

ROUTES = [
    ("/threads", threads.read_thread, ["GET"]),
    ("/threads.html", threads.thread_fragment, ["GET"]),
    ("/counts", threads.count_comments, ["GET"]),
    ("/form-token", comments.form_token, ["GET"]),
    ("/comments", comments.create_comment, ["POST"]),
    ("/comments/mine", comments.list_own_comments, ["POST"]),
    ("/session", comments.sign_in, ["POST"]),
    ("/comments/<int:comment_id>", comments.edit_comment, ["PATCH"]),
    ("/comments/<int:comment_id>", comments.delete_comment, ["DELETE"]),
    ("/comments/<int:comment_id>/likes", likes.like_comment, ["POST"]),
    ("/comments/<int:comment_id>/likes", likes.unlike_comment, ["DELETE"]),
    ("/comments/<int:comment_id>/reports", reports.report_comment, ["POST"]),
    ("/comments/<int:comment_id>/warning", comments.acknowledge_warning, ["POST"]),
    ("/latest", latest.latest, ["GET"]),
    ("/preview", preview.preview_comment, ["POST"]),
    ("/admin/threads", stories.put_thread_settings, ["PUT"]),
    ("/admin/comments", stories.list_thread_comments, ["GET"]),
]
for rule, view, methods in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=methods)
