"""What the planning area returns: the day plan as data (``crm plan --json``, the desktop, the
planner screen), the feed's rows the plan is built from, and a customer's weekly slots.

TypedDicts: consumers index them by key and ``--json`` prints them as they are.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypedDict


class Who(TypedDict):
    """Whom a plan entry is for; every entry of the plan starts with these keys."""

    customer_id: int
    customer: str
    contact_id: int | None
    contact: str | None
    phones: list[str]


class PlanCall(Who):
    """A call placed in the day, in planned order."""

    at: datetime
    their_time: str
    their_zone: str
    phone: str | None
    goal: str
    kinds: list[str]
    reasons: list[str]
    flags: list[str]
    tier: str
    refs: list[int]
    action_id: int | None


class UnplacedCall(Who):
    """A call due today that found no slot, with why and what to do."""

    kinds: list[str]
    goal: str
    code: str
    reason: str
    suggestion: str
    refs: list[int]
    action_id: int | None
    next_possible: datetime | None


class NurtureRow(Who):
    """A customer moved off the calls after many unanswered attempts."""

    unanswered: int
    last_attempt: datetime | None
    reason: str


class PlanTask(Who):
    """Something other than a call the plan asks for (a letter, a card...)."""

    kind: str
    channel: str
    goal: str
    due: date
    reason: str
    ref: int | None


class PlanData(TypedDict):
    """The day plan as plain data."""

    day: date
    zone: str
    calls: list[PlanCall]
    not_placed: list[UnplacedCall]
    nurture: list[NurtureRow]
    tasks: list[PlanTask]


class FeedCustomer(TypedDict):
    """A customer as the planner reads it (``feed.CUSTOMER_FIELDS``); phones are JSON text."""

    id: int
    name: str
    is_person: int | bool
    country: str | None
    timezone: str | None
    phones: str | None
    grade: str | None


class FollowUpRow(FeedCustomer):
    """A planned follow-up call (``ref`` is the activity)."""

    ref: int
    due_at: datetime | str
    note: str | None
    contact_id: int | None


class UnansweredRow(FollowUpRow):
    done_at: datetime | str


class LeadRow(FeedCustomer):
    created_at: datetime | str


class KeepInTouchRow(FeedCustomer):
    last_contact_at: datetime | str


class WinRow(FeedCustomer):
    """A deal won lately that has had no thank-you letter (``ref`` is the opportunity)."""

    ref: int
    closed_at: datetime | str
    title: str


class ComplaintDueRow(FeedCustomer):
    """An open complaint whose solution was promised by a date (``ref`` is the complaint)."""

    ref: int
    promised_by: str
    category: str
    contact_id: int | None


class ServiceDueRow(FeedCustomer):
    """An active service plan coming due (``ref`` is the plan)."""

    ref: int
    next_due: str
    kind: str


class DropRow(FeedCustomer):
    """A customer whose latest rating dropped to dissatisfied or worse (``ref`` is the rating)."""

    ref: int
    at: datetime | str
    level: int


class FeedContact(TypedDict):
    id: int
    customer_id: int
    name: str
    phones: str | None
    timezone: str | None


class SlotRow(TypedDict):
    """A weekly slot in ``crm slots`` and on the card, in the callee's local time."""

    id: int
    kind: str
    weekday: int
    start_minute: int
    end_minute: int
    note: str | None
    inferred: bool
    contact: str | None
    label: str


class TimeslotRecord(TypedDict):
    """A weekly slot (busy, preferred, do-not-call) as stored, in the callee's local time."""

    id: int
    customer_id: int
    contact_id: int | None
    kind: str
    weekday: int
    start_minute: int
    end_minute: int
    inferred: int | bool
    note: str | None
    created_at: datetime | str
    updated_at: datetime | str
