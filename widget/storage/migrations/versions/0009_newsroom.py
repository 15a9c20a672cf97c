"""newsroom: readers' reports, legal notices, hold reasons, featured and staff comments

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-25 23:50:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("client_key", sa.String(length=64), nullable=False),
        sa.Column("voter_key", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("comment_id", "client_key", name="uq_reports_comment_client"),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index("ix_reports_comment_voter", ["comment_id", "voter_key"])
    op.create_table(
        "hold_reasons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("hold_reasons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hold_reasons_comment_id"), ["comment_id"])
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=True),
        sa.Column("quoted", sa.Text(), nullable=False),
        sa.Column("thread_url", sa.String(length=2048), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("status_before", sa.String(length=10), nullable=True),
        sa.Column("decision", sa.String(length=10), nullable=True),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("moderator_id", sa.Integer(), nullable=True),
        sa.Column("moderator_email", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["comment_id"], ["comments.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["moderator_id"], ["moderators.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
    )
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notices_comment_id"), ["comment_id"])
        batch_op.create_index(batch_op.f("ix_notices_decision"), ["decision"])
    with op.batch_alter_table("comments", schema=None) as batch_op:
        for column in ("featured", "staff", "reports_cleared"):
            batch_op.add_column(
                sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.false())
            )
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("staff_label", sa.String(length=80), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("hold_on_notice", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("moderators", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("display_name", sa.String(length=80), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("moderators", schema=None) as batch_op:
        batch_op.drop_column("display_name")
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.drop_column("hold_on_notice")
        batch_op.drop_column("staff_label")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        for column in ("reports_cleared", "staff", "featured"):
            batch_op.drop_column(column)
    op.drop_table("notices")
    op.drop_table("hold_reasons")
    op.drop_table("reports")
