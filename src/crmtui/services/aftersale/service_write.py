"""After-sale changes around the service: satisfaction ratings (a drop plans a call), service
plans and the records of the service done, each inside the caller's Session.

Moved out of ``write`` as it grew; ``write`` imports these back for its callers.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from crmtui.db.tables.aftersale import Satisfaction, ServicePlan, ServiceRecord
from crmtui.db.tables.money import SalesOrder
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.aftersale import rules
from crmtui.services.aftersale.types import SatisfactionSaved
from crmtui.services.common import checks
from crmtui.services.common.months import add_months
from crmtui.services.customers.write import get_customer


def check_order(session: Session, customer_id: int, order_id: int | None) -> None:
    """A linked order exists and is this customer's."""
    if order_id is None:
        return
    order = session.get(SalesOrder, order_id)
    if order is None:
        raise NotFound("no-order", ref=order_id)
    if order.customer_id != customer_id:
        raise InvalidInput("order-not-of-customer", field="order", id=order_id)


def record_satisfaction(
    session: Session,
    *,
    now: datetime,
    customer_id: int,
    level: int,
    source: str = "call",
    ref_id: int | None = None,
    note: str | None = None,
) -> SatisfactionSaved:
    """A rating becomes the customer's current level; a drop to dissatisfied or worse puts a
    call on the next day's plan (read by the planner from the rating itself)."""
    customer = get_customer(session, customer_id)
    if not 1 <= level <= 5:
        raise InvalidInput("unknown-satisfaction-level", field="satisfaction", text=str(level))
    previous = customer.satisfaction
    rating = Satisfaction(
        customer_id=customer_id,
        level=level,
        previous=previous,
        source=source,
        ref_id=ref_id,
        note=checks.text(note, "note"),
        at=now,
        created_at=now,
        updated_at=now,
    )
    session.add(rating)
    customer.satisfaction = level
    customer.updated_at = now
    session.add(customer)
    session.flush()
    assert rating.id is not None
    return SatisfactionSaved(
        id=rating.id, level=level, previous=previous, follow_up=rules.is_drop(previous, level)
    )


def next_due_after(day: date, every: int, unit: str) -> date:
    """The day a plan is due again, ``every`` days or months after ``day``."""
    return add_months(day, every) if unit == "m" else day + timedelta(days=every)


def plan_service(
    session: Session,
    *,
    now: datetime,
    today: date,
    customer_id: int,
    kind: str,
    every: str,
    first_due: date | None = None,
    product: str | None = None,
    note: str | None = None,
    order_id: int | None = None,
) -> ServicePlan:
    """A recurring service (for the goods of an order, if given); first due on ``first_due``,
    else one interval from ``today``."""
    get_customer(session, customer_id)
    check_order(session, customer_id, order_id)
    code = rules.pick(kind, rules.SERVICE_KINDS, "kind")
    assert code is not None
    count, unit = rules.parse_every(every)
    plan = ServicePlan(
        customer_id=customer_id,
        order_id=order_id,
        kind=code,
        every=count,
        unit=unit,
        next_due=first_due or next_due_after(today, count, unit),
        active=True,
        product=checks.text(product, "product", limit=200),
        note=checks.text(note, "note"),
        created_at=now,
        updated_at=now,
    )
    session.add(plan)
    session.flush()
    return plan


def _plan_for(
    session: Session, customer_id: int, kind: str, plan_id: int | None
) -> ServicePlan | None:
    if plan_id is not None:
        plan = session.get(ServicePlan, plan_id)
        if plan is None or plan.customer_id != customer_id:
            raise NotFound("no-service-plan-id", id=plan_id)
        return plan
    plans = session.exec(
        select(ServicePlan).where(
            ServicePlan.customer_id == customer_id,
            ServicePlan.kind == kind,
            col(ServicePlan.active).is_(True),
        )
    ).all()
    if len(plans) > 1:
        ids = sorted(p.id for p in plans if p.id is not None)
        raise InvalidInput("service-plan-ambiguous", field="plan", kind=kind, ids=ids)
    return plans[0] if plans else None


def log_service(
    session: Session,
    *,
    now: datetime,
    customer_id: int,
    kind: str,
    done_on: date,
    plan_id: int | None = None,
    done_by: str | None = None,
    work: str | None = None,
    parts: str | None = None,
    cost: int = 0,
    currency: str = "CNY",
    satisfaction: int | None = None,
) -> ServiceRecord:
    """Record a service done; the plan it belongs to (named, or the customer's one active plan
    of that kind) is next due one interval after ``done_on``."""
    get_customer(session, customer_id)
    code = rules.pick(kind, rules.SERVICE_KINDS, "kind")
    assert code is not None
    if cost < 0:
        raise InvalidInput("amount-cannot-be-negative", field="cost")
    plan = _plan_for(session, customer_id, code, plan_id)
    record = ServiceRecord(
        customer_id=customer_id,
        plan_id=plan.id if plan else None,
        done_on=done_on,
        kind=code,
        done_by=checks.text(done_by, "by", limit=200),
        work=checks.text(work, "work"),
        parts=checks.text(parts, "parts"),
        cost=cost,
        currency=checks.currency(currency),
        satisfaction=satisfaction,
        created_at=now,
        updated_at=now,
    )
    session.add(record)
    session.flush()
    if plan is not None:
        plan.next_due = next_due_after(done_on, plan.every, plan.unit)
        plan.updated_at = now
        session.add(plan)
    if satisfaction is not None:
        record_satisfaction(
            session,
            now=now,
            customer_id=customer_id,
            level=satisfaction,
            source="service",
            ref_id=record.id,
        )
    session.flush()
    return record


def set_plan_active(session: Session, *, now: datetime, plan_id: int, active: bool) -> ServicePlan:
    """Stop a plan (no more reminders) or start it again."""
    plan = session.get(ServicePlan, plan_id)
    if plan is None:
        raise NotFound("no-service-plan-id", id=plan_id)
    plan.active = active
    plan.updated_at = now
    session.add(plan)
    session.flush()
    return plan
