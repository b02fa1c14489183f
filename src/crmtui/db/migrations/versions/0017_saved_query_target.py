"""Saved queries over any target; covering indexes for the sales, 80/20 and cash reports.

Revision ID: 0017
Revises: 0014
Create Date: 2026-11-30

``saved_query.target`` names what a saved query runs over (``crm query save NAME QUERY --over
orders``). Every saved query that exists was a customer query, so the column starts as
``customers`` for each of them; no row is removed. ``saved_query`` is already counted by the
change-counter triggers (0010), and a new column needs no new trigger.

``ix_sales_order_ordered`` and ``ix_payment_date`` gain the columns the reports read (status,
currency, total, customer; currency, amount), so a year of orders or payments is summed from
the index alone (the 100k benchmark's sales report was over its 1 s budget).
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN: a batch copy of the table would drop its change-counter triggers
    op.add_column(
        "saved_query",
        sa.Column("target", sa.String(length=20), nullable=False, server_default="customers"),
    )
    op.drop_index("ix_sales_order_ordered", table_name="sales_order")
    op.create_index(
        "ix_sales_order_ordered",
        "sales_order",
        ["ordered_on", "status", "currency", "total", "customer_id"],
        unique=False,
    )
    op.drop_index("ix_payment_date", table_name="payment")
    op.create_index("ix_payment_date", "payment", ["paid_on", "currency", "amount"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_payment_date", table_name="payment")
    op.create_index("ix_payment_date", "payment", ["paid_on"], unique=False)
    op.drop_index("ix_sales_order_ordered", table_name="sales_order")
    op.create_index("ix_sales_order_ordered", "sales_order", ["ordered_on"], unique=False)
    op.execute("ALTER TABLE saved_query DROP COLUMN target")
