"""`tertulia prescreen`: prepare the local pre-screen's models, try it on a text."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from widget.i18n import gettext as _
from widget.moderation import prescreen

prescreen_cli = AppGroup("prescreen", help="The local pre-screen of toxicity and language.")


def _parent() -> Path:
    folder = current_app.config["PRESCREEN_FOLDER"]
    return Path(folder or Path(current_app.instance_path) / "prescreen")


@prescreen_cli.command("prepare")
def prepare() -> None:
    """Read the installed models once into compact files (in a subprocess)."""
    missing = prescreen.missing_packages()
    if missing:
        raise click.ClickException(prescreen.availability())
    click.echo(_("Prepared: {folder}", folder=prescreen.prepared_folder(_parent())))


@prescreen_cli.command("score")
@click.argument("text")
def score(text: str) -> None:
    """Print the language and toxicity the pre-screen gives TEXT (WIDGET_PRESCREEN on)."""
    found = prescreen.screen(text)
    if found is None:
        raise click.ClickException(_("The pre-screen is off (WIDGET_PRESCREEN)."))
    language = found.language or _("too short to tell")
    if found.language_sure:
        click.echo(_("language: {language}", language=language))
    else:
        click.echo(_("language: {language} (unsure)", language=language))
    click.echo(
        _("toxicity: {score} ({model})", score=format(found.toxicity, ".2f"), model=found.model)
    )
