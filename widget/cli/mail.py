"""`flask mail`: send the mail outbox."""

from __future__ import annotations

import signal
import threading

import click
from flask import current_app
from flask.cli import AppGroup

mail_cli = AppGroup("mail", help="Send the mail outbox.")


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
