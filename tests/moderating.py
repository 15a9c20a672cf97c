"""Helpers of the moderation tests: what readers see, admin pages as text, rows by id."""

from __future__ import annotations

from html import unescape

from tests.actions import ARTICLE
from tests.conftest import BLOG
from widget import storage
from widget.storage.models import Ban

# widget/web/admin/forms.py passes SelectField choices as tuples, which WTForms 3.3 deprecates.

MOD = "mod@example.org"  # tests/conftest.py, MODERATOR_EMAIL
BLOG_ORIGINS = f"{BLOG}\nhttps://www.blog.example.org"
BLOG_FORM = {"name": "Blog", "origins": BLOG_ORIGINS, "moderation": "none", "close_after_days": ""}
EVIL = "<script>alert(1)</script>\r\n<img src=x onerror=alert(1)> [x](javascript:alert(1))"


def _text(response) -> str:
    return unescape(response.get_data(as_text=True))


def _edit_blog(admin, **fields) -> None:
    response = admin.post("/admin/sites/1", **{**BLOG_FORM, **fields})
    assert response.status_code == 303, _text(response)


def _post(api, **fields) -> dict:
    response = api.post_comment(**fields)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["comment"]


def _public(api, url: str = ARTICLE) -> list[tuple[int, str]]:
    return [(c["id"], c["status"]) for c in api.thread(url).get_json()["comments"]]


def _nojs(client) -> str:
    """The thread as readers without JavaScript get it."""
    return _text(client.get("/threads", query_string={"url": ARTICLE}))


def _count(api) -> int:
    return api.counts(ARTICLE).get_json()["counts"][ARTICLE]


def _update(app, model, row_id: int, **fields) -> None:
    with app.app_context():
        storage.db.session.query(model).filter_by(id=row_id).update(fields)
        storage.commit()


def _ban_id(app, **where) -> int:
    with app.app_context():
        return storage.db.session.query(Ban).filter_by(**where).one().id
