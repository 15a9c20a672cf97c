"""identity: verified commenters (site_users), SSO secrets and who may comment per site

Revision ID: 0019
Revises: 0016
Create Date: 2026-12-03 16:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sites", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "who_may_comment", sa.String(length=10), server_default="everyone", nullable=False
            )
        )
        batch_op.add_column(sa.Column("badge_labels", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("sso_secret", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("sso_created_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("sso_previous_secret", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("sso_previous_until", sa.DateTime(), nullable=True))
    op.create_table(
        "site_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("email", sa.String(length=320), server_default="", nullable=False),
        sa.Column("badges", sa.Text(), server_default="[]", nullable=False),
        sa.Column("role", sa.String(length=10), server_default="", nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("site_id", "external_id", name="uq_site_users_site_external"),
    )
    with op.batch_alter_table("site_users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_site_users_email"), ["email"])
    with op.batch_alter_table("bans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("site_user_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_bans_site_user_id"), ["site_user_id"])
        batch_op.create_foreign_key(
            "fk_bans_site_user_id", "site_users", ["site_user_id"], ["id"], ondelete="CASCADE"
        )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("site_user_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("badges", sa.Text(), server_default="", nullable=False))
        batch_op.create_index(batch_op.f("ix_comments_site_user_id"), ["site_user_id"])
        batch_op.create_foreign_key(
            "fk_comments_site_user_id", "site_users", ["site_user_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_constraint("fk_comments_site_user_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_comments_site_user_id"))
        batch_op.drop_column("badges")
        batch_op.drop_column("site_user_id")
    with op.batch_alter_table("bans", schema=None) as batch_op:
        batch_op.drop_constraint("fk_bans_site_user_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_bans_site_user_id"))
        batch_op.drop_column("site_user_id")
    op.drop_table("site_users")
    with op.batch_alter_table("sites", schema=None) as batch_op:
        for column in (
            "sso_previous_until",
            "sso_previous_secret",
            "sso_created_at",
            "sso_secret",
            "badge_labels",
            "who_may_comment",
        ):
            batch_op.drop_column(column)
