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
        self._owner: int | None = None
        self._fd: int | None = None
        self._pid: int | None = None

    def acquire(self) -> bool:
        """Wait for the gate; False (go on ungated) when this thread holds it already
        (a second session of one thread) or the lock file cannot be opened: SQLite's
        own lock, with its busy timeout, still keeps writers apart."""
        if self._owner == threading.get_ident():
            return False
        self._threads.acquire()
        try:
            if self._fd is None or self._pid != os.getpid():  # a forked worker opens its own
                # Read-only is enough for flock, so a lock file made by another user (a
                # command run as root) does not lock the service out.
                self._fd = os.open(self.path, os.O_RDONLY | os.O_CREAT, 0o644)
                self._pid = os.getpid()
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        except OSError:
            self._threads.release()
            return False
        except BaseException:
            self._threads.release()
            raise
        self._owner = threading.get_ident()
        return True

    def is_held(self) -> bool:
        """Does a writer of this process hold the gate?"""
        return self._threads.locked()

    def release(self) -> None:
        self._owner = None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def forget_after_fork(self) -> None:
        """In a new child process: nothing is held, the parent's descriptor is not ours."""
        self._threads = threading.Lock()
        self._owner = None
        if self._fd is not None:
            os.close(self._fd)
        self._fd = self._pid = None


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
    if gate.acquire():
        session.info["writer_gate"] = gate


def _after_fork_in_child() -> None:
    # A fork while another thread held a gate must not leave the child waiting forever.
    global _gates_lock
    _gates_lock = threading.Lock()
    for gate in _gates.values():
        gate.forget_after_fork()


os.register_at_fork(after_in_child=_after_fork_in_child)


def let_go(session: Session) -> None:
    """Open the gate the session holds, if any (its transaction ended, or never began)."""
    gate = session.info.pop("writer_gate", None)
    if gate is not None:
        gate.release()


@event.listens_for(Session, "after_transaction_end")
def _open_the_gate(session: Session, transaction) -> None:
    if transaction.parent is None:
        let_go(session)
