"""webhook targets: each endpoint's whole URL sealed; `url` keeps the form shown to moderators

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-03 19:30:00.000000

A Slack incoming-webhook URL is its own credential. The sealing key derives from the
service's SECRET_KEY, which migrations do not see: `flask db upgrade` seals the endpoints
already stored right after migrating (widget/webhooks/endpoints.seal_stored_urls).
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("webhook_endpoints") as batch_op:
        batch_op.add_column(sa.Column("target", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("webhook_endpoints") as batch_op:
        batch_op.drop_column("target")
