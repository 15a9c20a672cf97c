"""Helpers of the import, export and privacy tests: the fixtures and what the database holds."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import func, select

from widget.storage.database import db
from widget.storage.models import Comment, CommentSource, Site, Thread

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
THEME = FIXTURES / "themeunittestdata.wordpress.xml"
WXR_1_0 = FIXTURES / "isso-wordpress.xml"
DISQUS = FIXTURES / "isso-disqus.xml"
ISSO = FIXTURES / "isso-generic.json"
REMARK42 = FIXTURES / "remark42-native-test.jsonl"
REMARK42_STATES = FIXTURES / "remark42-states.jsonl.gz"
COMMENTO = FIXTURES / "remark42-commento.json"
COMMENTO_BLANK = FIXTURES / "remark42-commento-blank.json"
COMMENTO_STATES = FIXTURES / "commento-states.json.gz"
ISSO_DB = FIXTURES / "isso-0.14.db"  # written by a running Isso 0.14 (SOURCES)


def invoke(runner, *args):
    """Run a flask command; returns click's result."""
    return runner.invoke(args=[str(arg) for arg in args])


def report_line(output: str, label: str) -> str:
    """The line of an import report that starts with `label`."""
    return next(line for line in output.splitlines() if line.startswith(label))


def report_numbers(line: str) -> tuple[int, list[int]]:
    """`Label: 5 (1 a, 4 b)` -> (5, [1, 4])."""
    total, _, rest = line.split(": ", 1)[1].partition(" ")
    return int(total), [int(n) for n in re.findall(r"(\d+) [a-z]", rest)]


def adds_up(output: str, expected: int) -> None:
    """Every comment of the file in exactly one line of the report (issue 21, item 8)."""
    assert report_line(output, "Comments in the file:") == f"Comments in the file: {expected}"
    imported, statuses = report_numbers(report_line(output, "Comments imported:"))
    skipped, reasons = report_numbers(report_line(output, "Skipped:"))
    changed, _ = report_numbers(report_line(output, "Kept with changes:"))
    assert imported == sum(statuses) and skipped == sum(reasons)
    assert imported + skipped == expected and changed <= imported


def stored(app) -> list[dict]:
    """Every comment with its thread's URL, as plain values, oldest first."""
    with app.app_context():
        rows = db.session.execute(
            select(Comment, Thread.url, Thread.closed, CommentSource.source_id)
            .join(Thread)
            .outerjoin(CommentSource, CommentSource.comment_id == Comment.id)
            .order_by(Comment.created_at, Comment.id)
        ).all()
        return [
            {
                "id": c.id,
                "parent_id": c.parent_id,
                "depth": c.depth,
                "status": c.status,
                "name": c.name,
                "email": c.email,
                "website": c.website,
                "text": c.text,
                "html": c.html,
                "markup": c.markup,
                "network": c.network,
                "created_at": c.created_at,
                "url": url,
                "closed": closed,
                "source": source,
            }
            for c, url, closed, source in rows
        ]


def count_rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def thread_count(app) -> int:
    return count_rows(app, Thread)


def site_count(app) -> int:
    return count_rows(app, Site)


def wxr(
    *comments: dict,
    link: str = "https://blog.example.org/a/",
    post: str = "",
    blog: str = "https://blog.example.org",
) -> str:
    """A small WordPress export: one post with these comments (fields as wp:comment_* names).

    `post` adds raw elements to the item (a wp:status, a wp:post_password…)."""
    items = "".join(
        "<wp:comment>"
        + "".join(
            f"<wp:comment_{name}><![CDATA[{value}]]></wp:comment_{name}>"
            for name, value in {"approved": "1", "date_gmt": "2020-01-02 03:04:05", **c}.items()
        )
        + "</wp:comment>"
        for c in comments
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        f"<link>{blog}</link><wp:base_site_url>{blog}</wp:base_site_url>"
        f"<item><title>A</title><link>{link}</link><wp:post_id>7</wp:post_id>{post}"
        f"{items}</item></channel></rss>\n"
    )
