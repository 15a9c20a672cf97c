"""Flask commands that move comments in and out: `import`, `export`, `threads move`, `privacy`."""

from __future__ import annotations

import json
import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from widget import importing
from widget.exporting.writer import write_export
from widget.privacy import personal_data
from widget.sites import threads

import_cli = AppGroup("import", help="Import comments from WordPress, Disqus, Isso or our export.")
threads_cli = AppGroup("threads", help="Maintain threads: move one whose article's URL changed.")
privacy_cli = AppGroup("privacy", help="Commenters' data: export, erase, and the retention prune.")


def _run(system: str, file: str, site: str | None, url_map: str | None, dry_run: bool) -> None:
    progress = None
    if sys.stderr.isatty():
        progress = click.progressbar(
            length=importing.file_size(file, system), label=f"Importing {file}", file=sys.stderr
        )
    try:
        report = importing.run_import(
            system,
            file,
            site=site,
            url_map=importing.read_url_map(url_map),
            dry_run=dry_run,
            progress=progress,
        )
    except importing.ImportRefused as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("\n".join(report.lines()))


def _import_command(system: str, what: str) -> None:
    @import_cli.command(system, help=f"Import {what} from FILE.")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    @click.option("--site", metavar="ORIGIN", help="Move every link onto this registered site.")
    @click.option(
        "--url-map", type=click.Path(exists=True, dir_okay=False), help="CSV of old_url,new_url."
    )
    @click.option("--dry-run", is_flag=True, help="Print the report; store nothing.")
    def command(file: str, site: str | None, url_map: str | None, dry_run: bool) -> None:
        _run(system, file, site, url_map, dry_run)


_import_command("wordpress", "a WordPress export (WXR 1.0, 1.1 or 1.2)")
_import_command("disqus", "a Disqus export (XML)")
_import_command("isso", "Isso's generic JSON")


@import_cli.command("tertulia")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Print the report; store nothing.")
def import_tertulia(file: str, dry_run: bool) -> None:
    """Import our own export (from `flask --app app export`) from FILE."""
    _run("tertulia", file, None, None, dry_run)


@click.command("export")
@with_appcontext
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
def export(file: str) -> None:
    """Write every site, thread and comment to FILE (`-` for standard output) as JSON."""
    if file == "-":
        write_export(sys.stdout)
        return
    with open(file, "w", encoding="utf-8") as out:
        counts = write_export(out)
    click.echo(
        f"Exported {counts['sites']} sites, {counts['threads']} threads, "
        f"{counts['comments']} comments to {file}."
    )


@threads_cli.command("move")
@click.argument("old_url")
@click.argument("new_url")
def threads_move(old_url: str, new_url: str) -> None:
    """Move the thread of OLD_URL to NEW_URL, merging it into NEW_URL's thread if there is one."""
    try:
        message = threads.move_thread(old_url, new_url)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(message)


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
        click.confirm(f"Erase everything stored about {email}?", abort=True)
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
        click.echo("WIDGET_RETENTION_DAYS is not set: nothing is pruned.")
        return
    cleared = personal_data.prune(int(days))
    click.echo(f"Cleared the network and browser of {cleared} comments older than {days} days.")


def register(app: Flask) -> None:
    app.cli.add_command(import_cli)
    app.cli.add_command(export)
    app.cli.add_command(threads_cli)
    app.cli.add_command(privacy_cli)
