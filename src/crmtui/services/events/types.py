"""What the events area returns."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypedDict

from crmtui.money import Money


class EventRow(TypedDict):
    """An event in ``crm event list``; ``cost`` is the sum of the expenses linked to it."""

    id: int
    name: str
    kind: str
    status: str
    starts_on: date
    ends_on: date
    place: str | None
    budget: Money
    cost: Money
    currency: str
    partners: str | None
    notes: str | None
    invited: int
    attended: int


class InviteeRow(TypedDict):
    """One person invited to an event."""

    id: int
    customer_id: int
    customer: str
    contact_id: int | None
    contact: str | None
    status: str
    attended: bool
    lead: bool


class EventReport(TypedDict):
    """What an event brought: counts, and the money per head (minor units, None if nobody)."""

    invited: int
    registered: int
    declined: int
    attended: int
    leads: int
    opportunities: int
    won: int
    won_amount: Money
    cost: Money
    cost_per_attendee: Money | None
    cost_per_lead: Money | None


class EventCard(TypedDict):
    """``crm event show``: the event, its invitees and its report."""

    event: EventRow
    invitees: list[InviteeRow]
    report: EventReport


class FollowUpMade(TypedDict):
    """A follow-up call the event rule planned for an attendee."""

    activity_id: int
    customer_id: int
    customer: str  # the customer's name, as the CLI says it
    due_at: datetime
