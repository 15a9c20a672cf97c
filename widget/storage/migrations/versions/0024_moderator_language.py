"""moderator language: the admin's language, chosen on the account page (issue 26)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03 19:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("moderators") as batch_op:
        batch_op.add_column(
            sa.Column("lang", sa.String(length=5), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("moderators") as batch_op:
        batch_op.drop_column("lang")
