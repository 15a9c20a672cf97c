"""Transactions that serialise the writers of one key, so counted limits stay exact."""

from __future__ import annotations

import hashlib

from sqlalchemy import text

from .database import begin_writing, db


def _lock_id(key: str) -> int:
    """A signed 64-bit number for PostgreSQL's advisory locks."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)


def begin_locked(*keys: str) -> None:
    """Begin the use case's transaction, holding a lock on each key until it ends.

    SQLite: BEGIN IMMEDIATE, one writer at a time for the whole database. PostgreSQL:
    a transaction-scoped advisory lock per key, taken in one order (no deadlocks), so
    two posts from one address wait for each other while other writers go on.
    """
    session = db.session
    begin_writing(session)
    if session.get_bind().dialect.name == "postgresql" and keys:
        # One statement; PostgreSQL evaluates the list left to right, so every writer
        # takes its locks in the same (sorted) order and none waits on another in a cycle.
        ids = sorted({_lock_id(key) for key in keys})
        locks = ", ".join(f"pg_advisory_xact_lock(:k{n})" for n in range(len(ids)))
        session.execute(text(f"SELECT {locks}"), {f"k{n}": i for n, i in enumerate(ids)})


def commit() -> None:
    """End the use case's transaction: everything it added is stored, or nothing."""
    db.session.commit()


def rollback() -> None:
    db.session.rollback()
