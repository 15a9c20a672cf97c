"""`flask settings`: every setting with its default and help."""

from __future__ import annotations

import click

from widget.moderation.prescreen import availability
from widget.settings import settings_table


@click.command("settings")
def settings() -> None:
    """Print every setting with its default and help, as README's table, and whether the
    optional pre-screen can be turned on here."""
    click.echo(settings_table())
    click.echo()
    click.echo(availability())
