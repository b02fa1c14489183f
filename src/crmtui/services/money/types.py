"""What the money area returns: frozen dataclasses, amounts as :class:`crmtui.money.Money`.

``--json`` prints them through ``dataclasses.asdict``; Money becomes a decimal string there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from crmtui.money import Money


@dataclass(frozen=True)
class ProductRow:
    id: int
    code: str | None
    name: str
    model: str | None
    spec: str | None
    unit: str | None
    price: Money
    currency: str
    active: bool


@dataclass(frozen=True)
class OrderLineRow:
    id: int
    product_id: int | None
    name: str
    model: str | None
    unit: str | None
    unit_price: Money
    quantity: int
    discount: Money
    line_total: Money


@dataclass(frozen=True)
class AllocationRow:
    """The part of one payment that went to one order."""

    payment_id: int
    order_id: int
    number: str
    paid_on: date
    amount: Money
    method: str
    reference: str | None


@dataclass(frozen=True)
class OrderRow:
    """An order in ``crm orders``: status, and the payment state derived from allocations."""

    id: int
    number: str
    customer_id: int
    customer: str
    status: str
    payment: str
    ordered_on: date
    ship_planned: date | None
    shipped_on: date | None
    delivered_on: date | None
    due_on: date | None
    currency: str
    total: Money
    paid: Money
    outstanding: Money
    opportunity_id: int | None
    forced: str | None


@dataclass(frozen=True)
class OrderDetail(OrderRow):
    """One order with its lines and the payments allocated to it (``crm order show``)."""

    contact_id: int | None
    contact: str | None
    confirmed_on: date | None
    cancelled_on: date | None
    credit_days: int | None
    note: str | None
    lines: list[OrderLineRow]
    allocations: list[AllocationRow]


@dataclass(frozen=True)
class PaymentRow:
    id: int
    customer_id: int
    customer: str
    paid_on: date
    amount: Money
    currency: str
    method: str
    reference: str | None
    note: str | None
    allocated: Money
    on_account: Money


@dataclass(frozen=True)
class ReceivableRow:
    """One open order in the ageing table: what is still owed and how late it is."""

    order_id: int
    number: str
    customer_id: int
    customer: str
    status: str
    currency: str
    total: Money
    paid: Money
    outstanding: Money
    due_on: date | None
    days_past_due: int
    bucket: str


@dataclass(frozen=True)
class AgeingTotals:
    """Outstanding by bucket, for one customer (or everyone) in one currency."""

    currency: str
    buckets: dict[str, Money]
    total: Money
    customer_id: int | None = None
    customer: str | None = None


@dataclass(frozen=True)
class Receivables:
    """``crm receivables``: every open order once, by customer and in total, per currency."""

    day: date
    buckets: tuple[str, ...]
    orders: list[ReceivableRow]
    customers: list[AgeingTotals]
    totals: list[AgeingTotals]
    customer_count: int = 0  # customers owing anything (``customers`` may hold the top few)


@dataclass(frozen=True)
class CreditReviewRow:
    id: int
    reviewed_on: date
    rating: str | None
    credit_limit: Money | None
    credit_days: int | None
    note: str | None


@dataclass(frozen=True)
class CreditStatus:
    """``crm credit``: the limit, what is used of it, what is overdue, when to re-rate."""

    customer_id: int
    customer: str
    currency: str
    credit_limit: Money | None
    credit_days: int | None
    rating: str | None
    rated_on: date | None
    review_due_on: date | None
    review_due: bool
    outstanding: Money
    available: Money | None
    overdue: Money
    on_account: Money
    reviews: list[CreditReviewRow] = field(default_factory=list)
    # what counts against the limit: owed in every currency, converted at the configured rates
    # (None when a currency owed has no rate: see missing_rates)
    used: Money | None = None
    owed_in_other_currencies: dict[str, Money] = field(default_factory=dict)
    missing_rates: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PaymentResult:
    """A recorded payment and where its money went."""

    payment_id: int
    amount: Money
    allocations: list[tuple[int, Money]]
    on_account: Money


@dataclass(frozen=True)
class ConfirmResult:
    """A confirmed order, whether credit control was overridden, and a stage move it caused."""

    order_id: int
    number: str
    customer: str
    forced: str | None
    stage_moved: tuple[str, str] | None
