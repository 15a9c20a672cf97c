"""`tertulia tokens`: a site's API tokens for its CMS (create, list, revoke)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from widget import storage
from widget.core.urls import normalize_origin
from widget.i18n import gettext as _
from widget.i18n import pgettext
from widget.sites import tokens
from widget.storage.models import TOKEN_SCOPES

tokens_cli = AppGroup("tokens", help="API tokens a site's CMS uses (story settings, comments).")


@tokens_cli.command("create")
@click.argument("origin")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    help=f"What the token may do (repeat for several): {', '.join(TOKEN_SCOPES)}.",
)
@click.option("--note", default="", help="What it is for (shown on the site page).")
def tokens_create(origin: str, scopes: tuple[str, ...], note: str) -> None:
    """Create a token for the site of ORIGIN; prints it once (only its hash is kept)."""
    split = [part for scope in scopes for part in scope.replace(",", " ").split()]
    try:
        minted = tokens.create_token(origin, split, note)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    row = minted.row
    click.echo(
        _(
            "Token {id} ({scopes}); shown this once, keep it in the CMS:",
            id=row.id,
            scopes=row.scopes,
        )
    )
    click.echo(minted.token)


@tokens_cli.command("list")
@click.argument("origin", required=False)
def tokens_list(origin: str | None) -> None:
    """Every token (or ORIGIN's site's): id, start, scopes, last use; never the token."""
    site_id = None
    if origin:
        site = storage.find_site_by_origin(normalize_origin(origin))
        if site is None:
            raise click.ClickException(_("No site has the origin {origin}.", origin=origin))
        site_id = site.id
    for row in storage.list_api_tokens(site_id):
        if row.revoked_at:
            state = _("revoked {date}", date=row.revoked_at.date().isoformat())
        else:
            state = pgettext("token", "active")
        used = f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else _("never")
        note = f"  {row.note}" if row.note else ""
        click.echo(
            _(
                "{id}  {prefix}…  site {site_id}  {scopes}  {state}  last used {used}",
                id=row.id,
                prefix=row.hint,
                site_id=row.site_id,
                scopes=row.scopes,
                state=state,
                used=used,
            )
            + note
        )


@tokens_cli.command("revoke")
@click.argument("token_id", type=int)
def tokens_revoke(token_id: int) -> None:
    """Revoke token TOKEN_ID for good."""
    row = storage.find_api_token(token_id)
    if row is None:
        raise click.ClickException(_("There is no token {id}.", id=token_id))
    tokens.revoke_token(None, row)
    click.echo(_("Revoked token {id} ({prefix}…).", id=row.id, prefix=row.hint))
