"""`flask mail`: send the mail outbox."""

from __future__ import annotations

import signal
import threading

import click
from flask import current_app
from flask.cli import AppGroup

from widget.i18n import gettext as _
from widget.i18n import ngettext

mail_cli = AppGroup("mail", help="Send the outbox: mail, and webhook deliveries.")


@mail_cli.command("worker")
@click.option("--once", is_flag=True, help="Send what is due now, then exit.")
def mail_worker(once: bool) -> None:
    """Send queued mail and webhook deliveries until stopped (SIGTERM or Ctrl-C end it after
    the current message)."""
    from widget.mail import notifications, outbox
    from widget.webhooks import delivery

    mail_on = notifications.enabled()
    if not mail_on:
        click.echo(_("Mail is off (set WIDGET_SMTP_URL and WIDGET_PUBLIC_URL): webhooks only."))
    jobs = [outbox.deliver_all_due] if mail_on else []
    jobs.append(delivery.deliver_all_due)
    if once:
        mail = outbox.deliver_all_due() if mail_on else 0
        hooks = delivery.deliver_all_due()
        click.echo(
            _(
                "Tried {messages} and {deliveries}.",
                messages=ngettext("{n} message", "{n} messages", mail),
                deliveries=ngettext("{n} webhook delivery", "{n} webhook deliveries", hooks),
            )
        )
        return
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    poll = float(current_app.config["MAIL_POLL_SECONDS"])
    click.echo(
        _(
            "Sending the outbox; looking for due messages every {seconds} s.",
            seconds=format(poll, "g"),
        )
    )
    while not stopping.is_set():
        if not sum(job() for job in jobs):
            stopping.wait(poll)
    click.echo(_("Mail worker stopped."))
