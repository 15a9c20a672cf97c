"""Helpers of the hostile-input tests: stored rows, raw posts, what must never reach a header."""

from __future__ import annotations

from pathlib import Path

from tests.actions import ARTICLE
from widget import storage
from widget.storage.models import Comment

ISEMAIL_TESTS = Path(__file__).parent / "fixtures" / "email" / "isemail-tests.xml"
LIMIT = 64 * 1024  # MAX_CONTENT_LENGTH's default, the one the README documents
# What must never reach a mail header: line breaks, NUL, and the separators of
# address lists, display names, groups, quoted strings and comments.
HEADER_BREAKERS = ("\r", "\n", "\x00", " ", ";", ":", '"', "<", ">", "(")


def _count(app, model=Comment) -> int:
    with app.app_context():
        return storage.db.session.query(model).count()


def _stored(app) -> list[Comment]:
    with app.app_context():
        return storage.db.session.query(Comment).order_by(Comment.id).all()


def _valid_body(api, **fields) -> dict:
    return {
        "url": ARTICLE,
        "name": "Ana Reader",
        "email": "ana.reader@example.org",
        "text": "A thoughtful comment.",
        "form_token": api.form_token(),
        **fields,
    }


def _post_raw(api, data: bytes | str, **kwargs):
    return api.post("/api/comments", data=data, content_type="application/json", **kwargs)
