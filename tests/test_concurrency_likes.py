"""Likes hold exactly under concurrent requests to real worker processes and instances."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from tests.actions import Api
from tests.conftest import BLOG
from tests.servers import Browser, gunicorn
from tests.test_concurrency import SETUPS, _env, _together
from widget.storage.database import db
from widget.storage.models import Comment, CommentLike


@pytest.mark.parametrize(("backend", "instances"), SETUPS)
def test_twenty_concurrent_likes_from_one_address_count_once(
    app, api: Api, database_url, tmp_path, backend, instances
):
    if not database_url.startswith(backend):
        pytest.skip(f"this setup runs on {backend}")
    comment_id = api.post_comment().get_json()["comment"]["id"]
    env = _env(database_url, tmp_path, shared=instances > 1)
    with gunicorn(env, workers=2, instances=instances) as servers:
        browsers = [Browser(servers[n % instances].base, origin=BLOG) for n in range(20)]
        path = f"/api/comments/{comment_id}/likes"
        # Every request comes from 127.0.0.1, each with a voter id of its own.
        answers = _together(
            20, lambda n: browsers[n].json("POST", path, {"voter": f"voter-number-{n:04d}"})
        )
    assert Counter(status for status, _ in answers) == {200: 20}
    assert {body["likes"] for _, body in answers} == {1}
    with app.app_context():
        standing = select(func.count(CommentLike.id)).where(CommentLike.removed_at.is_(None))
        assert db.session.scalar(standing) == 1
        assert db.session.get(Comment, comment_id).likes == 1
