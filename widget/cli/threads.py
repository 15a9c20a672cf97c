"""`flask threads move`: when an article's URL changes."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from widget.sites import threads

threads_cli = AppGroup("threads", help="Maintain threads: move one whose article's URL changed.")


@threads_cli.command("move")
@click.argument("old_url")
@click.argument("new_url")
def threads_move(old_url: str, new_url: str) -> None:
    """Move the thread of OLD_URL to NEW_URL, merging it into NEW_URL's thread if there is one."""
    try:
        message = threads.move_thread(old_url, new_url)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(message)
