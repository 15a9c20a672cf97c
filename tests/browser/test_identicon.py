"""The widget (embed.js) and the server's pages (identicon.py) draw the same identicons."""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import expect

from widget.comments.identicon import identicon

pytestmark = pytest.mark.browser

SEEDS = [hashlib.sha256(str(n).encode()).hexdigest()[:24] for n in range(12)] + [
    "",
    "0" * 24,
    "f" * 24,
    "0123456789abcdef01234567",
]

DRAW = """(seeds) => {
    // The widget's own drawing, read back from the SVG it puts in the shadow root.
    const root = document.getElementById('comments').shadowRoot;
    return [...root.querySelectorAll('article.comment svg.avatar')].map((svg) => {
        // A background square, then one path of unit squares ("M<x> <y>h1v1h-1z" each).
        const background = svg.querySelector('rect');
        const cells = svg.querySelector('path');
        const moves = cells ? [...cells.getAttribute('d').matchAll(/M(\\d+) (\\d+)h1v1h-1z/g)] : [];
        return {
            background: background.getAttribute('fill'),
            color: cells ? cells.getAttribute('fill') : null,
            filled: moves.map((m) => [+m[1], +m[2]]),
        };
    });
}"""


def test_the_widget_draws_every_seed_as_the_server_does(live, page, app):
    api = live.api()
    for number in range(len(SEEDS)):
        api.post_comment(url=live.article_url, text=f"Comment {number}", email=f"r{number}@e.org")
    with app.app_context():
        from widget.storage.database import db
        from widget.storage.models import Comment

        comments = db.session.query(Comment).order_by(Comment.id).all()
        for comment, seed in zip(comments, SEEDS, strict=True):
            comment.avatar = seed
        db.session.commit()
    page.goto(live.article_url)
    expect(page.locator("#comments article.comment")).to_have_count(len(SEEDS))
    drawn = page.evaluate(DRAW, SEEDS)
    for seed, widget in zip(SEEDS, drawn, strict=True):
        server = identicon(seed)
        assert widget["background"] == server.background, seed
        assert sorted(map(tuple, widget["filled"])) == sorted(server.filled), seed
        if server.filled:
            assert widget["color"] == server.color, seed
