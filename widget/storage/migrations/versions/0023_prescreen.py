"""prescreen: each comment's language and toxicity; each site's pre-screen settings

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03 16:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("comments") as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("toxicity", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("toxicity_model", sa.String(length=60), nullable=True))
    with op.batch_alter_table("sites") as batch_op:
        batch_op.add_column(
            sa.Column("prescreen", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("toxicity_threshold", sa.Float(), nullable=False, server_default="0.8")
        )
        batch_op.add_column(
            sa.Column("languages", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("sites") as batch_op:
        batch_op.drop_column("languages")
        batch_op.drop_column("toxicity_threshold")
        batch_op.drop_column("prescreen")
    with op.batch_alter_table("comments") as batch_op:
        batch_op.drop_column("toxicity_model")
        batch_op.drop_column("toxicity")
        batch_op.drop_column("language")
