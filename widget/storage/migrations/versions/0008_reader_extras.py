"""reader extras: likes of comments (and their count on each comment)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 23:50:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comment_likes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("client_key", sa.String(length=64), nullable=False),
        sa.Column("voter_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("comment_likes", schema=None) as batch_op:
        batch_op.create_index("ix_comment_likes_comment_client", ["comment_id", "client_key"])
        batch_op.create_index("ix_comment_likes_comment_voter", ["comment_id", "voter_key"])
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("likes", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_column("likes")
    op.drop_table("comment_likes")
