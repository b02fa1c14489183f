"""Writing orders (and, re-exported, products and payments): each function is one user action
in one session.

A refusal raises before anything is flushed that the caller would keep: the session's
transaction is rolled back, so nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from crmtui.codes import currency as iso_currency
from crmtui.db.tables.customers import Customer
from crmtui.db.tables.money import OrderLine, PaymentAllocation, SalesOrder
from crmtui.db.tables.sales import Opportunity
from crmtui.db.tables.summaries import Change
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.common import checks
from crmtui.services.money import credit

# Products and payments have their own modules; callers that import them from here still work.
from crmtui.services.money.payments import record_payment
from crmtui.services.money.products import add_product, edit_product
from crmtui.services.money.read import SessionRows, find_product
from crmtui.services.money.rules import (
    LineSpec,
    can_move,
    due_date,
    line_total,
    order_number,
)
from crmtui.services.money.types import ConfirmResult

__all__ = [
    "add_product",
    "cancel_order",
    "confirm_order",
    "create_order",
    "deliver_order",
    "edit_product",
    "id_of",
    "record_payment",
    "ship_order",
]


def create_order(
    session: Session,
    *,
    now: datetime,
    today: date,
    customer_id: int,
    lines: Sequence[LineSpec],
    ordered_on: date | None = None,
    ship_planned: date | None = None,
    currency: str | None = None,
    contact_id: int | None = None,
    opportunity_id: int | None = None,
    note: str | None = None,
) -> SalesOrder:
    """A draft order with its lines (a ``--line`` naming a product takes its price)."""
    customer = session.get(Customer, customer_id)
    if customer is None or customer.deleted_at is not None:
        raise NotFound("no-customer-id", id=customer_id)
    ordered_on = ordered_on or today
    if ship_planned is not None and ship_planned < ordered_on:
        raise InvalidInput("ship-before-order", field="ship", ship=ship_planned, ordered=ordered_on)
    if opportunity_id is not None:
        opp = session.get(Opportunity, opportunity_id)
        if opp is None:
            raise NotFound("no-opportunity-id", id=opportunity_id)
        if opp.customer_id != customer_id:
            raise InvalidInput(
                "opportunity-not-of-customer", field="opportunity", id=opportunity_id
            )
        if opp.stage != "won":
            raise InvalidInput(
                "order-opp-not-won", field="opportunity", id=opportunity_id, stage=opp.stage
            )
        currency = currency or opp.currency
        if not lines:
            lines = [LineSpec(opp.title, None, 1, opp.amount)]
    if not lines:
        raise InvalidInput("order-needs-lines", field="lines")
    rows = SessionRows(session)
    built: list[OrderLine] = []
    for i, spec in enumerate(lines):
        product = find_product(rows, spec.name, spec.model)
        if product is None and spec.price is None:
            raise InvalidInput("order-unknown-product", field="lines", name=spec.name)
        price = spec.price if spec.price is not None else int(product.price)  # type: ignore[union-attr]
        currency = currency or (product.currency if product else None)
        discount = spec.discount_on(spec.quantity * price)
        built.append(
            OrderLine(
                order_id=0,  # set once the order has its id
                position=i,
                product_id=product.id if product else None,
                name=product.name if product else checks.name(spec.name, "line"),
                model=(product.model if product else None) or spec.model,
                unit=product.unit if product else None,
                unit_price=price,
                quantity=spec.quantity,
                discount=discount,
                line_total=line_total(spec.quantity, price, discount),
            )
        )
    cur = iso_currency(currency or "CNY")
    order = SalesOrder(
        number=_next_number(session, ordered_on.year),
        customer_id=customer_id,
        contact_id=contact_id,
        opportunity_id=opportunity_id,
        status="draft",
        ordered_on=ordered_on,
        ship_planned=ship_planned,
        currency=cur,
        total=sum(line.line_total for line in built),
        note=checks.text(note, "note"),
        created_at=now,
        updated_at=now,
    )
    session.add(order)
    session.flush()
    for line in built:
        line.order_id = id_of(order)
        session.add(line)
    session.flush()
    return order


def _next_number(session: Session, year: int) -> str:
    prefix = f"SO-{year}-"
    # longest then greatest: SO-2026-10000 comes after SO-2026-9999
    last = session.exec(
        select(col(SalesOrder.number))
        .where(col(SalesOrder.number).startswith(prefix))
        .order_by(func.length(col(SalesOrder.number)).desc(), col(SalesOrder.number).desc())
        .limit(1)
    ).first()
    sequence = int(last[len(prefix) :]) + 1 if last else 1
    return order_number(year, sequence)


def id_of(record: Customer | SalesOrder) -> int:
    """The id of a flushed record (never None once flushed)."""
    assert record.id is not None
    return record.id


def _order(session: Session, order_id: int) -> SalesOrder:
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise NotFound("no-order", ref=order_id)
    return order


def _move(order: SalesOrder, to: str) -> None:
    if not can_move(order.status, to):
        raise InvalidInput(
            "order-bad-move", field="status", number=order.number, status=order.status, to=to
        )


def confirm_order(
    session: Session,
    *,
    now: datetime,
    today: date,
    order_id: int,
    force: bool = False,
    block_days: int = credit.DEFAULT_BLOCK_DAYS,
    default_days: int = 30,
    credit_currency: str | None = None,
    rates: Mapping[str, Decimal] | None = None,
    check_credit: bool = True,
) -> ConfirmResult:
    """Book the order: credit control first (refused unless ``force``, which is recorded), the
    customer's credit term copied, and a potential or prospect's first order makes it a
    customer (logged in the stage history). The credit limit is in ``credit_currency`` (the
    default currency); money owed in others counts at ``rates`` (see credit.refusals)."""
    order = _order(session, order_id)
    _move(order, "confirmed")
    customer = session.get(Customer, order.customer_id)
    assert customer is not None
    rows = SessionRows(session)
    # an imported order sheet records orders taken long ago: credit control is for new ones
    problems = (
        []
        if not check_credit
        else credit.refusals(
            rows,
            customer_id=order.customer_id,
            name=customer.name,
            number=order.number,
            total=order.total,
            currency=order.currency,
            limit=customer.credit_limit,
            today=today,
            block_days=block_days,
            home=credit_currency,
            rates=rates,
        )
    )
    forced = None
    if problems and not force:
        raise problems[0]
    if problems:
        forced = f"{today.isoformat()}: " + "; ".join(_override(p) for p in problems)
    first = not session.exec(
        select(col(SalesOrder.id)).where(
            SalesOrder.customer_id == order.customer_id,
            col(SalesOrder.confirmed_on).is_not(None),
            SalesOrder.id != order.id,
        )
    ).first()
    order.status = "confirmed"
    order.confirmed_on = today
    order.credit_days = customer.credit_days if customer.credit_days is not None else default_days
    order.forced = forced
    order.updated_at = now
    session.add(order)
    moved = None
    if first and customer.stage in ("potential", "prospect"):
        moved = (customer.stage, "customer")
        session.add(
            Change(
                entity="customer",
                entity_id=id_of(customer),
                field="stage",
                old=customer.stage,
                new="customer",
                at=now,
            )
        )
        customer.stage = "customer"
        customer.updated_at = now
        session.add(customer)
    session.flush()
    return ConfirmResult(order.id or 0, order.number, customer.name, forced, moved)


def _override(refusal: InvalidInput) -> str:
    """What was overridden, in a few words kept on the order (the refusal itself says more)."""
    if refusal.code == "order-over-credit":
        return f"over the credit limit by {refusal.params['over']}"
    if refusal.code == "order-credit-no-rate":
        return f"credit not checked: no rate for {refusal.params['currency']}"
    return f"{refusal.params['amount']} overdue more than {refusal.params['days']} days"


def ship_order(session: Session, *, now: datetime, order_id: int, on: date) -> SalesOrder:
    order = _order(session, order_id)
    _move(order, "shipped")
    if on < order.ordered_on:
        raise InvalidInput("ship-before-order", field="on", ship=on, ordered=order.ordered_on)
    order.status = "shipped"
    order.shipped_on = on
    order.due_on = due_date(on, order.credit_days)
    order.updated_at = now
    session.add(order)
    session.flush()
    return order


def deliver_order(session: Session, *, now: datetime, order_id: int, on: date) -> SalesOrder:
    order = _order(session, order_id)
    _move(order, "delivered")
    if order.shipped_on is not None and on < order.shipped_on:
        raise InvalidInput("deliver-before-ship", field="on", on=on, shipped=order.shipped_on)
    order.status = "delivered"
    order.delivered_on = on
    order.updated_at = now
    session.add(order)
    session.flush()
    return order


def cancel_order(session: Session, *, now: datetime, order_id: int, on: date) -> SalesOrder:
    """Cancel a draft or confirmed order; money allocated to it goes back on account."""
    order = _order(session, order_id)
    _move(order, "cancelled")
    session.execute(delete(PaymentAllocation).where(col(PaymentAllocation.order_id) == order.id))
    order.paid = 0
    order.status = "cancelled"
    order.cancelled_on = on
    order.updated_at = now
    session.add(order)
    session.flush()
    return order
