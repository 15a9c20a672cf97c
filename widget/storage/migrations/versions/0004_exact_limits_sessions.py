"""exact limits, server-side sessions, held edits

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 20:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("client_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("pending_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("pending_html", sa.Text(), nullable=True))
        batch_op.create_index("ix_comments_client_created", ["client_key", "created_at"])

    op.create_table(
        "moderator_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("moderator_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["moderator_id"], ["moderators.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id_hash"),
    )
    op.create_index("ix_moderator_sessions_moderator_id", "moderator_sessions", ["moderator_id"])
    op.create_index("ix_moderator_sessions_expires_at", "moderator_sessions", ["expires_at"])

    op.create_table(
        "sign_in_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address_key", sa.String(length=64), nullable=False),
        sa.Column("account_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_sign_in_attempts_address", "sign_in_attempts", ["address_key", "created_at"]
    )
    op.create_index(
        "ix_sign_in_attempts_account", "sign_in_attempts", ["account_key", "created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_sign_in_attempts_account", table_name="sign_in_attempts")
    op.drop_index("ix_sign_in_attempts_address", table_name="sign_in_attempts")
    op.drop_table("sign_in_attempts")
    op.drop_index("ix_moderator_sessions_expires_at", table_name="moderator_sessions")
    op.drop_index("ix_moderator_sessions_moderator_id", table_name="moderator_sessions")
    op.drop_table("moderator_sessions")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index("ix_comments_client_created")
        batch_op.drop_column("pending_html")
        batch_op.drop_column("pending_text")
        batch_op.drop_column("client_key")
