"""Weekly and monthly work summaries (工作总结): what a manager reads on Monday morning.

One function, :func:`build_summary`, gathers everything for a period through the lean reader;
``crm export weekly|monthly`` renders it (``summary_render``) and the TUI's summary screen shows
the same dict, so both always agree. Periods are calendar weeks (ISO, Monday first) and months
in the user's zone; instants are compared in UTC against bounds computed from local midnights.

Every list is capped at :data:`LIST_LIMIT` rows; its total is always given next to it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Literal, TypeVar

from crmtui.clock import from_db
from crmtui.db.reader import Reader, in_list
from crmtui.money import Money, of_row
from crmtui.services.common.records import decoded
from crmtui.services.contacts.birthdays_soon import upcoming_birthdays
from crmtui.services.desktop.read import REACHED
from crmtui.services.summaries.aftersale import after_sale
from crmtui.services.summaries.money_figures import money_figures
from crmtui.services.summaries.office import office_figures
from crmtui.services.summaries.periods import (
    Period,
    month_of,
    parse_month,
    parse_period,
    parse_week,
    week_of,
)
from crmtui.services.summaries.reflection import reflection, set_reflection
from crmtui.services.summaries.types import (
    AdvancedDeal,
    ClosedDeals,
    CustomerChange,
    DayCounts,
    Deal,
    Listed,
    LostDeals,
    NewCustomer,
    NewCustomers,
    NextAction,
    NextPeriod,
    Opportunities,
    Overdue,
    OverdueAction,
    PeriodActivity,
    Summary,
    TopCustomer,
)

__all__ = [
    "Period",
    "build_summary",
    "month_of",
    "parse_month",
    "parse_period",
    "parse_week",
    "period_activities",
    "reflection",
    "set_reflection",
    "week_of",
]

LIST_LIMIT = 100
TOP_CUSTOMERS = 10
OPEN_STAGES = ("lead", "qualified", "proposal", "negotiation")
OTHER_KINDS = ("sms", "meeting", "letter", "task")
DayColumn = Literal["calls", "reached", "not_reached", "visits", "emails", "other"]
DAY_COLUMNS: tuple[DayColumn, ...] = (
    "calls",
    "reached",
    "not_reached",
    "visits",
    "emails",
    "other",
)
ItemT = TypeVar("ItemT")


def _bound(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def build_summary(
    reader: Reader,
    period: Period,
    *,
    now: datetime,
    tz: tzinfo,
    with_activities: bool = False,
) -> Summary:
    """Everything a summary shows for ``period``; ``with_activities`` adds the full list."""
    start, end = _bound(period.start, tz), _bound(period.end, tz)
    span = {"start": reader.ts(start), "end": reader.ts(end)}
    days, totals = _per_day(reader, period, tz)
    following = period.shifted(1)
    summary: Summary = {
        "kind": period.kind,
        "period": period.key,
        "start": period.start,
        "end": period.end - timedelta(days=1),
        "timezone": str(getattr(tz, "key", tz)),
        "generated_at": now.astimezone(tz),
        "previous_period": period.shifted(-1).key,
        "next_period": following.key,
        "days": days,
        "totals": totals,
        "new_customers": _new_customers(reader, span),
        "customer_changes": _customer_changes(reader, span),
        "opportunities": _opportunities(reader, span),
        "top_customers": _top_customers(reader, span),
        "overdue": _overdue(reader, min(end, now), tz),
        "money": money_figures(reader, period.start, period.end, now.astimezone(tz).date()),
        "next": _next_period(reader, following, tz),
        "reflection": reflection(reader, period.key),
        "after_sale": after_sale(reader, span, period),
        "office": office_figures(reader, period),
    }
    if with_activities:
        summary["activities"] = period_activities(reader, span)
    return summary


def _per_day(reader: Reader, period: Period, tz: tzinfo) -> tuple[list[DayCounts], dict[str, int]]:
    # One grouped query: each row's local day is found from the UTC bounds of the local days,
    # so days are exact in every zone, across DST changes too.
    bounds = [_bound(d, tz) for d in (*period.days, period.end)]
    params: dict[str, Any] = {f"d{i}": reader.ts(b) for i, b in enumerate(bounds)}
    arms = " ".join(f"WHEN done_at < :d{i + 1} THEN {i}" for i in range(len(bounds) - 1))
    reached_sql, reached = in_list("r", REACHED)
    rows = reader.rows(
        f"SELECT CASE {arms} END AS day, kind, outcome IN ({reached_sql}) AS ok, count(*) AS n "
        f"FROM activity WHERE done_at >= :d0 AND done_at < :d{len(bounds) - 1} "
        "GROUP BY day, kind, ok",
        params | reached,
    )
    days = [
        DayCounts(date=d, calls=0, reached=0, not_reached=0, visits=0, emails=0, other=0)
        for d in period.days
    ]
    for row in rows:
        slot = days[int(row["day"])]
        kind, n = row["kind"], int(row["n"])
        if kind == "call":
            slot["calls"] += n
            slot["reached" if row["ok"] else "not_reached"] += n
        elif kind == "visit":
            slot["visits"] += n
        elif kind == "email":
            slot["emails"] += n
        else:
            slot["other"] += n
    totals: dict[str, int] = {col: sum(d[col] for d in days) for col in DAY_COLUMNS}
    return days, totals


def _new_customers(reader: Reader, span: dict[str, Any]) -> NewCustomers:
    where = "created_at >= :start AND created_at < :end AND deleted_at IS NULL"
    by_stage = {
        r["stage"]: int(r["n"])
        for r in reader.rows(
            f"SELECT stage, count(*) AS n FROM customer WHERE {where} GROUP BY stage", span
        )
    }
    items = [
        decoded(r, NewCustomer)
        for r in reader.rows(
            f"SELECT id, name, stage, grade, city, created_at FROM customer WHERE {where} "
            "ORDER BY created_at, id LIMIT :limit",
            span | {"limit": LIST_LIMIT},
        )
    ]
    return {"count": sum(by_stage.values()), "by_stage": by_stage, "items": items}


def _customer_changes(reader: Reader, span: dict[str, Any]) -> Listed[CustomerChange]:
    """Stage and grade changes: per customer and field, from the first old to the last new."""
    rows = reader.rows(
        "SELECT h.entity_id AS customer_id, c.name AS customer, h.field, h.old, h.new, h.at "
        "FROM change h JOIN customer c ON c.id = h.entity_id "
        "WHERE h.entity = 'customer' AND h.at >= :start AND h.at < :end "
        "AND c.deleted_at IS NULL ORDER BY h.at, h.id",
        span,
    )
    merged: dict[tuple[int, str], CustomerChange] = {}
    for row in rows:
        key = (row["customer_id"], row["field"])
        if key in merged:
            merged[key]["new"], merged[key]["at"] = row["new"], from_db(row["at"])
        else:
            merged[key] = CustomerChange(
                customer_id=row["customer_id"],
                customer=row["customer"],
                field=row["field"],
                old=row["old"],
                new=row["new"],
                at=from_db(row["at"]),
            )
    items = [m for m in merged.values() if m["old"] != m["new"]]
    return {"count": len(items), "items": items[:LIST_LIMIT]}


def _opportunities(reader: Reader, span: dict[str, Any]) -> Opportunities:
    cols = (
        "o.id, o.customer_id, c.name AS customer, o.title, o.stage, o.amount, o.currency, "
        "o.lost_reason, o.competitor"
    )
    base = f"SELECT {cols} FROM opportunity o JOIN customer c ON c.id = o.customer_id "
    created = reader.rows(
        base + "WHERE o.created_at >= :start AND o.created_at < :end ORDER BY o.created_at, o.id",
        span,
    )
    closed = reader.rows(
        base + "WHERE o.closed_at >= :start AND o.closed_at < :end "
        "AND o.stage IN ('won', 'lost') ORDER BY o.closed_at, o.id",
        span,
    )
    moves = reader.rows(
        f"SELECT {cols}, h.old AS from_stage, h.new AS to_stage, h.at FROM change h "
        "JOIN opportunity o ON o.id = h.entity_id JOIN customer c ON c.id = o.customer_id "
        "WHERE h.entity = 'opportunity' AND h.field = 'stage' AND h.at >= :start "
        "AND h.at < :end ORDER BY h.at, h.id",
        span,
    )
    advanced: dict[int, AdvancedDeal] = {}
    for row in moves:
        old, new = row["from_stage"], row["to_stage"]
        if new in OPEN_STAGES and (
            old not in OPEN_STAGES or OPEN_STAGES.index(new) > OPEN_STAGES.index(old)
        ):
            item = advanced.setdefault(row["id"], of_row(decoded(row, AdvancedDeal)))
            item["to_stage"], item["at"] = new, from_db(row["at"])
    won = [of_row(decoded(r, Deal)) for r in closed if r["stage"] == "won"]
    lost = [of_row(decoded(r, Deal)) for r in closed if r["stage"] == "lost"]
    reasons: dict[str, int] = {}
    for deal in lost:
        reason = (deal["lost_reason"] or "").strip() or "(no reason given)"
        reasons[reason] = reasons.get(reason, 0) + 1
    return {
        "created": _listed([of_row(decoded(r, Deal)) for r in created]),
        "advanced": _listed(list(advanced.values())),
        "won": ClosedDeals(**_listed(won), amounts=_amounts(won)),
        "lost": LostDeals(
            **_listed(lost),
            amounts=_amounts(lost),
            reasons=dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        ),
    }


def _listed(items: list[ItemT]) -> Listed[ItemT]:
    return {"count": len(items), "items": items[:LIST_LIMIT]}


def _amounts(items: list[Deal]) -> dict[str, Money]:
    totals: dict[str, int] = {}
    for item in items:
        totals[item["currency"]] = totals.get(item["currency"], 0) + int(item["amount"] or 0)
    return {currency: Money(minor, currency) for currency, minor in sorted(totals.items())}


def _top_customers(reader: Reader, span: dict[str, Any]) -> list[TopCustomer]:
    """The customers touched most often; counted on activity alone, names looked up after."""
    limit = TOP_CUSTOMERS * 3
    while True:
        counts = reader.rows(
            "SELECT customer_id, count(*) AS touches, "
            "sum(CASE WHEN kind = 'call' THEN 1 ELSE 0 END) AS calls, "
            "sum(CASE WHEN kind = 'visit' THEN 1 ELSE 0 END) AS visits "
            "FROM activity WHERE done_at >= :start "
            "AND done_at < :end GROUP BY customer_id ORDER BY touches DESC, customer_id "
            "LIMIT :limit",
            span | {"limit": limit},
        )
        ids_sql, ids = in_list("c", [r["customer_id"] for r in counts])
        live = {
            r["id"]: r
            for r in reader.rows(
                f"SELECT id, name, stage, grade FROM customer WHERE id IN ({ids_sql}) "
                "AND deleted_at IS NULL",
                ids,
            )
        }
        found: list[TopCustomer]
        found = [
            {
                "customer_id": r["customer_id"],
                "customer": live[r["customer_id"]]["name"],
                "stage": live[r["customer_id"]]["stage"],
                "grade": live[r["customer_id"]]["grade"],
                "touches": int(r["touches"]),
                "calls": int(r["calls"] or 0),
                "visits": int(r["visits"] or 0),
            }
            for r in counts
            if r["customer_id"] in live
        ]
        if len(found) >= TOP_CUSTOMERS or len(counts) < limit:
            found.sort(key=lambda c: (-c["touches"], c["customer"], c["customer_id"]))
            return found[:TOP_CUSTOMERS]
        limit *= 4  # many of the busiest customers are in the trash: look further


def _overdue(reader: Reader, cutoff: datetime, tz: tzinfo) -> Overdue:
    """Actions overdue at the end of the period (or now, for the running one).

    That is, due before the cutoff and not done by then: still open, or done only later.
    """
    select = (
        "SELECT a.id, a.customer_id, c.name AS customer, a.kind, a.due_at, a.done_at, a.note "
        "FROM activity a LEFT JOIN customer c ON c.id = a.customer_id "
        "WHERE c.deleted_at IS NULL AND a.due_at < :cut AND "
    )
    params = {"cut": reader.ts(cutoff)}
    count = sum(
        int(reader.scalar(f"SELECT count(*) FROM ({select}{cond}) q", params) or 0)
        for cond in ("a.done_at IS NULL", "a.done_at >= :cut")
    )
    rows = reader.rows(
        f"SELECT * FROM ({select}a.done_at IS NULL UNION ALL {select}a.done_at >= :cut) q "
        "ORDER BY due_at, id LIMIT :limit",
        params | {"limit": LIST_LIMIT},
    )
    items = []
    for row in rows:
        item = decoded(row, OverdueAction)  # days_overdue is added here
        item["days_overdue"] = (
            cutoff.astimezone(tz).date() - item["due_at"].astimezone(tz).date()
        ).days
        items.append(item)
    return {"as_of": cutoff.astimezone(tz), "count": count, "items": items}


def _next_period(reader: Reader, period: Period, tz: tzinfo) -> NextPeriod:
    span = {"start": reader.ts(_bound(period.start, tz)), "end": reader.ts(_bound(period.end, tz))}
    where = "a.done_at IS NULL AND a.due_at >= :start AND a.due_at < :end AND c.deleted_at IS NULL"
    count = int(
        reader.scalar(
            f"SELECT count(*) FROM activity a LEFT JOIN customer c ON c.id = a.customer_id "
            f"WHERE {where}",
            span,
        )
        or 0
    )
    rows = reader.rows(
        "SELECT a.id, a.customer_id, c.name AS customer, a.kind, a.due_at, a.note, "
        "p.name AS contact FROM activity a LEFT JOIN customer c ON c.id = a.customer_id "
        f"LEFT JOIN contact p ON p.id = a.contact_id WHERE {where} "
        "ORDER BY a.due_at, a.id LIMIT :limit",
        span | {"limit": LIST_LIMIT},
    )
    birthdays = upcoming_birthdays(
        reader, today=period.start, days=(period.end - period.start).days - 1
    )
    return {
        "period": period.key,
        "start": period.start,
        "end": period.end - timedelta(days=1),
        "actions": {"count": count, "items": [decoded(r, NextAction) for r in rows]},
        "birthdays": _listed(birthdays),
    }


def period_activities(reader: Reader, span: dict[str, Any]) -> list[PeriodActivity]:
    """Every touch done in the period, oldest first: the CSV export's rows."""
    rows = reader.rows(
        "SELECT a.id, a.done_at, a.kind, a.outcome, a.customer_id, c.name AS customer, "
        "p.name AS contact, o.title AS opportunity, a.minutes, a.note FROM activity a "
        "JOIN customer c ON c.id = a.customer_id LEFT JOIN contact p ON p.id = a.contact_id "
        "LEFT JOIN opportunity o ON o.id = a.opportunity_id "
        "WHERE a.done_at >= :start AND a.done_at < :end ORDER BY a.done_at, a.id",
        span,
    )
    return [decoded(r, PeriodActivity) for r in rows]
