"""`flask sites`: register the sites whose pages may embed comments."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from widget import storage
from widget.core.urls import normalize_origin
from widget.i18n import gettext as _
from widget.i18n import pgettext
from widget.identity import sso_secret
from widget.sites import editing as site_editing
from widget.storage.models import MODERATION_MODES, WHO_MAY_COMMENT, Site

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
@click.option(
    "--who-may-comment",
    type=click.Choice(WHO_MAY_COMMENT),
    default="everyone",
    show_default=True,
    help="everyone: guests too; verified: signed-in readers (SSO or email); sso: SSO only.",
)
def sites_add(origins: tuple[str, ...], name: str, moderation: str, who_may_comment: str) -> None:
    """Register a site and the ORIGINS (https://blog.example.org) allowed to embed it."""
    try:
        site = site_editing.register_site(
            name, list(origins), moderation, who_may_comment=who_may_comment
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        _(
            "Site {id} '{site}' (moderation: {moderation}): {origins}",
            id=site.id,
            site=site.name,
            moderation=site.moderation,
            origins=" ".join(o.origin for o in site.origins),
        )
    )


@sites_cli.command("list")
def sites_list() -> None:
    """List the sites with their origins and moderation mode."""
    for site in storage.list_sites():
        origins = " ".join(o.origin for o in site.origins)
        click.echo(f"{site.id}\t{site.name}\t{site.moderation}\t{origins}")


def _site_of(origin: str) -> Site:
    try:
        site = storage.find_site_by_origin(normalize_origin(origin))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    if site is None:
        raise click.ClickException(
            _("No site has the origin {origin}; see `sites list`.", origin=origin)
        )
    return site


@sites_cli.command("edit")
@click.argument("origin")
@click.option("--who-may-comment", type=click.Choice(WHO_MAY_COMMENT), default=None)
@click.option("--moderation", type=click.Choice(MODERATION_MODES), default=None)
@click.option(
    "--prescreen/--no-prescreen",
    default=None,
    help="Score comments for toxicity and language (needs WIDGET_PRESCREEN on the server).",
)
@click.option(
    "--toxicity-threshold",
    type=float,
    default=None,
    help="Ask to reconsider, then hold, from this score (0.05 to 1; 0.8: clearly offensive).",
)
@click.option(
    "--languages",
    default=None,
    help='The site\'s languages ("en es"; "" for any): a comment surely in another is held.',
)
def sites_edit(origin: str, **changes) -> None:
    """Change the settings of the site that has ORIGIN."""
    site = _site_of(origin)
    try:
        site_editing.change_site_settings(
            site, **{name: value for name, value in changes.items() if value is not None}
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        _(
            "Site {id} '{site}': moderation {moderation}, who may comment: {who}",
            id=site.id,
            site=site.name,
            moderation=site.moderation,
            who=site.who_may_comment,
        )
    )
    if site.prescreen:
        click.echo(
            _(
                "Pre-screen on: threshold {threshold}, languages {languages}",
                threshold=format(site.toxicity_threshold, "g"),
                languages=site.languages or pgettext("languages", "any"),
            )
        )
    else:
        click.echo(_("Pre-screen off"))
    if site.prescreen and not current_app.config["PRESCREEN"]:
        click.echo(
            _("The server's pre-screen is off (WIDGET_PRESCREEN): this applies once it is on.")
        )


@sites_cli.command("sso")
@click.argument("origin")
@click.option("--rotate", is_flag=True, help="Make a new secret; the old one works 30 days more.")
def sites_sso(origin: str, rotate: bool) -> None:
    """Print the SSO secret of the site that has ORIGIN (made the first time).

    The site's backend signs its readers' tokens (JWT, HS256) with it; keep it secret.
    """
    site = _site_of(origin)
    shown = sso_secret.ensure_secret(site, rotate=rotate)
    made = shown.created_at.date().isoformat() if shown.created_at else "?"
    click.echo(shown.current + "\t" + _("(since {date})", date=made))
    if shown.previous and shown.previous_until:
        until = shown.previous_until.date().isoformat()
        click.echo(shown.previous + "\t" + _("(previous, valid until {date})", date=until))
