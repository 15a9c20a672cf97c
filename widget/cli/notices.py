"""`flask notices export`: notices of illegal content and their decisions, as JSON."""

from __future__ import annotations

import json

import click
from flask.cli import AppGroup

from widget.moderation import notices

notices_cli = AppGroup("notices", help="Notices of illegal content (EU DSA) and decisions.")


@notices_cli.command("export")
@click.option(
    "--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="File (- = stdout)."
)
def export_notices(output) -> None:
    """Write every notice and its decision as JSON, for transparency reports."""
    json.dump({"notices": notices.export()}, output, ensure_ascii=False, indent=2)
    output.write("\n")
