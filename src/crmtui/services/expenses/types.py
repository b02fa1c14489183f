"""What the expenses area takes and returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypedDict

from crmtui.money import Money


@dataclass(frozen=True)
class LineInput:
    """One line as the user gave it; ``amount`` in minor units, links by id."""

    spent_on: date
    category: str
    amount: int
    currency: str = "CNY"
    note: str | None = None
    receipt: str | None = None
    customer_id: int | None = None
    opportunity_id: int | None = None
    event_id: int | None = None


class LineRow(TypedDict):
    id: int
    spent_on: date
    category: str
    amount: Money
    currency: str
    note: str | None
    receipt: str | None
    customer_id: int | None
    customer: str | None
    opportunity_id: int | None
    opportunity: str | None
    event_id: int | None
    event: str | None


class ClaimRow(TypedDict):
    """A claim in ``crm expense list``; ``total`` sums its lines (currency None if mixed)."""

    id: int
    title: str | None
    status: str
    reject_reason: str | None
    lines: int
    total: Money
    first_day: date | None
    submitted_at: datetime | None
    decided_at: datetime | None
    reimbursed_at: datetime | None
    updated_at: datetime | None


class ClaimCard(TypedDict):
    claim: ClaimRow
    items: list[LineRow]


class ReportRow(TypedDict):
    """One group of an expense report: its key (month, category, customer id or event id),
    what to call it, how many lines and how much, per currency."""

    key: str
    label: str
    lines: int
    amount: Money
    currency: str


class CostOfSaleRow(TypedDict):
    """A won opportunity and what was spent to win it."""

    opportunity_id: int
    title: str
    customer: str
    won_amount: Money
    cost: Money
    currency: str
    share: str  # cost as a percentage of the amount won, "3.4%"
