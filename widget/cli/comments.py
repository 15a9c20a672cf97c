"""`flask comments`: maintain stored comments."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from widget import storage
from widget.comments.rendering import render_comment
from widget.i18n import ngettext

comments_cli = AppGroup("comments", help="Maintain stored comments.")


@comments_cli.command("rerender")
@click.option("--batch", default=500, show_default=True, help="Comments per transaction.")
def comments_rerender(batch: int) -> None:
    """Render every comment's HTML again from its text (after a change of the rules)."""
    last_id, changed, seen = 0, 0, 0
    while comments := storage.comments_after(last_id, batch):
        threads: set[int] = set()
        for comment in comments:
            html = render_comment(comment.text, comment.markup)
            if html != comment.html:
                comment.html = html
                changed += 1
                threads.add(comment.thread_id)
        seen += len(comments)
        last_id = comments[-1].id
        # ---- read-model bookkeeping: cached pages of these threads are stale ----
        for thread_id in sorted(threads):
            storage.thread_changed(thread_id)
        storage.commit()
    click.echo(
        ngettext(
            "Rendered {n} comment again; {changed} changed.",
            "Rendered {n} comments again; {changed} changed.",
            seen,
            changed=changed,
        )
    )
