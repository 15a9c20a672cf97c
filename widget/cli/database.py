"""`flask db`: create, upgrade and back up the database schema (Alembic)."""

from __future__ import annotations

import click
from alembic import command as alembic_command
from flask.cli import AppGroup

from widget.i18n import gettext as _
from widget.i18n import ngettext
from widget.storage import database
from widget.storage.database import db
from widget.webhooks.endpoints import seal_stored_urls

db_cli = AppGroup("db", help="Create and upgrade the database schema (Alembic).")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    database.upgrade(db.engine, revision)
    click.echo(_("Database at revision {revision}.", revision=revision))
    if revision == "head" and (sealed := seal_stored_urls()):
        click.echo(
            ngettext(
                "Sealed the URL of {n} webhook endpoint.",
                "Sealed the URLs of {n} webhook endpoints.",
                sealed,
            )
        )


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Revert migrations down to REVISION (`base` empties the schema)."""
    database.downgrade(db.engine, revision)
    click.echo(_("Database at revision {revision}.", revision=revision))


@db_cli.command("revision")
@click.option("-m", "--message", required=True, help="What the migration does.")
def db_revision(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    alembic_command.revision(database.alembic_config(db.engine), message=message, autogenerate=True)


@db_cli.command("backup")
@click.argument("file")  # a folder is answered in one line by `backup`, not click's usage
def db_backup(file: str) -> None:
    """Copy a SQLite database to FILE consistently, while the service runs."""
    try:
        pages = database.backup(db.engine, file)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        ngettext(
            "Backed up {n} page to {file}.", "Backed up {n} pages to {file}.", pages, file=file
        )
    )
