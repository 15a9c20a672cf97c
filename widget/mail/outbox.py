"""Sending the outbox: claim due messages, deliver them, retry with backoff, give up late.

By default every web process runs a sender thread, started on its first request (so
after gunicorn forks, never before) and woken when a request queued mail;
`tertulia mail worker` runs the same loop on its own. The loop runs jobs: the
mail's (`deliver_all_due`, when mail is on) and the webhooks' (webhooks/delivery.py,
which claims from its own table, webhook_deliveries, the same way).
"""

from __future__ import annotations

import atexit
import logging
import os
import secrets
import smtplib
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import event

from widget import storage
from widget.core.backoff import doubling_pause
from widget.storage.models import OutboxMessage, utcnow

from .compose import envelope_sender
from .smtp import PermanentFailure, connect

log = logging.getLogger(__name__)

BATCH = 20
# A claim lasts this long: a sender that died mid-batch leaves its messages to others then.
LEASE = timedelta(minutes=5)
FIRST_PAUSE = timedelta(minutes=1)
LONGEST_PAUSE = timedelta(hours=1)
ERROR_MAX = 500


def pause_after(attempts: int) -> timedelta:
    """1, 2, 4 … minutes after each failed attempt, at most an hour."""
    return doubling_pause(attempts, FIRST_PAUSE, LONGEST_PAUSE)


def deliver_due(now: datetime | None = None) -> int:
    """Claim one batch of due messages and try each once; how many were claimed."""
    now = now or utcnow()
    claim = secrets.token_hex(16)
    ids = storage.claim_due_mail(claim, now, now + LEASE, BATCH)
    if not ids:
        return 0
    messages = list(storage.find_claimed_mail(ids, claim))
    config = current_app.config
    try:
        connection = connect(config["SMTP_URL"], config["SMTP_TIMEOUT"])
    except (OSError, smtplib.SMTPException, ValueError) as exc:
        for message in messages:
            _failed_attempt(message, claim, now, f"cannot connect: {exc}", permanent=False)
        return len(messages)
    try:
        for index, message in enumerate(messages):
            try:
                connection.send(envelope_sender(), message.recipient, message.message)
            except PermanentFailure as exc:
                _failed_attempt(message, claim, now, str(exc), permanent=True)
            except (ValueError, TypeError) as exc:  # a message no server could take: not again
                _failed_attempt(message, claim, now, f"cannot send: {exc}", permanent=True)
            except (OSError, smtplib.SMTPException) as exc:
                _failed_attempt(message, claim, now, str(exc) or type(exc).__name__, False)
                connection_lost = not isinstance(exc, smtplib.SMTPException) or isinstance(
                    exc, smtplib.SMTPServerDisconnected
                )
                if connection_lost:
                    for rest in messages[index + 1 :]:  # the connection is gone: later
                        _failed_attempt(rest, claim, now, "connection lost", permanent=False)
                    break
            else:
                storage.finish_mail(message.id, claim, status="sent", sent_at=utcnow())
    finally:
        connection.close()
    return len(messages)


def _failed_attempt(
    message: OutboxMessage, claim: str, now: datetime, error: str, permanent: bool
) -> None:
    """Queue the message again after a pause, or mark it failed when the time is up."""
    retry_for = timedelta(hours=current_app.config["MAIL_RETRY_HOURS"])
    next_at = now + pause_after(message.attempts)
    if permanent or next_at > message.created_at + retry_for:
        log.warning("Mail %s to %s failed for good: %s", message.id, message.recipient, error)
        storage.finish_mail(message.id, claim, status="failed", error=error[:ERROR_MAX])
    else:
        storage.finish_mail(
            message.id, claim, status="queued", error=error[:ERROR_MAX], next_attempt_at=next_at
        )


def deliver_all_due(now: datetime | None = None) -> int:
    """Deliver batches until none is due; how many messages were tried."""
    total = 0
    while count := deliver_due(now):
        total += count
    return total


Job = Callable[[], int]  # send what is due; how many it tried


class Sender:
    """A background thread of one process that sends the outbox: each job in turn.

    `has_work`: asked at the first request, when given; if it says no, the thread waits
    for the first commit that queues something (webhooks without mail: no endpoint yet).
    """

    def __init__(self, app: Flask, jobs: Sequence[Job], has_work: Callable[[], bool] | None):
        self.app = app
        self.jobs = list(jobs)
        self.has_work = has_work
        self._reset()
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        # A forked child inherits no running thread, and must not inherit locks or pooled
        # connections of its parent either.
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None
        self.idle = False  # looked at the first request: nothing to send yet
        self.pid = os.getpid()
        engine = self.app.extensions.get("tertulia.db", (None,))[0]
        if engine is not None:
            engine.dispose(close=False)

    def ensure_started(self) -> None:
        """Start the thread in this process, once (called before each request)."""
        if self.thread is not None or self.stopping.is_set() or self.idle:
            return
        if self.has_work is not None:
            try:
                work = self.has_work()
            except Exception:  # noqa: BLE001 - the database is away: look at the next request
                log.warning("The outbox sender could not look for work; it looks again later")
                storage.rollback()
                return
            if not work:
                self.idle = True
                return
        self._start()

    def _start(self) -> None:
        with self.lock:
            if self.thread is None and not self.stopping.is_set():
                self.thread = threading.Thread(
                    target=self._run, name="tertulia-outbox-sender", daemon=True
                )
                self.thread.start()
                atexit.register(self.stop)

    def notify(self) -> None:
        """Something was queued: look now rather than at the next poll (start if idle)."""
        if self.thread is None:
            self._start()
        self.wake.set()

    def stop(self, timeout: float = 10) -> None:
        """Finish the current message and end the thread."""
        self.stopping.set()
        self.wake.set()
        thread = self.thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        poll = float(self.app.config["MAIL_POLL_SECONDS"])
        while not self.stopping.is_set():
            self.wake.clear()
            sent = 0
            for job in self.jobs:
                try:
                    with self.app.app_context():
                        sent += job()
                except Exception:  # noqa: BLE001 - the database may be away; try again later
                    log.exception("The outbox sender failed; it tries again in %s s", poll)
            if not sent:
                self.wake.wait(poll)


def install(app: Flask, jobs: Sequence[Job], has_work: Callable[[], bool] | None = None) -> None:
    """Run a sender thread of these jobs in this app's processes (MAIL_SENDER=thread)."""
    sender = Sender(app, jobs, has_work)
    app.extensions["tertulia.mail_sender"] = sender
    app.before_request(sender.ensure_started)
    sessions = app.extensions["tertulia.db"][1]

    @event.listens_for(sessions, "after_commit")
    def wake_sender(session) -> None:
        if session.info.pop("outbox_queued", False):
            sender.notify()  # mail or a webhook delivery was queued by what just committed

    @event.listens_for(sessions, "after_rollback")
    def forget_queued(session) -> None:
        session.info.pop("outbox_queued", None)
