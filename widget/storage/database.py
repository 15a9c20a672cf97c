"""Database engine, the per-request session, and Alembic migrations."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from widget.i18n import _

from . import sqlite_gate

MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers work while one writer writes; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine with the settings each backend needs."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def begin_writing(session: Session) -> None:
    """Start a fresh transaction that holds SQLite's write lock from its first statement.

    Whatever the session read before is committed first (objects stay loaded). SQLite:
    BEGIN IMMEDIATE takes the database's write lock at once (waiting up to busy_timeout),
    so the checks a use case runs before its insert see every earlier writer's rows.
    Elsewhere the sqlite3 module keeps its own habit (a deferred BEGIN just before the
    first write), which never has to upgrade a read snapshot to a write under load.
    On PostgreSQL this is a plain transaction; `storage.begin_locked` adds its locks.
    There, a transaction that has only read goes on instead: at read committed every
    statement after the locks sees every commit made before them, and ending it would
    cost a COMMIT and a fresh connection's ping on each post.
    """
    if session.get_bind().dialect.name == "postgresql" and not _has_written(session):
        return
    session.commit()
    gate = sqlite_gate.gate_for(session.get_bind())
    if gate is not None:  # queue on the host's gate first: handed on at once (sqlite_gate.py)
        sqlite_gate.hold(session, gate)
    try:
        connection = session.connection()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    except BaseException:
        sqlite_gate.let_go(session)
        raise


def _has_written(session: Session) -> bool:
    """Has the session's transaction anything to commit (flushed, pending, or a DML)?"""
    return bool(session.info.get("wrote") or session.new or session.dirty or session.deleted)


@event.listens_for(Session, "after_flush")
def _note_flush(session: Session, _context) -> None:
    session.info["wrote"] = True


@event.listens_for(Session, "do_orm_execute")
def _note_dml(state) -> None:
    if not state.is_select:
        state.session.info["wrote"] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_writes(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop("wrote", None)


class Database:
    """Engine and session factory of one app; a session lives for one app context."""

    def init_app(self, app: Flask) -> None:
        engine = make_engine(app.config["DATABASE_URL"])
        app.extensions["tertulia.db"] = (engine, sessionmaker(engine, expire_on_commit=False))
        app.teardown_appcontext(self._close_session)

    @property
    def engine(self) -> Engine:
        return current_app.extensions["tertulia.db"][0]

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            g.db_session = current_app.extensions["tertulia.db"][1]()
        return g.db_session

    @staticmethod
    def _close_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


def alembic_config(engine: Engine) -> AlembicConfig:
    """Alembic configuration pointing at our migrations, sharing the app's engine."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to `revision`."""
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Revert migrations down to `revision`."""
    command.downgrade(alembic_config(engine), revision)


def backup(engine: Engine, path: str) -> int:
    """Copy a SQLite database to `path` with SQLite's online backup API (consistent while
    others write); returns the pages copied. ValueError on PostgreSQL or an existing file."""
    if engine.dialect.name != "sqlite":
        raise ValueError(
            _(
                "The database is PostgreSQL: back it up with pg_dump "
                "(pg_dump --format=custom --file=tertulia.dump DBNAME)."
            )
        )
    target = Path(path)
    if target.is_dir():
        raise ValueError(_("Cannot write {file}: it is a folder; give a file name.", file=path))
    if target.exists():
        raise ValueError(_("{file} exists already; give a new file name.", file=path))
    if not target.parent.is_dir():
        raise ValueError(
            _(
                "Cannot write {file}: the folder {folder} does not exist.",
                file=path,
                folder=str(target.parent),
            )
        )
    import sqlite3
    import tempfile

    # Into a file beside it, renamed when complete: a failed backup leaves nothing behind.
    try:
        handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise ValueError(_("Cannot write {file}: {error}.", file=path, error=exc.strerror)) from exc
    os.close(handle)
    raw = engine.raw_connection()
    try:
        destination = sqlite3.connect(partial)
        try:
            raw.driver_connection.backup(destination)
            pages = destination.execute("PRAGMA page_count").fetchone()[0]
        finally:
            destination.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ValueError(_("Cannot write {file}: {error}.", file=path, error=reason)) from exc
    finally:
        raw.close()
        if os.path.exists(partial):
            os.remove(partial)
    return pages


# The one database of each app, bound in `create_app`.
db = Database()


def context_memo() -> dict:
    """What this app context (a request, a command) looked up once, such as the sites'
    version: it lives exactly as long as the context's session."""
    return db.session.info
