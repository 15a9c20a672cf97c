"""Alembic environment: runs migrations on the engine the app (or CLI) hands over."""

from alembic import context

from widget.storage.models import Base, UTCDateTime

engine = context.config.attributes["engine"]


def render_item(type_, obj, _autogen_context):
    # Migrations must not import model code: our aware-UTC type is a plain DateTime there.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=render_item,
    )
    context.run_migrations()
