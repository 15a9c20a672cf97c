"""`flask settings`: every setting with its default and help."""

from __future__ import annotations

import click

from widget.settings import settings_table


@click.command("settings")
def settings() -> None:
    """Print every setting with its default and help, as README's table."""
    click.echo(settings_table())
