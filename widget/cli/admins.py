"""`flask admins`: the moderators who may sign in to /admin."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from widget import storage
from widget.accounts import moderators
from widget.i18n import gettext as _

admins_cli = AppGroup("admins", help="Manage the moderators who may sign in to /admin.")


@admins_cli.command("create")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def admins_create(email: str, password_stdin: bool) -> None:
    """Create a moderator account (prompts for the password unless --password-stdin)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        moderator = moderators.create_moderator(email, password)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(_("Moderator {email} created.", email=moderator.email))


@admins_cli.command("list")
def admins_list() -> None:
    """List the moderators and when each last signed in."""
    for moderator in storage.list_moderators():
        last = (
            moderator.last_login_at.isoformat(timespec="minutes")
            if moderator.last_login_at
            else "never"
        )
        click.echo(moderator.email + "\t" + _("last sign-in: {date}", date=last))


@admins_cli.command("delete")
@click.argument("email")
def admins_delete(email: str) -> None:
    """Delete a moderator account; its sessions end at their next request."""
    moderator = storage.find_moderator_by_email(email.strip().lower())
    if moderator is None:
        raise click.ClickException(_("No moderator {email}.", email=email))
    moderators.delete_moderator(moderator)
    click.echo(_("Moderator {email} deleted.", email=email))
