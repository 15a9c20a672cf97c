"""Rate limits shared by every route that reads threads or posts comments.

Shared scopes: the JSON API and the no-JavaScript form draw on one allowance.
"""

from __future__ import annotations

from flask import Response, current_app

from .extensions import limiter


def _setting(name: str):
    return lambda: current_app.config[name]


def _accepted(response: Response) -> bool:
    # 201 from the API, 303 (redirect back to the thread) from the HTML form.
    return response.status_code in (201, 303)


reads = limiter.shared_limit(_setting("READ_RATE_LIMIT"), scope="read", methods=["GET", "HEAD"])
# Reads sent as POST (the author's own held comments: edit tokens stay out of URLs).
post_reads = limiter.shared_limit(_setting("READ_RATE_LIMIT"), scope="read", methods=["POST"])
post_attempts = limiter.shared_limit(
    _setting("WRITE_ATTEMPT_RATE_LIMIT"), scope="post-attempt", methods=["POST"]
)
accepted_posts = limiter.shared_limit(
    _setting("POST_RATE_LIMIT"), scope="post-comment", methods=["POST"], deduct_when=_accepted
)
