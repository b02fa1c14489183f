"""Saved queries, locked grades and why a grade changed.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29

``saved_query`` holds the named custom queries (自定义查询); ``customer.grade_locked`` marks a
grade set by hand that the 80/20 suggestion must keep; ``change.reason`` says why a grade was
changed when the suggestion changed it (the grade history is the ``change`` table);
``ix_opportunity_created`` serves the funnel report, ``ix_customer_grade_live`` the grade
counts, and ``ix_activity_done_kind`` gains the customer and contact for the activity report. Every
existing row is kept: the new columns start empty (reason) or false (grade_locked).
"""

import sqlalchemy as sa
from alembic import op

from crmtui.db.dialects import change_triggers

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_query",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("query", sa.String(length=2000), nullable=False),
        sa.Column("columns", sa.String(length=1000), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_query")),
        sa.UniqueConstraint("name", name=op.f("uq_saved_query_name")),
    )
    op.add_column(
        "customer",
        sa.Column("grade_locked", sa.Boolean(), nullable=False, server_default="0"),
    )
    op.add_column("change", sa.Column("reason", sa.String(length=1000), nullable=True))
    op.create_index("ix_opportunity_created", "opportunity", ["created_at"], unique=False)
    # the activity report reads whose calls they were from the index too
    op.drop_index("ix_activity_done_kind", table_name="activity")
    op.create_index(
        "ix_activity_done_kind",
        "activity",
        ["done_at", "kind", "outcome", "customer_id", "contact_id"],
        unique=False,
    )
    live = sa.text("deleted_at IS NULL")
    op.create_index(
        "ix_customer_grade_live",
        "customer",
        ["grade_locked", "grade"],
        unique=False,
        sqlite_where=live,
        postgresql_where=live,
    )
    # PostgreSQL gets the triggers of these tables in 0015 (none of its databases had them).
    if op.get_bind().dialect.name == "sqlite":
        for statement in change_triggers("sqlite", ["saved_query"]):
            op.execute(statement)


def downgrade() -> None:
    op.drop_index("ix_opportunity_created", table_name="opportunity")
    op.drop_index("ix_customer_grade_live", table_name="customer")
    op.drop_index("ix_activity_done_kind", table_name="activity")
    op.create_index("ix_activity_done_kind", "activity", ["done_at", "kind", "outcome"])
    if op.get_bind().dialect.name == "sqlite":
        for statement in change_triggers("sqlite", ["saved_query"], create=False):
            op.execute(statement)
    with op.batch_alter_table("change") as batch_op:
        batch_op.drop_column("reason")
    with op.batch_alter_table("customer") as batch_op:
        batch_op.drop_column("grade_locked")
    op.drop_table("saved_query")
