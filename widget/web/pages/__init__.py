"""Pages for readers (blueprint "pages"): the embed scripts, the thread without JavaScript,
and the newsroom's report and notice forms.

The views live in the modules beside this one, by subject; this file names their URLs.
"""

from __future__ import annotations

from flask import Blueprint

from . import embed, home, newsroom, thread

bp = Blueprint("pages", __name__)

ROUTES = [
    ("/", home.show_home, ["GET"]),
    ("/openapi.yaml", home.openapi, ["GET"]),
    ("/embed.js", embed.embed_script, ["GET"]),
    ("/embed-tools.js", embed.embed_tools_script, ["GET"]),
    ("/embed-sign-in.js", embed.embed_sign_in_script, ["GET"]),
    ("/embed-stories.js", embed.embed_stories_script, ["GET"]),
    ("/i18n/<name>.json", embed.widget_translation, ["GET"]),
    ("/threads", thread.show_thread, ["GET"]),
    ("/threads", thread.post_comment, ["POST"]),
    ("/notices/new", newsroom.new_notice, ["GET", "POST"]),
    ("/comments/<int:comment_id>/report", newsroom.report_page, ["GET", "POST"]),
]
for rule, view, methods in ROUTES:
    bp.add_url_rule(rule, view_func=view, methods=methods)
