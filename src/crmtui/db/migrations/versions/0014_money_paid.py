"""Money, second step: what is paid on each order kept on the order, and indexes of the open
and the to-ship orders.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04

``sales_order.paid`` is the sum of the order's payment allocations, filled here from the
allocations already recorded and kept by every write that allocates from now on; reads of
what is owed need no aggregate. ``ix_sales_order_open`` (partial: booked and not fully paid)
serves the receivables, the payment reminders and the desktop's overdue totals;
``ix_sales_order_to_ship`` (partial: confirmed) the orders shipping this week. The general
status/due-date index they replace is dropped. No row is removed; ``paid`` is derived.

It follows the after-sale order links (0013), which were written at the same time.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

OPEN = "status IN ('confirmed', 'shipped', 'delivered') AND total > paid"
TO_SHIP = "status = 'confirmed'"


def upgrade() -> None:
    op.add_column(
        "sales_order", sa.Column("paid", sa.Integer(), nullable=False, server_default="0")
    )
    op.execute(
        "UPDATE sales_order SET paid = coalesce((SELECT sum(a.amount) FROM payment_allocation a "
        "WHERE a.order_id = sales_order.id), 0)"
    )
    op.drop_index("ix_sales_order_status_due", table_name="sales_order")
    op.create_index(
        "ix_sales_order_open",
        "sales_order",
        ["due_on", "total", "paid", "customer_id"],
        unique=False,
        sqlite_where=sa.text(OPEN),
        postgresql_where=sa.text(OPEN),
    )
    op.create_index(
        "ix_sales_order_to_ship",
        "sales_order",
        ["ship_planned"],
        unique=False,
        sqlite_where=sa.text(TO_SHIP),
        postgresql_where=sa.text(TO_SHIP),
    )


def downgrade() -> None:
    op.drop_index("ix_sales_order_to_ship", table_name="sales_order")
    op.drop_index("ix_sales_order_open", table_name="sales_order")
    op.create_index("ix_sales_order_status_due", "sales_order", ["status", "due_on"], unique=False)
    op.drop_column("sales_order", "paid")
