"""`flask privacy`: a commenter's data exported or erased, and the retention prune."""

from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import AppGroup

from widget.i18n import gettext as _
from widget.i18n import ngettext
from widget.privacy import personal_data

privacy_cli = AppGroup("privacy", help="Commenters' data: export, erase, and the retention prune.")


@privacy_cli.command("export")
@click.argument("email")
def privacy_export(email: str) -> None:
    """Print, as JSON, everything stored about the commenter with EMAIL."""
    try:
        data = personal_data.export_personal_data(email)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@privacy_cli.command("erase")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Erase without asking.")
def privacy_erase(email: str, yes: bool) -> None:
    """Delete the comments of EMAIL and every trace of the address (answers replies keep
    their place under "This comment was deleted.")."""
    if not yes:
        click.confirm(_("Erase everything stored about {email}?", email=email), abort=True)
    try:
        summary = personal_data.erase_personal_data(email, by="command line")
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(personal_data.describe(summary))


@privacy_cli.command("prune")
@click.option("--days", type=click.IntRange(min=1), help="Override WIDGET_RETENTION_DAYS.")
def privacy_prune(days: int | None) -> None:
    """Clear networks and browsers of comments older than WIDGET_RETENTION_DAYS."""
    days = days or current_app.config["RETENTION_DAYS"]
    if not days:
        click.echo(_("WIDGET_RETENTION_DAYS is not set: nothing is pruned."))
        return
    cleared = personal_data.prune(int(days))
    click.echo(
        ngettext(
            "Cleared the network and browser of {n} comment older than {days} days.",
            "Cleared the network and browser of {n} comments older than {days} days.",
            cleared,
            days=days,
        )
    )
