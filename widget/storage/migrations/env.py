"""Alembic environment: runs migrations on the engine the app (or CLI) hands over."""

from alembic import context

from widget.storage.models import Base, UTCDateTime

engine = context.config.attributes["engine"]


def render_item(type_, obj, _autogen_context):
    # Migrations must not import model code: our aware-UTC type is a plain DateTime there.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    context.run_migrations()


with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode drops each table it copies: with foreign keys on, dropping `sites`
        # would delete every origin, thread and comment below it (ON DELETE CASCADE).
        # SQLite ignores this pragma inside a transaction, so it goes first.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    try:
        with connection.begin():
            run(connection)
            if sqlite:  # the copies must still hold together, as they would with keys on
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"The migrated database breaks its foreign keys: {broken}")
    finally:
        if sqlite:  # the pooled connection goes back as every other: keys on
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
