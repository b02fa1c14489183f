"""What the summaries area returns: a weekly or monthly work summary (工作总结).

TypedDicts: the renderers and the summary screen index them by key, and ``--json`` prints them as
they are. Amounts are integer minor units, summed per currency.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Generic, NotRequired, TypedDict, TypeVar

from crmtui.money import Money
from crmtui.services.contacts.types import BirthdayRow
from crmtui.services.summaries.office import OfficeFigures

ItemT = TypeVar("ItemT")


class Listed(TypedDict, Generic[ItemT]):
    """A capped list and how many there were in all."""

    count: int
    items: list[ItemT]


class DayCounts(TypedDict):
    date: date
    calls: int
    reached: int
    not_reached: int
    visits: int
    emails: int
    other: int


class NewCustomer(TypedDict):
    id: int
    name: str
    stage: str
    grade: str | None
    city: str | None
    created_at: datetime | None


class NewCustomers(Listed[NewCustomer]):
    by_stage: dict[str, int]


class CustomerChange(TypedDict):
    """A stage or grade change, from the first old value to the last new one of the period."""

    customer_id: int
    customer: str
    field: str
    old: str | None
    new: str | None
    at: datetime | None


class Deal(TypedDict):
    id: int
    customer_id: int
    customer: str
    title: str
    stage: str
    amount: int
    currency: str
    lost_reason: str | None
    competitor: str | None


class AdvancedDeal(Deal):
    from_stage: str | None
    to_stage: str
    at: datetime | None


class ClosedDeals(Listed[Deal]):
    amounts: dict[str, Money]


class LostDeals(ClosedDeals):
    reasons: dict[str, int]


class Opportunities(TypedDict):
    created: Listed[Deal]
    advanced: Listed[AdvancedDeal]
    won: ClosedDeals
    lost: LostDeals


class TopCustomer(TypedDict):
    customer_id: int
    customer: str
    stage: str
    grade: str | None
    touches: int
    calls: int
    visits: int


class OverdueAction(TypedDict):
    id: int
    customer_id: int
    customer: str | None
    kind: str
    due_at: datetime
    done_at: datetime | None
    note: str | None
    days_overdue: int


class Overdue(Listed[OverdueAction]):
    as_of: datetime


class NextAction(TypedDict):
    id: int
    customer_id: int
    customer: str | None
    kind: str
    due_at: datetime
    note: str | None
    contact: str | None


class NextPeriod(TypedDict):
    period: str
    start: date
    end: date
    actions: Listed[NextAction]
    birthdays: Listed[BirthdayRow]


class PeriodActivity(TypedDict):
    """A touch done in the period: a row of the CSV export."""

    id: int
    done_at: datetime | None
    kind: str
    outcome: str | None
    customer_id: int
    customer: str
    contact: str | None
    opportunity: str | None
    minutes: int | None
    note: str | None


class MoneyCount(TypedDict):
    """How many orders or payments, and their amounts by currency."""

    count: int
    amounts: dict[str, Money]


class MoneyFigures(TypedDict):
    """Orders booked, shipped and delivered, cash collected, and overdue at the period's end."""

    booked: MoneyCount
    shipped: MoneyCount
    delivered: MoneyCount
    collected: MoneyCount
    overdue: MoneyCount
    as_of: date


class AfterSale(TypedDict):
    """After the sale in the period; ``satisfaction`` counts the ratings given, by level 5..1."""

    complaints_received: int
    complaints_closed: int
    complaints_unresolved: int
    median_days_to_close: float | None
    services_done: int
    satisfaction: dict[str, int]
    referrals: int


class Summary(TypedDict):
    """Everything a summary shows; ``activities`` only when asked for."""

    kind: str
    period: str
    start: date
    end: date
    timezone: str
    generated_at: datetime
    previous_period: str
    next_period: str
    days: list[DayCounts]
    totals: dict[str, int]
    new_customers: NewCustomers
    customer_changes: Listed[CustomerChange]
    opportunities: Opportunities
    top_customers: list[TopCustomer]
    overdue: Overdue
    money: MoneyFigures
    next: NextPeriod
    reflection: str | None
    after_sale: AfterSale
    office: OfficeFigures
    activities: NotRequired[list[PeriodActivity]]
