"""Recording a payment (回款) and allocating it to the customer's open orders, in one session.

A refusal raises before anything is flushed, so nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlmodel import Session

from crmtui.codes import currency as iso_currency
from crmtui.db.tables.customers import Customer
from crmtui.db.tables.money import Payment, PaymentAllocation, SalesOrder
from crmtui.errors import InvalidInput, NotFound
from crmtui.money import Money, format_money
from crmtui.services.common import checks
from crmtui.services.money.read import SessionRows, check_orders_of, open_orders
from crmtui.services.money.rules import METHODS, allocate, oldest_due_first
from crmtui.services.money.types import PaymentResult


def _id(record: Payment) -> int:
    """The id of a flushed record (never None once flushed)."""
    assert record.id is not None
    return record.id


def _order(session: Session, order_id: int) -> SalesOrder:
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise NotFound("no-order", ref=order_id)
    return order


def record_payment(
    session: Session,
    *,
    now: datetime,
    customer_id: int,
    amount: int,
    paid_on: date,
    currency: str = "CNY",
    method: str = "transfer",
    reference: str | None = None,
    note: str | None = None,
    order_ids: Sequence[int] = (),
    on_account: bool = False,
) -> PaymentResult:
    """Record a payment and allocate it: to the named orders in turn, else to the open orders
    oldest due first. More than is owed is refused unless ``on_account`` keeps the rest as a
    credit on the customer."""
    customer = session.get(Customer, customer_id)
    if customer is None or customer.deleted_at is not None:
        raise NotFound("no-customer-id", id=customer_id)
    if amount <= 0:
        raise InvalidInput("payment-not-positive", field="amount")
    cur = iso_currency(currency)
    method = checks.choice(method, METHODS, "method") or "transfer"
    rows = SessionRows(session)
    check_orders_of(rows, customer_id, order_ids)
    owed = {o.id: o for o in open_orders(rows, customer_id, cur)}
    for oid in order_ids:
        if oid not in owed:
            raise InvalidInput("order-not-open", field="order", id=oid)
    targets = [owed[oid] for oid in dict.fromkeys(order_ids)] or oldest_due_first(
        list(owed.values())
    )
    pairs, left = allocate(amount, targets)
    if left > 0 and not on_account:
        raise InvalidInput(
            "payment-more-than-owed",
            field="amount",
            name=customer.name,
            amount=format_money(amount, cur),
            owed=format_money(amount - left, cur),
        )
    payment = Payment(
        customer_id=customer_id,
        paid_on=paid_on,
        amount=amount,
        currency=cur,
        method=method,
        reference=checks.text(reference, "reference", limit=200),
        note=checks.text(note, "note"),
        created_at=now,
        updated_at=now,
    )
    session.add(payment)
    session.flush()
    for oid, part in pairs:
        session.add(PaymentAllocation(payment_id=_id(payment), order_id=oid, amount=part))
        settled = _order(session, oid)
        settled.paid += part  # the order's paid is the sum of its allocations, kept here
        session.add(settled)
    session.flush()
    return PaymentResult(
        payment.id or 0,
        Money(amount, cur),
        [(oid, Money(part, cur)) for oid, part in pairs],
        Money(left, cur),
    )
