"""The today desktop (今日桌面): the queries behind ``crm today`` and the TUI's first screen.

Every query here is answered from an index (tests check ``EXPLAIN QUERY PLAN``): birthdays by
their month-day key, actions by (done_at, due_at), recent rows by their update time over live
rows (partial indexes ``WHERE deleted_at IS NULL``).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, overload

from crmtui.clock import from_db
from crmtui.db.reader import Reader, in_list
from crmtui.money import Money, of_row, total
from crmtui.services.activities.read import list_actions
from crmtui.services.announcements.read import current
from crmtui.services.common.records import decoded
from crmtui.services.contacts.birthdays_soon import upcoming_birthdays
from crmtui.services.customers.types import ActionRow
from crmtui.services.desktop.types import (
    CallT,
    Deals,
    Desktop,
    FirstPanels,
    MonthSummary,
    MorePanels,
    PinnedNote,
    RecentContact,
    RecentCustomer,
    RecentOpportunity,
)
from crmtui.services.planning.types import PlanCall

if TYPE_CHECKING:
    from crmtui.services.planning.planner import PlannerSettings

RECENT = 8
REACHED = ("reached", "appointment", "call-back", "not-interested")


def recent_customers(reader: Reader, *, limit: int = RECENT) -> list[RecentCustomer]:
    # ordered by updated_at alone: the WHERE fixes deleted_at, and naming it in the ORDER BY
    # kept PostgreSQL from reading ix_customer_updated_live (it sorted every customer)
    rows = reader.rows(
        "SELECT id, name, stage, grade, updated_at FROM customer WHERE deleted_at IS NULL "
        "ORDER BY updated_at DESC LIMIT :limit",
        {"limit": limit},
    )
    return [decoded(r, RecentCustomer) for r in rows]


def recent_contacts(reader: Reader, *, limit: int = RECENT) -> list[RecentContact]:
    rows = reader.rows(
        "SELECT p.id, p.name, p.role, p.customer_id, c.name AS customer, p.updated_at "
        "FROM contact p JOIN customer c ON c.id = p.customer_id "
        "WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL "
        "ORDER BY p.updated_at DESC LIMIT :limit",
        {"limit": limit},
    )
    return [decoded(r, RecentContact) for r in rows]


def recent_opportunities(reader: Reader, *, limit: int = RECENT) -> list[RecentOpportunity]:
    rows = reader.rows(
        "SELECT o.id, o.title, o.stage, o.amount, o.currency, o.customer_id, c.name AS customer, "
        "o.updated_at FROM opportunity o LEFT JOIN customer c ON c.id = o.customer_id "
        "WHERE c.deleted_at IS NULL ORDER BY o.updated_at DESC LIMIT :limit",
        {"limit": limit},
    )
    return [of_row(decoded(r, RecentOpportunity)) for r in rows]


def pinned_notes(reader: Reader, *, limit: int = RECENT) -> list[PinnedNote]:
    rows = reader.rows(
        "SELECT n.id, n.body, n.customer_id, c.name AS customer, n.updated_at FROM note n "
        "LEFT JOIN customer c ON c.id = n.customer_id WHERE n.pinned = TRUE "
        "ORDER BY n.updated_at DESC LIMIT :limit",
        {"limit": limit},
    )
    return [decoded(r, PinnedNote) for r in rows]


def month_summary(reader: Reader, *, now: datetime, tz: tzinfo) -> MonthSummary:
    """This month's work: calls and visits, reached rate, new customers, deals won and lost.

    Counting a month of activities is most of ``crm today``'s own work, so the figures are kept
    (``plan_cache.remembered``) until a write, or until ``now`` reaches the next row with a
    later time (a touch, a new customer, a closed deal) or the next month.
    """
    from crmtui.services.planning.plan_cache import remembered

    def compute() -> tuple[str, datetime]:
        figures = _month_summary(reader, now=now, tz=tz)
        return _month_json(figures), _month_holds_until(reader, now=now, tz=tz)

    return _month_from_json(remembered(reader, f"month|{tz}", now, compute))


def _month_holds_until(reader: Reader, *, now: datetime, tz: tzinfo) -> datetime:
    """The last instant at which the figures counted at ``now`` are still this month's."""
    local = now.astimezone(tz)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    until = datetime(year, month, 1, tzinfo=tz) - timedelta(microseconds=1)
    for table, column in (
        ("activity", "done_at"),
        ("customer", "created_at"),
        ("opportunity", "closed_at"),
    ):
        # the month counts rows up to now; the next one joins as now reaches its time
        later = reader.scalar(
            f"SELECT {column} FROM {table} WHERE {column} > :now ORDER BY {column} LIMIT 1",
            {"now": reader.ts(now)},
        )
        at = from_db(later) if later is not None else None
        if at is not None:
            until = min(until, at - timedelta(microseconds=1))
    return max(until, now)


