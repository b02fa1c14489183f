"""Writing activities: logging done touches, planning follow-ups, completing planned ones.

A done activity moves the customer's ``last_contact_at`` forward, which resets its
keep-in-touch cadence.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from crmtui.clock import from_db
from crmtui.db.constants import ACTIVITY_KINDS, OUTCOMES
from crmtui.db.tables.activities import Activity
from crmtui.db.tables.customers import Customer
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.activities.answering import answered_follow_up
from crmtui.services.common import checks
from crmtui.services.contacts.write import get_contact
from crmtui.services.customers.write import get_customer


def _check_links(session: Session, customer: Customer, contact_id: int | None) -> None:
    if contact_id is not None and get_contact(session, contact_id).customer_id != customer.id:
        raise InvalidInput(
            "contact-not-of-customer", field="contact", contact=contact_id, name=customer.name
        )


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
    action_id: int | None = None,
    call_day: tuple[datetime, datetime] | None = None,
) -> Activity:
    """Record a touch that happened (``at`` defaults to now).

    A touch answers an open follow-up: ``action_id`` names it; else, for a call, with
    ``call_day`` (the start and end of the call's day) the one due that day is found (see
    :mod:`crmtui.services.activities.answering`). That follow-up is completed with what was
    logged, rather than a second activity being written, so the call is one attempt in the
    history and the planner does not plan the follow-up again. Then the returned activity has
    a ``due_at``.
    """
    customer = get_customer(session, customer_id)
    _check_links(session, customer, contact_id)
    done_at = at or now
    if done_at > now:
        raise InvalidInput("logged-in-future", field="when")
    minutes = checks.minutes(minutes)
    kind = checks.choice(kind, ACTIVITY_KINDS, "activity kind", field="kind") or "call"
    if action_id is not None:
        planned: Activity | None = _open_action(session, customer, action_id, kind)
    elif kind == "call" and call_day is not None:
        planned = _due_follow_up(session, customer_id, call_day)
    else:
        planned = None
    if planned is not None:
        return _answer(session, planned, customer, done_at, now, outcome, note, minutes, contact_id)
    activity = Activity(
        customer_id=customer_id,
        contact_id=contact_id,
        opportunity_id=opportunity_id,
        kind=kind,
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


def _open_action(session: Session, customer: Customer, action_id: int, kind: str) -> Activity:
    planned = session.get(Activity, action_id)
    if planned is None:
        raise NotFound("no-action-id", id=action_id)
    if planned.customer_id != customer.id:
        raise InvalidInput("action-not-of-customer", id=action_id, name=customer.name)
    if planned.done_at is not None:
        raise InvalidInput("action-already-done", id=action_id)
    if planned.kind != kind:
        raise InvalidInput("action-other-kind", id=action_id, planned=planned.kind, kind=kind)
    return planned


def _due_follow_up(
    session: Session, customer_id: int, call_day: tuple[datetime, datetime]
) -> Activity | None:
    """The open call follow-up that a call on ``call_day`` answers, if one is due by then."""
    rows = session.exec(
        select(Activity).where(
            Activity.customer_id == customer_id,
            Activity.kind == "call",
            col(Activity.done_at).is_(None),
            col(Activity.due_at).is_not(None),
        )
    ).all()
    due = {a.id: a for a in rows if a.id is not None}
    pairs = [(i, at) for i, a in due.items() if (at := from_db(a.due_at)) is not None]
    found = answered_follow_up(pairs, *call_day)
    return due[found] if found is not None else None


def _answer(
    session: Session,
    planned: Activity,
    customer: Customer,
    done_at: datetime,
    now: datetime,
    outcome: str | None,
    note: str | None,
    minutes: int | None,
    contact_id: int | None,
) -> Activity:
    planned.done_at = done_at
    planned.outcome = checks.choice(outcome, OUTCOMES, "outcome")
    if note:
        extra = checks.text(note, "note")
        planned.note = f"{planned.note}\n{extra}" if planned.note else extra
    planned.minutes = minutes
    if contact_id is not None:
        planned.contact_id = contact_id
    planned.updated_at = now
    _touch(customer, done_at, now)
    session.add_all([planned, customer])
    session.flush()
    return planned


def check_follow_up_time(due_at: datetime, now: datetime) -> None:
    """Refuse a follow-up planned in the past (the minute that is now still counts), with one
    line: what was typed most likely meant a log, or a later date. The CLI and the TUI form
    both ask this before saving; imports and the demo may write past ones."""
    if due_at < now.replace(second=0, microsecond=0):
        shown = due_at.strftime("%a %Y-%m-%d %H:%M")  # in the zone it was typed in
        raise InvalidInput("follow-up-in-past", field="due", shown=shown)


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
    refuse_past: bool = False,
) -> Activity:
    """Schedule a follow-up; it shows among the open actions until done.

    ``refuse_past``: what a person types is checked with :func:`check_follow_up_time`.
    """
    if refuse_past:
        check_follow_up_time(due_at, now)
    customer = get_customer(session, customer_id)
    _check_links(session, customer, contact_id)
    activity = Activity(
        customer_id=customer_id,
        contact_id=contact_id,
        opportunity_id=opportunity_id,
        kind=checks.choice(kind, ACTIVITY_KINDS, "activity kind", field="kind") or "call",
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
    at: datetime | None = None,
    contact_id: int | None = None,
) -> Activity:
    """Mark a planned activity done (``at``, default now), with its outcome; ``contact_id``
    names who was reached when that is not the contact it was planned with."""
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFound("no-action-id", id=activity_id)
    if activity.done_at is not None:
        raise InvalidInput("action-already-done", id=activity_id)
    done_at = at or now
    if done_at > now:
        raise InvalidInput("logged-in-future", field="when")
    customer = get_customer(session, activity.customer_id)
    if contact_id is not None:
        _check_links(session, customer, contact_id)
        activity.contact_id = contact_id
    activity.done_at = done_at
    activity.outcome = checks.choice(outcome, OUTCOMES, "outcome")
    if note:
        extra = checks.text(note, "note")
        activity.note = f"{activity.note}\n{extra}" if activity.note else extra
    activity.minutes = checks.minutes(minutes)
    activity.updated_at = now
    _touch(customer, done_at, now)
    session.add_all([activity, customer])
    session.flush()
    return activity


def _touch(customer: Customer, when: datetime, now: datetime) -> None:
    last = from_db(customer.last_contact_at)
    if last is None or when > last:
        customer.last_contact_at = when
    customer.updated_at = now
