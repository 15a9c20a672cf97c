"""The migrations build exactly the schema the models describe, on every backend."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from widget.storage.database import db
from widget.storage.models import Base


def test_models_and_migrations_agree(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(app):
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("SQLite's own settings")
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
