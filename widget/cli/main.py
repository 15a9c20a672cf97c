"""`tertulia`: the service's commands, the same as `flask --app app …`, from any folder.

Installed into the virtual environment as a console script (pyproject.toml
[project.scripts]); `. .venv/bin/activate` puts it on the PATH.
"""

from __future__ import annotations

from flask.cli import FlaskGroup


def _create_app():
    from widget import create_app

    return create_app()


cli = FlaskGroup(
    name="tertulia",
    create_app=_create_app,
    help="Tertulia's commands: db, sites, admins, comments, mail, settings, import, export, "
    "threads, privacy, notices, demo. Configured by WIDGET_* variables, as the service.",
)


def main() -> None:
    cli.main(prog_name="tertulia")
