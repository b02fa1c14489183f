"""After-sale changes, each inside the caller's Session (one user action = one transaction):
complaints through their steps and referrals; satisfaction ratings and service plans and
records are in ``service_write`` (imported here too, so callers find every change here).

Every check runs before the first row is added, and a refusal rolls the session back, so a
refused command leaves nothing behind.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from crmtui.db.tables.aftersale import (
    Complaint,
    ComplaintStep,
    Referral,
)
from crmtui.db.tables.contacts import Contact
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.aftersale import rules
from crmtui.services.aftersale.service_write import (
    check_order,
    log_service,
    next_due_after,
    plan_service,
    record_satisfaction,
    set_plan_active,
)
from crmtui.services.common import checks
from crmtui.services.customers.write import get_customer

__all__ = [
    "add_complaint",
    "close_complaint",
    "get_complaint",
    "log_service",
    "next_due_after",
    "plan_service",
    "record_satisfaction",
    "record_step",
    "reopen_complaint",
    "set_plan_active",
    "set_referrer",
]


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
    order_id: int | None = None,
) -> Complaint:
    """Record a complaint with what the customer said (step 1), about an order if given."""
    get_customer(session, customer_id)
    check_order(session, customer_id, order_id)
    words = _said(said, "said")
    if contact_id is not None:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.customer_id != customer_id or contact.deleted_at:
            raise NotFound("no-contact-id", id=contact_id)
    at = received_at or now
    complaint = Complaint(
        customer_id=customer_id,
        contact_id=contact_id,
        order_id=order_id,
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
