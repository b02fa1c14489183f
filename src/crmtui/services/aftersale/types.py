"""What the after-sale area returns: complaints with their entries, service plans and records,
satisfaction ratings, referrals and the card's Service tab.

TypedDicts: ``--json`` prints them as they are and screens index them by key. Money is
``crmtui.money.Money`` (integer minor units); dates are ``date``, instants aware ``datetime``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypedDict


class ComplaintEntryRow(TypedDict):
    """One dated entry of a complaint: a step (1-6), a close or a reopen."""

    id: int
    kind: str
    step: int | None
    at: datetime
    note: str | None
    by_date: date | None
    satisfaction: int | None


class ComplaintRow(TypedDict):
    """A complaint in ``crm complaints``."""

    id: int
    customer_id: int
    customer: str
    contact_id: int | None
    contact: str | None
    received_at: datetime
    channel: str
    category: str
    severity: str
    said: str
    promised_by: date | None
    status: str
    step: int
    satisfaction: int | None
    closed_at: datetime | None
    updated_at: datetime


class ComplaintDetail(ComplaintRow):
    """``crm complaint show``: the complaint, its timeline and what comes next."""

    entries: list[ComplaintEntryRow]
    next_steps: list[int]


class ServicePlanRow(TypedDict):
    """A service plan: what, how often, when next."""

    id: int
    customer_id: int
    customer: str
    kind: str
    every: str
    next_due: date
    active: bool
    product: str | None
    note: str | None
    last_done: date | None


class ServiceRecordRow(TypedDict):
    """A service done."""

    id: int
    customer_id: int
    customer: str
    plan_id: int | None
    done_on: date
    kind: str
    done_by: str | None
    work: str | None
    parts: str | None
    cost: int
    currency: str
    satisfaction: int | None


class SatisfactionRow(TypedDict):
    """A satisfaction rating; ``level`` 1 (very dissatisfied) to 5 (very satisfied)."""

    id: int
    customer_id: int
    level: int
    level_name: str
    previous: int | None
    source: str
    ref_id: int | None
    note: str | None
    at: datetime


class ReferredCustomer(TypedDict):
    """A customer someone referred, and what they bought (deals won)."""

    id: int
    name: str
    stage: str
    bought: list[str]


class CustomerLink(TypedDict):
    id: int
    name: str


class ServiceCard(TypedDict):
    """The card's Service tab (and ``crm show``'s ``service`` key)."""

    complaints: list[ComplaintDetail]
    plans: list[ServicePlanRow]
    records: list[ServiceRecordRow]
    satisfaction: list[SatisfactionRow]
    referred_by: CustomerLink | None
    referred: list[ReferredCustomer]


class SatisfactionSaved(TypedDict):
    """What recording a rating did: the rating and whether it put a call on tomorrow's plan."""

    id: int
    level: int
    previous: int | None
    follow_up: bool
