"""Writing activities: logging done touches, planning follow-ups, completing planned ones.

A done activity moves the customer's ``last_contact_at`` forward, which resets its
keep-in-touch cadence.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from crmtui.clock import from_db
from crmtui.db.constants import ACTIVITY_KINDS, OUTCOMES
from crmtui.db.models import Activity, Customer
from crmtui.errors import InvalidInput, NotFound
from crmtui.services import checks
from crmtui.services.contacts import get_contact
from crmtui.services.customers import get_customer


def _check_links(session: Session, customer: Customer, contact_id: int | None) -> None:
    if contact_id is not None and get_contact(session, contact_id).customer_id != customer.id:
        raise InvalidInput(f"contact {contact_id} does not belong to {customer.name}")


def log_activity(
    session: Session,
    *,
    now: datetime,
    customer_id: int,
    kind: str = "call",
    outcome: str | None = None,
    at: datetime | None = None,
    minutes: int | None = None,
    note: str | None = None,
    contact_id: int | None = None,
    opportunity_id: int | None = None,
) -> Activity:
    """Record a touch that happened (``at`` defaults to now)."""
    customer = get_customer(session, customer_id)
    _check_links(session, customer, contact_id)
    done_at = at or now
    if done_at > now:
        raise InvalidInput("a logged activity cannot be in the future; use follow-up to plan one")
    minutes = checks.minutes(minutes)
    activity = Activity(
        customer_id=customer_id,
        contact_id=contact_id,
        opportunity_id=opportunity_id,
        kind=checks.choice(kind, ACTIVITY_KINDS, "activity kind") or "call",
        outcome=checks.choice(outcome, OUTCOMES, "outcome"),
        done_at=done_at,
        minutes=minutes,
        note=checks.text(note, "note"),
        created_at=now,
        updated_at=now,
    )
    session.add(activity)
    _touch(customer, done_at, now)
    session.add(customer)
    session.flush()
    return activity


def plan_activity(
    session: Session,
    *,
    now: datetime,
    customer_id: int,
    due_at: datetime,
    kind: str = "call",
    note: str | None = None,
    contact_id: int | None = None,
    opportunity_id: int | None = None,
) -> Activity:
    """Schedule a follow-up; it shows among the open actions until done."""
    customer = get_customer(session, customer_id)
    _check_links(session, customer, contact_id)
    activity = Activity(
        customer_id=customer_id,
        contact_id=contact_id,
        opportunity_id=opportunity_id,
        kind=checks.choice(kind, ACTIVITY_KINDS, "activity kind") or "call",
        due_at=due_at,
        note=checks.text(note, "note"),
        created_at=now,
        updated_at=now,
    )
    session.add(activity)
    customer.updated_at = now
    session.add(customer)
    session.flush()
    return activity


def complete_activity(
    session: Session,
    *,
    now: datetime,
    activity_id: int,
    outcome: str | None = None,
    note: str | None = None,
    minutes: int | None = None,
) -> Activity:
    """Mark a planned activity done now, with its outcome."""
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFound(f"no action with id {activity_id}")
    if activity.done_at is not None:
        raise InvalidInput(f"action {activity_id} is already done")
    activity.done_at = now
    activity.outcome = checks.choice(outcome, OUTCOMES, "outcome")
    if note:
        extra = checks.text(note, "note")
        activity.note = f"{activity.note}\n{extra}" if activity.note else extra
    activity.minutes = checks.minutes(minutes)
    activity.updated_at = now
    customer = get_customer(session, activity.customer_id)
    _touch(customer, now, now)
    session.add_all([activity, customer])
    session.flush()
    return activity


def _touch(customer: Customer, when: datetime, now: datetime) -> None:
    last = from_db(customer.last_contact_at)
    if last is None or when > last:
        customer.last_contact_at = when
    customer.updated_at = now
