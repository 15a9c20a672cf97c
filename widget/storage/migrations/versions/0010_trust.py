"""trust: notices confirmed by their sender, reporters by network, commenters' proofs

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 12:40:00.000000

Notices hold a comment only once confirmed (`confirmed_at`), one open per sender (`client_key`);
reports count distinct networks (`network_key`); comments keep the keyed hash of the
returning-commenter key they were posted with (`commenter_key`), and `proven_addresses` binds
such keys to the email their holder confirmed through a mail link. Existing rows stay as they
are: notices held before this release count as confirmed; old reports count by their address.
Stored avatar seeds need no change: they are email-derived, which a post now gets only with
a confirmed address (see comments/proof.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confirmed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("client_key", sa.String(length=64), nullable=True))
    # A notice that already held its comment was taken at its word: keep it holding.
    op.execute("UPDATE notices SET confirmed_at = created_at WHERE status_before IS NOT NULL")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("network_key", sa.String(length=64), nullable=True))
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("commenter_key", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_comments_commenter_key", ["commenter_key"])
    op.create_table(
        "proven_addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("commenter_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email", "commenter_key", name="uq_proven_addresses_email_key"),
    )


def downgrade() -> None:
    op.drop_table("proven_addresses")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index("ix_comments_commenter_key")
        batch_op.drop_column("commenter_key")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_column("network_key")
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_column("client_key")
        batch_op.drop_column("confirmed_at")
