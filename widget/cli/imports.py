"""`flask import`: comments from WordPress, Disqus, Isso, Remark42, Commento or our own export."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from widget import importing
from widget.i18n import gettext as _

import_cli = AppGroup(
    "import", help="Import comments from WordPress, Disqus, Isso, Remark42, Commento or our export."
)


def _run(
    system: str, file: str, site: str | None, url_map: str | None, dry_run: bool, **options
) -> None:
    progress = None
    if sys.stderr.isatty():
        progress = click.progressbar(
            length=importing.file_size(file, system),
            label=_("Importing {file}", file=file),
            file=sys.stderr,
        )
    try:
        report = importing.run_import(
            system,
            file,
            site=site,
            url_map=importing.read_url_map(url_map),
            dry_run=dry_run,
            progress=progress,
            **options,
        )
    except importing.ImportRefused as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("\n".join(report.lines()))


def _protected_option(system: str):
    if system != "wordpress":
        return lambda command: command
    return click.option(
        "--include-protected",
        is_flag=True,
        help="Take comments of posts with a password, private or drafts as they are "
        "(by default they are held for a moderator).",
    )


def _import_command(system: str, what: str) -> None:
    @import_cli.command(system, help=f"Import {what} from FILE.")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    @click.option("--site", metavar="ORIGIN", help="Move every link onto this registered site.")
    @click.option(
        "--url-map", type=click.Path(exists=True, dir_okay=False), help="CSV of old_url,new_url."
    )
    @click.option(
        "--source",
        "source_name",
        metavar="NAME",
        help="Name the install the file comes from (instead of what the file says): ids "
        "are remembered with it, so importing the same install again adds nothing.",
    )
    @_protected_option(system)
    @click.option("--dry-run", is_flag=True, help="Print the report; store nothing.")
    def command(file: str, site: str | None, url_map: str | None, dry_run: bool, **options):
        _run(system, file, site, url_map, dry_run, **options)


_import_command("wordpress", "a WordPress export (WXR 1.0, 1.1 or 1.2)")
_import_command("disqus", "a Disqus export (XML)")
_import_command("isso", "Isso's comments.db (SQLite), or its generic JSON,")
_import_command("remark42", "a Remark42 backup (`remark42 backup`, gzipped or not)")
_import_command("commento", "a Commento or Comentario export (JSON, gzipped or not)")


@import_cli.command("tertulia")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Print the report; store nothing.")
def import_tertulia(file: str, dry_run: bool) -> None:
    """Import our own export (from `tertulia export`) from FILE."""
    _run("tertulia", file, None, None, dry_run)