def _month_json(figures: MonthSummary) -> str:
    data = {**figures}
    for side in ("won", "lost"):
        amount = figures[side]["amount"]
        currency = amount.currency if isinstance(amount, Money) else None
        data[side] = {"count": figures[side]["count"], "amount": [int(amount), currency]}
    return json.dumps(data, ensure_ascii=False)


def _month_from_json(body: str) -> MonthSummary:
    data = json.loads(body)
    for side in ("won", "lost"):
        minor, currency = data[side]["amount"]
        data[side]["amount"] = Money(minor, currency)
    figures: MonthSummary = data
    return figures


def _month_summary(reader: Reader, *, now: datetime, tz: tzinfo) -> MonthSummary:
    local = now.astimezone(tz)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    span = {"start": reader.ts(start), "end": reader.ts(now)}
    # One pass over the month's activities (a covering index): counts by kind and, for calls,
    # how many reached someone.
    outcome_sql, outcome_params = in_list("o", REACHED)
    kinds: dict[str, int] = {}
    reached = 0
    for r in reader.rows(
        "SELECT kind, count(*) AS n, "
        f"sum(CASE WHEN outcome IN ({outcome_sql}) THEN 1 ELSE 0 END) AS reached FROM activity "
        "WHERE done_at >= :start AND done_at <= :end GROUP BY kind",
        span | outcome_params,
    ):
        kinds[r["kind"]] = r["n"]
        if r["kind"] == "call":
            reached = r["reached"] or 0
    new_by_stage = {
        r["stage"]: r["n"]
        for r in reader.rows(
            "SELECT stage, count(*) AS n FROM customer WHERE created_at >= :start "
            "AND created_at <= :end AND deleted_at IS NULL GROUP BY stage",
            span,
        )
    }
    # Counted per currency so that a total knows its currency (JSON names it); the panels
    # show the plain sum, as they always did.
    deals: dict[str, tuple[int, list[tuple[int, str]]]] = {}
    for r in reader.rows(
        "SELECT stage, currency, count(*) AS n, coalesce(sum(amount), 0) AS total "
        "FROM opportunity WHERE closed_at >= :start AND closed_at <= :end "
        "GROUP BY stage, currency",
        span,
    ):
        count, sums = deals.get(r["stage"], (0, []))
        deals[r["stage"]] = (count + r["n"], [*sums, (r["total"], r["currency"])])
    closed: dict[str, Deals] = {}
    for stage in ("won", "lost"):
        count, sums = deals.get(stage, (0, []))
        closed[stage] = {"count": count, "amount": total(sums)}
    calls = kinds.get("call", 0)
    return {
        "month": start.strftime("%Y-%m"),
        "calls": calls,
        "calls_reached": reached,
        "reached_rate": round(reached / calls, 3) if calls else None,
        "visits": kinds.get("visit", 0),
        "other_touches": sum(n for k, n in kinds.items() if k not in ("call", "visit")),
        "new_customers": new_by_stage,
        "won": closed["won"],
        "lost": closed["lost"],
    }


