"""`flask sites`: register the sites whose pages may embed comments."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from widget import storage
from widget.sites import editing as site_editing
from widget.storage.models import MODERATION_MODES

sites_cli = AppGroup("sites", help="Register the sites whose pages may embed comments.")


@sites_cli.command("add")
@click.argument("origins", nargs=-1, required=True)
@click.option("--name", default="", help="A name for the site (default: its first origin).")
@click.option(
    "--moderation",
    type=click.Choice(MODERATION_MODES),
    default="none",
    show_default=True,
    help="none: publish at once; first: hold a commenter's first comment; all: hold all.",
)
def sites_add(origins: tuple[str, ...], name: str, moderation: str) -> None:
    """Register a site and the ORIGINS (https://blog.example.org) allowed to embed it."""
    try:
        site = site_editing.register_site(name, list(origins), moderation)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"Site {site.id} '{site.name}' ({site.moderation}): "
        + " ".join(o.origin for o in site.origins)
    )


@sites_cli.command("list")
def sites_list() -> None:
    """List the sites with their origins and moderation mode."""
    for site in storage.list_sites():
        origins = " ".join(o.origin for o in site.origins)
        click.echo(f"{site.id}\t{site.name}\t{site.moderation}\t{origins}")
