"""Flask commands: `db`, `sites`, `admins`, `comments`, `mail`, `settings` (and `demo`, from
demo.py; `import`, `export`, `threads`, `privacy`, from data.py)."""

from __future__ import annotations

import signal
import sys
import threading

import click
from alembic import command as alembic_command
from flask import Flask, current_app
from flask.cli import AppGroup

from widget import storage
from widget.accounts import moderators
from widget.comments.rendering import render_comment
from widget.extensions import db
from widget.settings import settings_table
from widget.sites import registry as site_service
from widget.storage import database as database
from widget.storage.models import MODERATION_MODES

db_cli = AppGroup("db", help="Create and upgrade the database schema (Alembic).")
sites_cli = AppGroup("sites", help="Register the sites whose pages may embed comments.")
comments_cli = AppGroup("comments", help="Maintain stored comments.")
admins_cli = AppGroup("admins", help="Manage the moderators who may sign in to /admin.")
mail_cli = AppGroup("mail", help="Send the mail outbox.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    database.upgrade(db.engine, revision)
    click.echo(f"Database at revision {revision}.")


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Revert migrations down to REVISION (`base` empties the schema)."""
    database.downgrade(db.engine, revision)
    click.echo(f"Database at revision {revision}.")


@db_cli.command("revision")
@click.option("-m", "--message", required=True, help="What the migration does.")
def db_revision(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    alembic_command.revision(database.alembic_config(db.engine), message=message, autogenerate=True)


@db_cli.command("backup")
@click.argument("file", type=click.Path(dir_okay=False))
def db_backup(file: str) -> None:
    """Copy a SQLite database to FILE consistently, while the service runs."""
    try:
        pages = database.backup(db.engine, file)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backed up {pages} pages to {file}.")


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
def sites_add(origins: tuple[str, ...], name: str, moderation: str) -> None:
    """Register a site and the ORIGINS (https://blog.example.org) allowed to embed it."""
    try:
        site = site_service.register_site(name, list(origins), moderation)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"Site {site.id} '{site.name}' ({site.moderation}): "
        + " ".join(o.origin for o in site.origins)
    )


@sites_cli.command("list")
def sites_list() -> None:
    """List the sites with their origins and moderation mode."""
    for site in storage.list_sites():
        origins = " ".join(o.origin for o in site.origins)
        click.echo(f"{site.id}\t{site.name}\t{site.moderation}\t{origins}")


@admins_cli.command("create")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def admins_create(email: str, password_stdin: bool) -> None:
    """Create a moderator account (prompts for the password unless --password-stdin)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        moderator = moderators.create_moderator(email, password)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Moderator {moderator.email} created.")


@admins_cli.command("list")
def admins_list() -> None:
    """List the moderators and when each last signed in."""
    for moderator in storage.list_moderators():
        last = (
            moderator.last_login_at.isoformat(timespec="minutes")
            if moderator.last_login_at
            else "never"
        )
        click.echo(f"{moderator.email}\tlast sign-in: {last}")


@admins_cli.command("delete")
@click.argument("email")
def admins_delete(email: str) -> None:
    """Delete a moderator account; its sessions end at their next request."""
    moderator = storage.find_moderator_by_email(email.strip().lower())
    if moderator is None:
        raise click.ClickException(f"No moderator {email}.")
    moderators.delete_moderator(moderator)
    click.echo(f"Moderator {email} deleted.")


@comments_cli.command("rerender")
@click.option("--batch", default=500, show_default=True, help="Comments per transaction.")
def comments_rerender(batch: int) -> None:
    """Render every comment's HTML again from its text (after a change of the rules)."""
    last_id, changed, seen = 0, 0, 0
    while comments := storage.comments_after(last_id, batch):
        threads: set[int] = set()
        for comment in comments:
            html = render_comment(comment.text, comment.markup)
            if html != comment.html:
                comment.html = html
                changed += 1
                threads.add(comment.thread_id)
        seen += len(comments)
        last_id = comments[-1].id
        # ---- read-model bookkeeping: cached pages of these threads are stale ----
        for thread_id in sorted(threads):
            storage.thread_changed(thread_id)
        storage.commit()
    click.echo(f"Rendered {seen} comments again; {changed} changed.")


@mail_cli.command("worker")
@click.option("--once", is_flag=True, help="Send what is due now, then exit.")
def mail_worker(once: bool) -> None:
    """Send queued mail until stopped (SIGTERM or Ctrl-C end it after the current message)."""
    from widget.mail import notifications, outbox

    if not notifications.enabled():
        raise click.ClickException("Mail is off: set WIDGET_SMTP_URL and WIDGET_PUBLIC_URL.")
    if once:
        click.echo(f"Tried {outbox.deliver_all_due()} messages.")
        return
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    poll = float(current_app.config["MAIL_POLL_SECONDS"])
    click.echo(f"Sending mail; looking for due messages every {poll:g} s.")
    while not stopping.is_set():
        if not outbox.deliver_all_due():
            stopping.wait(poll)
    click.echo("Mail worker stopped.")


@click.command("settings")
def settings() -> None:
    """Print every setting with its default and help, as README's table."""
    click.echo(settings_table())


def register(app: Flask) -> None:
    from widget.demo.site import demo_command

    from . import data

    data.register(app)

    app.cli.add_command(demo_command)
    app.cli.add_command(db_cli)
    app.cli.add_command(admins_cli)
    app.cli.add_command(comments_cli)
    app.cli.add_command(mail_cli)
    app.cli.add_command(sites_cli)
    app.cli.add_command(settings)
    from .notices import notices_cli

    app.cli.add_command(notices_cli)