def customer_exists(reader: Reader) -> bool:
    """Whether the database holds any live customer (the first-run panel shows otherwise)."""
    return reader.one("SELECT 1 FROM customer WHERE deleted_at IS NULL LIMIT 1") is not None


def first_panels(reader: Reader, *, now: datetime, tz: tzinfo) -> FirstPanels:
    """The panels needed to start working, all cheap: the calls due today (overdue first; the
    planner's plan replaces them when it is ready), this week's actions, recent customers and
    contacts, pinned notes, and whether there is any customer at all."""
    today = list_actions(reader, now=now, tz=tz, scope="today")
    return {
        "exists": customer_exists(reader),
        "today_calls": [a for a in today if a["kind"] == "call"],
        "week_actions": list_actions(reader, now=now, tz=tz, scope="week"),
        "recent_customers": recent_customers(reader),
        "recent_contacts": recent_contacts(reader),
        "pinned_notes": pinned_notes(reader),
        # the notes panel is the announcements panel: current announcements, then pinned notes
        "announcements": current(reader, today=now.astimezone(tz).date(), limit=RECENT),
    }


def more_panels(reader: Reader, *, now: datetime, tz: tzinfo) -> MorePanels:
    """Birthdays in the next days, the recent opportunities, the open complaints (the most
    severe first), the services due by the end of this week, overdue money and orders to ship."""
    from crmtui.services.aftersale.read import list_complaints, list_plans
    from crmtui.services.money.desk import money_desk

    today = now.astimezone(tz).date()
    return {
        "birthdays": upcoming_birthdays(reader, today=today),
        "recent_opportunities": recent_opportunities(reader),
        "open_complaints": list_complaints(reader, open_only=True, limit=RECENT),
        "services_due": list_plans(
            reader, due_by=today + timedelta(days=6 - today.weekday()), limit=RECENT
        ),
        "money": money_desk(reader, today=today),
    }


@overload
def today_desktop(
    reader: Reader, *, now: datetime, tz: tzinfo, planner: PlannerSettings
) -> Desktop[PlanCall]: ...
@overload
def today_desktop(
    reader: Reader, *, now: datetime, tz: tzinfo, planner: None = None
) -> Desktop[ActionRow]: ...
def today_desktop(
    reader: Reader, *, now: datetime, tz: tzinfo, planner: PlannerSettings | None = None
) -> Desktop[PlanCall] | Desktop[ActionRow]:
    """All panels of the desktop in one call: the TUI's panels, built by the same functions.

    With ``planner`` (PlannerSettings), today's calls are the call plan's, in planned order;
    without, the calls due today.
    """
    first = first_panels(reader, now=now, tz=tz)
    if planner is not None:
        from crmtui.services.planning.plan_cache import cached_plan

        plan = cached_plan(reader, settings=planner, now=now, explain_unplaced=False)
        return _desktop(reader, now=now, tz=tz, first=first, calls=plan["calls"])
    return _desktop(reader, now=now, tz=tz, first=first, calls=first["today_calls"])


def _desktop(
    reader: Reader, *, now: datetime, tz: tzinfo, first: FirstPanels, calls: list[CallT]
) -> Desktop[CallT]:
    more = more_panels(reader, now=now, tz=tz)
    return {
        "now": now.astimezone(tz),
        "birthdays": more["birthdays"],
        "week_actions": first["week_actions"],
        "today_calls": calls,
        "recent_customers": first["recent_customers"],
        "recent_contacts": first["recent_contacts"],
        "recent_opportunities": more["recent_opportunities"],
        "pinned_notes": first["pinned_notes"],
        "open_complaints": more["open_complaints"],
        "services_due": more["services_due"],
        "announcements": first["announcements"],
        "money": more["money"],
        "month": month_summary(reader, now=now, tz=tz),
    }
