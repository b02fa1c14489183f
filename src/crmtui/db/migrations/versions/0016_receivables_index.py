"""Money, third step: the open-orders index also holds the currency, and the customers in the
trash have an index of their own.

Revision ID: 0016
Revises: 0014
Create Date: 2026-11-30

``crm receivables`` adds up what is owed per customer, currency and ageing bucket. With the
currency in ``ix_sales_order_open`` the index alone answers that, instead of one read of the
order's row per open order; ``ix_customer_trashed`` (partial: only customers in the trash, a
handful) leaves theirs out without reading every customer. Indexes only: no row changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

OPEN = "status IN ('confirmed', 'shipped', 'delivered') AND total > paid"
TRASHED = "deleted_at IS NOT NULL"


def _open_index(columns: list[str]) -> None:
    op.create_index(
        "ix_sales_order_open",
        "sales_order",
        columns,
        unique=False,
        sqlite_where=sa.text(OPEN),
        postgresql_where=sa.text(OPEN),
    )


def upgrade() -> None:
    op.drop_index("ix_sales_order_open", table_name="sales_order")
    _open_index(["due_on", "total", "paid", "customer_id", "currency"])
    op.create_index(
        "ix_customer_trashed",
        "customer",
        ["deleted_at"],
        unique=False,
        sqlite_where=sa.text(TRASHED),
        postgresql_where=sa.text(TRASHED),
    )


def downgrade() -> None:
    op.drop_index("ix_customer_trashed", table_name="customer")
    op.drop_index("ix_sales_order_open", table_name="sales_order")
    _open_index(["due_on", "total", "paid", "customer_id"])
