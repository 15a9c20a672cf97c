"""site word lists

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 03:49:35.510062
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hold_words", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("spam_words", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.drop_column("spam_words")
        batch_op.drop_column("hold_words")
