"""`flask export`: every site, thread and comment as one JSON document."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from widget.exporting.writer import write_export


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
