"""story settings: per-thread moderation, closing, message and mode; per-site API tokens

Revision ID: 0020
Revises: 0016
Create Date: 2026-12-03 16:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("threads") as batch:
        batch.add_column(sa.Column("moderation", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("close_after_days", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("message", sa.Text(), nullable=True))
        batch.add_column(sa.Column("message_html", sa.Text(), nullable=True))
        batch.add_column(sa.Column("mode", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("published_at", sa.DateTime(), nullable=True))
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("hint", sa.String(length=16), nullable=False),
        sa.Column("scopes", sa.String(length=200), nullable=False),
        sa.Column("note", sa.String(length=200), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_api_tokens_site_id", "api_tokens", ["site_id"])


def downgrade() -> None:
    op.drop_index("ix_api_tokens_site_id", table_name="api_tokens")
    op.drop_table("api_tokens")
    with op.batch_alter_table("threads") as batch:
        for name in (
            "published_at",
            "mode",
            "message_html",
            "message",
            "close_after_days",
            "moderation",
        ):
            batch.drop_column(name)
