"""Money: products, sales orders and their lines, payments and their allocations, credit reviews.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

Only new tables and two indexes: no existing row is touched. The customer's credit columns
(limit, term days, rating, rated on) exist since 0001 and are used as they are. Each new table
joins the change counter (see 0006), so the TUI refreshes when another process books an order
or a payment.
"""

import sqlalchemy as sa
from alembic import op

from crmtui.db.dialects import change_triggers

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Frozen here: the tables this revision adds, in creation order (parents first).
TABLES = (
    "product",
    "credit_review",
    "payment",
    "sales_order",
    "order_line",
    "payment_allocation",
)


def upgrade() -> None:
    op.create_table(
        "product",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=True),
        sa.Column("spec", sa.String(length=1000), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("price", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product")),
        sa.UniqueConstraint("code", name=op.f("uq_product_code")),
    )
    op.create_index("ix_product_name", "product", ["name", "model"], unique=False)
    op.create_table(
        "credit_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("rating", sa.String(length=20), nullable=True),
        sa.Column("credit_limit", sa.Integer(), nullable=True),
        sa.Column("credit_days", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=20000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_credit_review_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_review")),
    )
    op.create_index(
        op.f("ix_credit_review_customer_id"), "credit_review", ["customer_id"], unique=False
    )
    op.create_table(
        "payment",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("method", sa.String(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("note", sa.String(length=20000), nullable=True),
        sa.CheckConstraint(
            "method IN ('transfer', 'cash', 'acceptance', 'other')", name=op.f("ck_payment_method")
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payment_amount")),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_payment_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment")),
    )
    op.create_index("ix_payment_customer_date", "payment", ["customer_id", "paid_on"], unique=False)
    op.create_index(op.f("ix_payment_customer_id"), "payment", ["customer_id"], unique=False)
    op.create_index("ix_payment_date", "payment", ["paid_on"], unique=False)
    op.create_table(
        "sales_order",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("opportunity_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("ordered_on", sa.Date(), nullable=False),
        sa.Column("ship_planned", sa.Date(), nullable=True),
        sa.Column("shipped_on", sa.Date(), nullable=True),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("confirmed_on", sa.Date(), nullable=True),
        sa.Column("cancelled_on", sa.Date(), nullable=True),
        sa.Column("credit_days", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=20000), nullable=True),
        sa.Column("forced", sa.String(length=1000), nullable=True),
        sa.CheckConstraint(
            "status IN ('draft', 'confirmed', 'shipped', 'delivered', 'cancelled')",
            name=op.f("ck_sales_order_status"),
        ),
        sa.CheckConstraint("total >= 0", name=op.f("ck_sales_order_total")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_sales_order_contact_id_contact"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_sales_order_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_sales_order_opportunity_id_opportunity"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_order")),
        sa.UniqueConstraint("number", name=op.f("uq_sales_order_number")),
    )
    op.create_index(op.f("ix_sales_order_contact_id"), "sales_order", ["contact_id"], unique=False)
    op.create_index(
        op.f("ix_sales_order_customer_id"), "sales_order", ["customer_id"], unique=False
    )
    op.create_index(
        "ix_sales_order_customer_status", "sales_order", ["customer_id", "status"], unique=False
    )
    op.create_index("ix_sales_order_delivered", "sales_order", ["delivered_on"], unique=False)
    op.create_index(
        op.f("ix_sales_order_opportunity_id"), "sales_order", ["opportunity_id"], unique=False
    )
    op.create_index("ix_sales_order_ordered", "sales_order", ["ordered_on"], unique=False)
    op.create_index("ix_sales_order_shipped", "sales_order", ["shipped_on"], unique=False)
    op.create_index("ix_sales_order_status_due", "sales_order", ["status", "due_on"], unique=False)
    op.create_table(
        "order_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("model", sa.String(length=200), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=True),
        sa.Column("unit_price", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("discount", sa.Integer(), nullable=False),
        sa.Column("line_total", sa.Integer(), nullable=False),
        sa.CheckConstraint("line_total >= 0", name=op.f("ck_order_line_line_total")),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_order_line_quantity")),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["sales_order.id"],
            name=op.f("fk_order_line_order_id_sales_order"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["product.id"],
            name=op.f("fk_order_line_product_id_product"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_line")),
    )
    op.create_index(op.f("ix_order_line_order_id"), "order_line", ["order_id"], unique=False)
    op.create_index(op.f("ix_order_line_product_id"), "order_line", ["product_id"], unique=False)
    op.create_table(
        "payment_allocation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payment_allocation_amount")),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["sales_order.id"],
            name=op.f("fk_payment_allocation_order_id_sales_order"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"],
            ["payment.id"],
            name=op.f("fk_payment_allocation_payment_id_payment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_allocation")),
        sa.UniqueConstraint("payment_id", "order_id", name="uq_payment_allocation_pair"),
    )
    op.create_index(
        op.f("ix_payment_allocation_order_id"), "payment_allocation", ["order_id"], unique=False
    )
    op.create_index(
        op.f("ix_payment_allocation_payment_id"), "payment_allocation", ["payment_id"], unique=False
    )
    op.create_index("ix_sales_order_confirmed", "sales_order", ["confirmed_on"], unique=False)
    op.create_index("ix_customer_credit_rated", "customer", ["credit_rated_on"], unique=False)
    # PostgreSQL gets the triggers of these tables in 0015 (none of its databases had them).
    if op.get_bind().dialect.name == "sqlite":
        for statement in change_triggers("sqlite", TABLES):
            op.execute(statement)


def downgrade() -> None:
    op.drop_index("ix_customer_credit_rated", table_name="customer")
    for table in reversed(TABLES):
        op.drop_table(table)
