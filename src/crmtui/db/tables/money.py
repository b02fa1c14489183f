"""Money tables: products, sales orders and their lines, payments, allocations, credit reviews.

Amounts are integer minor units beside an ISO 4217 currency. An order line keeps a snapshot of
the product (name, model, unit, price), so a later price change never rewrites an old order.
A payment is allocated to orders; what is not allocated stays as a credit on the customer.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from crmtui.db.constants import NAME_MAX, TEXT_MAX
from crmtui.db.tables.base import Timestamps, foreign_key

OPEN = "status IN ('confirmed', 'shipped', 'delivered') AND total > paid"
TO_SHIP = "status = 'confirmed'"


class Product(Timestamps, table=True):
    """Something the salesperson sells (产品), with its list price."""

    __table_args__ = (Index("ix_product_name", "name", "model"),)
    id: int | None = Field(default=None, primary_key=True)
    code: str | None = Field(default=None, max_length=64, unique=True)
    name: str = Field(min_length=1, max_length=NAME_MAX)
    model: str | None = Field(default=None, max_length=NAME_MAX)
    spec: str | None = Field(default=None, max_length=1000)
    unit: str | None = Field(default=None, max_length=32)
    price: int = Field(default=0, ge=0)
    currency: str = "CNY"
    active: bool = True


class SalesOrder(Timestamps, table=True):
    """An order (订单): ``draft → confirmed → shipped → delivered``, or ``cancelled``.

    ``total`` is the sum of the line totals, kept by the services (lines are fixed once the
    order is confirmed). ``due_on`` is the ship date plus ``credit_days``. ``forced`` records a
    credit-control refusal that was overridden, in words.
    """

    __tablename__ = "sales_order"
    __table_args__ = (
        Index("ix_sales_order_customer_status", "customer_id", "status"),
        Index("ix_sales_order_shipped", "shipped_on"),
        Index("ix_sales_order_delivered", "delivered_on"),
        # covering for the sales and 80/20 reports: the booked orders of a period, their
        # currency, total and customer come from the index alone (0017)
        Index("ix_sales_order_ordered", "ordered_on", "status", "currency", "total", "customer_id"),
        Index("ix_sales_order_confirmed", "confirmed_on"),
        CheckConstraint(
            "status IN ('draft', 'confirmed', 'shipped', 'delivered', 'cancelled')",
            name="status",
        ),
        CheckConstraint("total >= 0", name="total"),
        # the open receivables: booked and not fully paid, by due date (crm receivables, plan)
        # covering for the desktop's overdue totals: the index alone answers them
        Index(
            "ix_sales_order_open",
            "due_on",
            "total",
            "paid",
            "customer_id",
            "currency",  # 0016: the receivables' sums per currency from the index alone
            sqlite_where=text(OPEN),
            postgresql_where=text(OPEN),
        ),
        Index(
            "ix_sales_order_to_ship",
            "ship_planned",
            sqlite_where=text(TO_SHIP),
            postgresql_where=text(TO_SHIP),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=32, unique=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    contact_id: int | None = Field(
        default=None, sa_column=foreign_key("contact.id", nullable=True, ondelete="SET NULL")
    )
    opportunity_id: int | None = Field(
        default=None, sa_column=foreign_key("opportunity.id", nullable=True, ondelete="SET NULL")
    )
    status: str = "draft"
    ordered_on: date
    ship_planned: date | None = None
    shipped_on: date | None = None
    delivered_on: date | None = None
    confirmed_on: date | None = None
    cancelled_on: date | None = None
    credit_days: int | None = Field(default=None, ge=0)
    due_on: date | None = None
    currency: str = "CNY"
    total: int = 0
    # the sum of the payments allocated to it, kept with every allocation (services/money/write)
    paid: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    note: str | None = Field(default=None, max_length=TEXT_MAX)
    forced: str | None = Field(default=None, max_length=1000)


class OrderLine(SQLModel, table=True):
    """One line of an order: a snapshot of the product, quantity, discount and line total."""

    __tablename__ = "order_line"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity"),
        CheckConstraint("line_total >= 0", name="line_total"),
    )
    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(sa_column=foreign_key("sales_order.id"))
    product_id: int | None = Field(
        default=None, sa_column=foreign_key("product.id", nullable=True, ondelete="SET NULL")
    )
    position: int = 0
    name: str = Field(min_length=1, max_length=NAME_MAX)
    model: str | None = Field(default=None, max_length=NAME_MAX)
    unit: str | None = Field(default=None, max_length=32)
    unit_price: int = Field(default=0, ge=0)
    quantity: int = 1
    discount: int = Field(default=0, ge=0)
    line_total: int = 0


class Payment(Timestamps, table=True):
    """Money received from a customer (回款)."""

    __table_args__ = (
        Index("ix_payment_customer_date", "customer_id", "paid_on"),
        Index("ix_payment_date", "paid_on", "currency", "amount"),  # cash by month (0017)
        CheckConstraint("amount > 0", name="amount"),
        CheckConstraint("method IN ('transfer', 'cash', 'acceptance', 'other')", name="method"),
    )
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    paid_on: date
    amount: int
    currency: str = "CNY"
    method: str = "transfer"
    reference: str | None = Field(default=None, max_length=200)
    note: str | None = Field(default=None, max_length=TEXT_MAX)


class PaymentAllocation(SQLModel, table=True):
    """The part of a payment that settles one order."""

    __tablename__ = "payment_allocation"
    __table_args__ = (
        UniqueConstraint("payment_id", "order_id", name="uq_payment_allocation_pair"),
        CheckConstraint("amount > 0", name="amount"),
    )
    id: int | None = Field(default=None, primary_key=True)
    payment_id: int = Field(sa_column=foreign_key("payment.id"))
    order_id: int = Field(sa_column=foreign_key("sales_order.id"))
    amount: int


class CreditReview(SQLModel, table=True):
    """One credit rating of a customer, with the limit and term set at the time."""

    __tablename__ = "credit_review"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    reviewed_on: date
    rating: str | None = Field(default=None, max_length=20)
    credit_limit: int | None = Field(default=None, ge=0)
    credit_days: int | None = Field(default=None, ge=0)
    note: str | None = Field(default=None, max_length=TEXT_MAX)
    created_at: datetime
