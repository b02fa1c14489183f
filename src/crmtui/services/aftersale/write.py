"""After-sale changes, each inside the caller's Session (one user action = one transaction):
complaints through their steps, satisfaction ratings, service plans and records, referrals.

Every check runs before the first row is added, and a refusal rolls the session back, so a
refused command leaves nothing behind.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from crmtui.db.tables.aftersale import (
    Complaint,
    ComplaintStep,
    Referral,
    Satisfaction,
    ServicePlan,
    ServiceRecord,
)
from crmtui.db.tables.contacts import Contact
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.aftersale import rules
from crmtui.services.aftersale.types import SatisfactionSaved
from crmtui.services.common import checks
from crmtui.services.common.months import add_months
from crmtui.services.customers.write import get_customer


def _said(value: str | None, label: str) -> str:
    """Text a complaint entry cannot go without."""
    text = checks.text(value, label)
    if text is None:
        if label == "said":
            raise InvalidInput("complaint-needs-said", field=label)
        raise InvalidInput("complaint-step-needs-note", field=label)
    return text


def add_complaint(
    session: Session,
    *,
    now: datetime,
    customer_id: int,
    said: str,
    contact_id: int | None = None,
    channel: str = "call",
    category: str = "other",
    severity: str = "normal",
    received_at: datetime | None = None,
) -> Complaint:
    """Record a complaint with what the customer said (step 1)."""
    get_customer(session, customer_id)
    words = _said(said, "said")
    if contact_id is not None:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.customer_id != customer_id or contact.deleted_at:
            raise NotFound("no-contact-id", id=contact_id)
    at = received_at or now
    complaint = Complaint(
        customer_id=customer_id,
        contact_id=contact_id,
        received_at=at,
        channel=rules.pick(channel, rules.CHANNELS, "channel") or "call",
        category=rules.pick(category, rules.CATEGORIES, "category") or "other",
        severity=rules.pick(severity, rules.SEVERITIES, "severity") or "normal",
        said=words,
        status="open",
        step=1,
        created_at=now,
        updated_at=now,
    )
    session.add(complaint)
    session.flush()
    assert complaint.id is not None
    _entry(session, now, complaint.id, rules.STEP, step=1, note=words, at=at)
    return complaint


def get_complaint(session: Session, complaint_id: int) -> Complaint:
    complaint = session.get(Complaint, complaint_id)
    if complaint is None:
        raise NotFound("no-complaint-id", id=complaint_id)
    return complaint


def _entry(
    session: Session,
    now: datetime,
    complaint_id: int,
    kind: str,
    *,
    step: int | None = None,
    note: str | None = None,
    by_date: date | None = None,
    satisfaction: int | None = None,
    at: datetime | None = None,
) -> None:
    session.add(
        ComplaintStep(
            complaint_id=complaint_id,
            kind=kind,
            step=step,
            at=at or now,
            note=note,
            by_date=by_date,
            satisfaction=satisfaction,
            created_at=now,
            updated_at=now,
        )
    )
    session.flush()


def _refresh(session: Session, complaint: Complaint, now: datetime) -> None:
    """Store the status the entries give (the entries are the record)."""
    entries = session.exec(
        select(ComplaintStep)
        .where(ComplaintStep.complaint_id == complaint.id)
        .order_by(col(ComplaintStep.at), col(ComplaintStep.id))
    ).all()
    found = rules.progress(rules.Entry(e.kind, e.step) for e in entries)
    complaint.status, complaint.step = found.status, found.step
    complaint.updated_at = now
    session.add(complaint)
    session.flush()


def record_step(
    session: Session,
    *,
    now: datetime,
    complaint_id: int,
    step: int,
    note: str,
    by_date: date | None = None,
) -> Complaint:
    """Record step ``step`` with its text; step 4 takes the promised date (``by_date``)."""
    complaint = get_complaint(session, complaint_id)
    rules.check_step(complaint_id, rules.Progress(complaint.status, complaint.step), step)
    text = _said(note, "note")
    if by_date is not None and step != 4:
        raise InvalidInput("complaint-by-only-step-4", field="by", step=step)
    if by_date is not None:
        complaint.promised_by = by_date
    _entry(session, now, complaint_id, rules.STEP, step=step, note=text, by_date=by_date)
    _refresh(session, complaint, now)
    return complaint


def close_complaint(
    session: Session,
    *,
    now: datetime,
    complaint_id: int,
    satisfaction: int | None,
    unresolved: bool = False,
    note: str | None = None,
) -> Complaint:
    """Close with the customer's satisfaction; unhappy (or ``unresolved``) is closed-unresolved."""
    complaint = get_complaint(session, complaint_id)
    if complaint.status in rules.CLOSED:
        raise InvalidInput("complaint-already-closed", field="id", id=complaint_id)
    kind = rules.close_kind(satisfaction, unresolved=unresolved)
    assert satisfaction is not None
    text = checks.text(note, "note")
    _entry(session, now, complaint_id, kind, note=text, satisfaction=satisfaction)
    complaint.satisfaction = satisfaction
    complaint.closed_at = now
    _refresh(session, complaint, now)
    record_satisfaction(
        session,
        now=now,
        customer_id=complaint.customer_id,
        level=satisfaction,
        source="complaint",
        ref_id=complaint_id,
        note=text,
    )
    return complaint


def reopen_complaint(
    session: Session, *, now: datetime, complaint_id: int, note: str | None = None
) -> Complaint:
    """Open a closed complaint again; every earlier entry stays, a new round starts at step 1."""
    complaint = get_complaint(session, complaint_id)
    if complaint.status not in rules.CLOSED:
        raise InvalidInput("complaint-not-closed", field="id", id=complaint_id)
    _entry(session, now, complaint_id, rules.REOPEN, note=checks.text(note, "note"))
    complaint.closed_at = None
    complaint.satisfaction = None
    complaint.promised_by = None
    _refresh(session, complaint, now)
    return complaint


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
) -> ServicePlan:
    """A recurring service; first due on ``first_due``, else one interval from ``today``."""
    get_customer(session, customer_id)
    code = rules.pick(kind, rules.SERVICE_KINDS, "kind")
    assert code is not None
    count, unit = rules.parse_every(every)
    plan = ServicePlan(
        customer_id=customer_id,
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


def set_referrer(
    session: Session, *, now: datetime, customer_id: int, referrer_id: int | None
) -> None:
    """Record who referred ``customer_id`` (None forgets it); never themselves, never a cycle."""
    get_customer(session, customer_id)
    existing = session.get(Referral, customer_id)
    if referrer_id is None:
        if existing is not None:
            session.delete(existing)
            session.flush()
        return
    referrer = get_customer(session, referrer_id)
    if referrer_id == customer_id:
        raise InvalidInput("referral-self", field="referred_by")
    seen: set[int] = {customer_id}
    up: int | None = referrer_id
    while up is not None:
        if up in seen:
            raise InvalidInput("referral-cycle", field="referred_by", name=referrer.name)
        seen.add(up)
        link = session.get(Referral, up)
        up = link.referrer_id if link is not None else None
    if existing is None:
        existing = Referral(
            customer_id=customer_id, referrer_id=referrer_id, created_at=now, updated_at=now
        )
    existing.referrer_id = referrer_id
    existing.updated_at = now
    session.add(existing)
    session.flush()
