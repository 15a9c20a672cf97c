"""thread read model: versions, published counts, listed comments, the sites counter

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 20:40:00

Work that every read would repeat is done at write time from now on: threads keep
a version (bumped by every write that changes what readers see) and their published
count; comments know whether readers see them (`listed`); a counter row tells every
process when the sites changed. Existing rows are filled in here.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Deleted comments with a published comment somewhere below them.
DELETED_WITH_LIVE_REPLIES = """
WITH RECURSIVE subtree(root, node) AS (
    SELECT id, id FROM comments WHERE status = 'deleted'
    UNION ALL
    SELECT subtree.root, child.id FROM subtree JOIN comments AS child
        ON child.parent_id = subtree.node
)
SELECT subtree.root FROM subtree JOIN comments AS below ON below.id = subtree.node
WHERE below.status = 'published'
"""


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=30), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.execute("INSERT INTO counters (name, value) VALUES ('sites', 1)")
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("published_count", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("listed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(
            "ix_comments_thread_listed_created",
            ["thread_id", "listed", "created_at", "id"],
            unique=False,
        )
    op.execute(
        "UPDATE threads SET version = 1, published_count = (SELECT count(*) FROM comments "
        "WHERE comments.thread_id = threads.id AND comments.status = 'published')"
    )
    op.execute(
        "UPDATE comments SET listed = (status = 'published' "
        f"OR id IN ({DELETED_WITH_LIVE_REPLIES}))"
    )


def downgrade() -> None:
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index("ix_comments_thread_listed_created")
        batch_op.drop_column("listed")
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.drop_column("published_count")
        batch_op.drop_column("version")
    op.drop_table("counters")
