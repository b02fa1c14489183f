"""What the desktop area returns: the panels of the today desktop (今日桌面).

TypedDicts: screens index them by key and ``crm today --json`` prints them as they are. The
TUI's first panels keep their hyphenated keys (``recent-customers``), hence the functional form.
"""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypedDict, TypeVar

from crmtui.services.announcements.types import AnnouncementRow
from crmtui.services.contacts.types import BirthdayRow
from crmtui.services.customers.types import ActionRow
from crmtui.services.planning.types import PlanCall

CallT = TypeVar("CallT", PlanCall, ActionRow)


class RecentCustomer(TypedDict):
    id: int
    name: str
    stage: str
    grade: str | None
    updated_at: datetime | None


class RecentContact(TypedDict):
    id: int
    name: str
    role: str | None
    customer_id: int
    customer: str
    updated_at: datetime | None


class RecentOpportunity(TypedDict):
    """Amounts are integer minor units."""

    id: int
    title: str
    stage: str
    amount: int
    currency: str
    customer_id: int
    customer: str | None
    updated_at: datetime | None


class PinnedNote(TypedDict):
    id: int
    body: str
    customer_id: int | None
    customer: str | None
    updated_at: datetime | None


class Deals(TypedDict):
    count: int
    amount: int


class MonthSummary(TypedDict):
    """This month's work so far."""

    month: str
    calls: int
    calls_reached: int
    reached_rate: float | None
    visits: int
    other_touches: int
    new_customers: dict[str, int]
    won: Deals
    lost: Deals


class Desktop(TypedDict, Generic[CallT]):
    """Every panel of ``crm today``; ``today_calls`` are the plan's calls (``PlanCall``) when a
    planner is given, else the calls due today (``ActionRow``)."""

    now: datetime
    birthdays: list[BirthdayRow]
    week_actions: list[ActionRow]
    today_calls: list[CallT]
    recent_customers: list[RecentCustomer]
    recent_contacts: list[RecentContact]
    recent_opportunities: list[RecentOpportunity]
    pinned_notes: list[PinnedNote]
    announcements: list[AnnouncementRow]
    month: MonthSummary


class FirstPanels(TypedDict):
    """The desktop's cheap panels, the ones needed to start working (the plan comes after);
    the same keys as :class:`Desktop`."""

    exists: bool
    today_calls: list[ActionRow]
    week_actions: list[ActionRow]
    recent_customers: list[RecentCustomer]
    recent_contacts: list[RecentContact]
    pinned_notes: list[PinnedNote]
    announcements: list[AnnouncementRow]


class MorePanels(TypedDict):
    """The desktop's panels that can wait a moment: birthdays and recent opportunities."""

    birthdays: list[BirthdayRow]
    recent_opportunities: list[RecentOpportunity]
