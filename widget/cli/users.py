"""`flask users`: a site's verified commenters (issue 23), erased when the site deletes an
account."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from widget import storage
from widget.core.urls import normalize_origin
from widget.i18n import gettext as _
from widget.privacy import personal_data

users_cli = AppGroup("users", help="A site's verified commenters (signed in with its accounts).")


@users_cli.command("erase")
@click.argument("origin")
@click.argument("external_id")
@click.option("--yes", is_flag=True, help="Erase without asking.")
def users_erase(origin: str, external_id: str, yes: bool) -> None:
    """Erase the verified commenter EXTERNAL_ID (the site's user id, `sub`) of the site that
    has ORIGIN: their comments (replies keep their place) and their profile."""
    try:
        site = storage.find_site_by_origin(normalize_origin(origin))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    user = site and storage.find_site_user(site.id, external_id)
    if user is None:
        raise click.ClickException(
            _("{origin} has no verified commenter {user}.", origin=origin, user=repr(external_id))
        )
    if not yes:
        click.confirm(
            _("Erase {user} of {site} and their comments?", user=external_id, site=site.name),
            abort=True,
        )
    summary = personal_data.erase_site_user(user, by="command line")
    click.echo(personal_data.describe(summary))
