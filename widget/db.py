"""Database engine, the per-request session, and Alembic migrations."""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask, current_app, g
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
# Set while a use case opens a writing transaction on SQLite (see `begin_writing`).
_immediate: ContextVar[bool] = ContextVar("immediate", default=False)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers work while one writer writes; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
    # The sqlite3 module's own transaction handling begins late and cannot take the
    # write lock up front; we say BEGIN ourselves (SQLAlchemy's documented recipe).
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the database's write lock at once (waiting up to busy_timeout), so
    # the checks a use case runs before its insert see every earlier writer's rows.
    connection.exec_driver_sql("BEGIN IMMEDIATE" if _immediate.get() else "BEGIN")


def make_engine(url: str) -> Engine:
    """Create an engine with the settings each backend needs."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def begin_writing(session: Session) -> None:
    """Start a fresh transaction that holds SQLite's write lock from its first statement.

    Whatever the session read before is committed first (objects stay loaded). On
    PostgreSQL this is a plain transaction; `storage.lock_keys` serialises its writers.
    """
    session.commit()
    token = _immediate.set(session.get_bind().dialect.name == "sqlite")
    try:
        session.connection()
    finally:
        _immediate.reset(token)


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
            "The database is PostgreSQL: back it up with pg_dump "
            "(pg_dump --format=custom --file=tertulia.dump DBNAME)."
        )
    target = Path(path)
    if target.exists():
        raise ValueError(f"{path} exists already; give a new file name.")
    import sqlite3

    raw = engine.raw_connection()
    try:
        destination = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(destination)
            pages = destination.execute("PRAGMA page_count").fetchone()[0]
        finally:
            destination.close()
    finally:
        raw.close()
    return pages
