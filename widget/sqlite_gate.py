"""One SQLite writer at a time on this host, handed on the moment the last one ends.

SQLite lets one transaction write; a second `BEGIN IMMEDIATE` waits in SQLite's busy
handler, which sleeps in growing steps (up to 100 ms) and retries. Under a queue of
posts the lock is then free most of the time while the next writer sleeps. The writers
that take the lock on purpose (`storage.begin_locked`) first queue on a lock file with
flock(2), which wakes the next one as soon as the holder commits or rolls back.
"""

from __future__ import annotations

import fcntl
import os
import threading

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session


class WriterGate:
    """An exclusive lock shared by every process and thread that writes one database file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._threads = threading.Lock()  # flock does not separate threads of one process
        self._fd: int | None = None
        self._pid: int | None = None

    def acquire(self) -> None:
        self._threads.acquire()
        try:
            if self._fd is None or self._pid != os.getpid():  # a forked worker opens its own
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                self._pid = os.getpid()
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise

    def is_held(self) -> bool:
        """Does a writer of this process hold the gate?"""
        return self._threads.locked()

    def release(self) -> None:
        try:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()


_gates: dict[str, WriterGate] = {}
_gates_lock = threading.Lock()


def gate_for(engine: Engine) -> WriterGate | None:
    """The gate of a SQLite database file (None for PostgreSQL or an in-memory database)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    path = os.path.abspath(database) + "-writers.lock"
    with _gates_lock:
        return _gates.setdefault(path, WriterGate(path))


def hold(session: Session, gate: WriterGate) -> None:
    """Take the gate for the session's next transaction; it opens again when that ends."""
    gate.acquire()
    session.info["writer_gate"] = gate


def let_go(session: Session) -> None:
    """Open the gate the session holds, if any (its transaction ended, or never began)."""
    gate = session.info.pop("writer_gate", None)
    if gate is not None:
        gate.release()


@event.listens_for(Session, "after_transaction_end")
def _open_the_gate(session: Session, transaction) -> None:
    if transaction.parent is None:
        let_go(session)
