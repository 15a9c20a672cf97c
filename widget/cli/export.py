"""`flask export`: every site, thread and comment as one JSON document."""

from __future__ import annotations

import os
import sys
import tempfile

import click
from flask.cli import with_appcontext

from widget.exporting.writer import write_export
from widget.i18n import gettext as _
from widget.i18n import ngettext


@click.command("export")
@with_appcontext
# A plain path: click would answer a folder with its usage text and exit 2, not one line.
@click.argument("file")
def export(file: str) -> None:
    """Write every site, thread and comment to FILE (`-` for standard output) as JSON."""
    if file == "-":
        write_export(sys.stdout)
        return
    if os.path.isdir(file):
        raise click.ClickException(
            _("Cannot write {file}: it is a folder; give a file name.", file=file)
        )
    folder = os.path.dirname(os.path.abspath(file))
    if not os.path.isdir(folder):
        raise click.ClickException(
            _("Cannot write {file}: the folder {folder} does not exist.", file=file, folder=folder)
        )
    # Into a file beside it, renamed when complete: a failed export leaves nothing behind,
    # and an earlier export of the same name stays whole until the new one is.
    try:
        handle, partial = tempfile.mkstemp(prefix=f".{os.path.basename(file)}.", dir=folder)
    except OSError as exc:
        raise click.ClickException(
            _("Cannot write {file}: {error}.", file=file, error=exc.strerror)
        ) from exc
    try:
        with open(handle, "w", encoding="utf-8") as out:
            counts = write_export(out)
        os.chmod(partial, 0o600)  # it holds emails and addresses
        os.replace(partial, file)
    except OSError as exc:
        raise click.ClickException(
            _("Cannot write {file}: {error}.", file=file, error=exc.strerror)
        ) from exc
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    click.echo(
        _(
            "Exported {sites}, {threads}, {comments} to {file}.",
            sites=ngettext("{n} site", "{n} sites", counts["sites"]),
            threads=ngettext("{n} thread", "{n} threads", counts["threads"]),
            comments=ngettext("{n} comment", "{n} comments", counts["comments"]),
            file=file,
        )
    )
