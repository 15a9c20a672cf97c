"""Helpers of the defence tests: errors, posted comments, stored rows."""

from __future__ import annotations

import pytest

from tests.actions import ARTICLE, Api
from widget import storage
from widget.storage.models import Comment, Thread

# widget/web/admin/forms.py passes SelectField choices as tuples, which WTForms 3.3 deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:Passing SelectField choices as tuples")

SECOND_ARTICLE = "https://blog.example.org/2026/12/winter-notes/"
OTHER_PAGE = "https://other.example.net/posts/1/"
NEIGHBOUR = "203.0.113.200"  # the same /24 as the Api's default address
STRANGER = "198.51.100.7"  # another network


def _comments(app) -> list[Comment]:
    with app.app_context():
        return storage.db.session.query(Comment).order_by(Comment.id).all()


def _threads(app) -> list[Thread]:
    with app.app_context():
        return storage.db.session.query(Thread).all()


def _posted(response) -> dict:
    assert response.status_code == 201, response.get_json()
    return response.get_json()["comment"]


def _error(response, status: int, error: str) -> dict:
    assert response.status_code == status, response.get_json()
    body = response.get_json()
    assert body["error"] == error
    return body


def _public(api: Api, url: str = ARTICLE) -> tuple[list[int], int, int]:
    """Published ids in the thread, the thread's count, and /api/counts for the page."""
    thread = api.thread(url).get_json()
    ids = [comment["id"] for comment in thread["comments"]]
    return ids, thread["thread"]["count"], api.counts(url).get_json()["counts"][url]


def _held_quietly(api: Api, app, response, stored_status: str) -> None:
    """Answered as merely pending, stored as `stored_status`, shown nowhere."""
    comment = _posted(response)
    assert comment["status"] == "pending"
    assert "spam" not in response.get_data(as_text=True).lower()
    assert [c.status for c in _comments(app) if c.id == comment["id"]] == [stored_status]
    assert _public(api) == ([], 0, 0)
