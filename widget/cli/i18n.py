"""`flask i18n`: extract the strings, update the catalogues, build what the service reads."""

from __future__ import annotations

import gzip
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from widget.i18n import LANGUAGES, build

i18n_cli = AppGroup("i18n", help="Translations: extract, update, build (docs/translating.md).")


@i18n_cli.command("extract")
def extract_command() -> None:
    """Write widget/translations/messages.pot from the code, templates and widget."""
    catalog = build.extract()
    build.write_template(catalog)
    click.echo(f"{len(catalog)} strings in {build.TEMPLATE.relative_to(build.ROOT)}")


@i18n_cli.command("update")
@click.argument("languages", nargs=-1)
def update_command(languages: tuple[str, ...]) -> None:
    """Extract, then bring each language's .po up to the template (new ones are created)."""
    catalog = build.extract()
    build.write_template(catalog)
    for language in languages or LANGUAGES[1:]:
        path = build.update(language, catalog)
        click.echo(f"updated {path.relative_to(build.ROOT)}")


@i18n_cli.command("build")
def build_command() -> None:
    """Compile the catalogues (.mo) and write the widget's static/i18n/<lang>.json."""
    out = Path(current_app.static_folder) / "i18n"
    sizes = build.build(out, current_app.config.get("TRANSLATIONS_PATH"))
    for name, size in sizes.items():
        packed = len(gzip.compress((out / name).read_bytes(), 9, mtime=0))
        click.echo(f"static/i18n/{name}: {size} B, {packed} B gzip")
