"""Saved queries over any target: customers, contacts, opportunities, orders or activities.

Revision ID: 0017
Revises: 0014
Create Date: 2026-11-30

``saved_query.target`` names what a saved query runs over (``crm query save NAME QUERY --over
orders``). Every saved query that exists was a customer query, so the column starts as
``customers`` for each of them; no row is removed. ``saved_query`` is already counted by the
change-counter triggers (0010), and a new column needs no new trigger.
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN: a batch copy of the table would drop its change-counter triggers
    op.add_column(
        "saved_query",
        sa.Column("target", sa.String(length=20), nullable=False, server_default="customers"),
    )


def downgrade() -> None:
    op.execute("ALTER TABLE saved_query DROP COLUMN target")
