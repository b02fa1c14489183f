"""The today desktop (今日桌面): the queries behind ``crm today`` and the TUI's first screen.

Every query here is answered from an index (tests check ``EXPLAIN QUERY PLAN``): birthdays by
their month-day key, actions by (done_at, due_at), recent rows by their update time over live
rows (partial indexes ``WHERE deleted_at IS NULL``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from crmtui.db.reader import Reader, in_list
from crmtui.services.common import birthdays
from crmtui.services.customers.read import customer_row, list_actions

BIRTHDAY_DAYS = 7
RECENT = 8
REACHED = ("reached", "appointment", "call-back", "not-interested")


def upcoming_birthdays(reader: Reader, *, today: date, days: int = BIRTHDAY_DAYS) -> list[dict]:
    """Contacts and person customers whose birthday falls in ``today .. today+days``."""
    solar, lunar = birthdays.keys_for_days(today, days)
    solar_sql, params = in_list("s", sorted(solar))
    lunar_sql, lunar_params = in_list("l", sorted(lunar))
    params |= lunar_params
    fields = "birthday_month, birthday_day, birthday_year, birthday_lunar"
    p_fields = ", ".join(f"p.{f}" for f in fields.split(", "))

    def match(t: str) -> str:
        # Solar and lunar birthdays are looked up with their own keys: both use the key index.
        return (
            f"(({t}birthday_key IN ({solar_sql}) AND NOT {t}birthday_lunar) OR "
            f"({t}birthday_key IN ({lunar_sql}) AND {t}birthday_lunar))"
        )

    rows = reader.rows(
        f"SELECT p.id AS contact_id, p.name, c.id AS customer_id, c.name AS customer, {p_fields} "
        f"FROM contact p JOIN customer c ON c.id = p.customer_id "
        f"WHERE {match('p.')} AND p.deleted_at IS NULL "
        f"AND c.deleted_at IS NULL UNION ALL SELECT NULL, name, id, name, {fields} FROM customer "
        f"WHERE {match('')} AND deleted_at IS NULL AND is_person",
        params,
    )
    found = []
    for row in rows:
        lunar = bool(row["birthday_lunar"])
        when = birthdays.next_birthday(
            row["birthday_month"], row["birthday_day"], today, lunar=lunar
        )
        if when is None or (when - today).days > days:
            continue
        found.append(
            {
                "name": row["name"],
                "customer": row["customer"],
                "customer_id": row["customer_id"],
                "contact_id": row["contact_id"],
                "date": when,
                "in_days": (when - today).days,
                "age": birthdays.age_on(row["birthday_year"], when, lunar=lunar),
                "lunar": lunar,
            }
        )
    return sorted(found, key=lambda b: (b["date"], b["name"]))


def recent_customers(reader: Reader, *, limit: int = RECENT) -> list[dict]:
    rows = reader.rows(
        "SELECT id, name, stage, grade, updated_at FROM customer WHERE deleted_at IS NULL "
        "ORDER BY deleted_at, updated_at DESC LIMIT :limit",
        {"limit": limit},
    )
    return [customer_row(r) for r in rows]


def recent_contacts(reader: Reader, *, limit: int = RECENT) -> list[dict]:
    rows = reader.rows(
        "SELECT p.id, p.name, p.role, p.customer_id, c.name AS customer, p.updated_at "
        "FROM contact p JOIN customer c ON c.id = p.customer_id "
        "WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL "
        "ORDER BY p.deleted_at, p.updated_at DESC LIMIT :limit",
        {"limit": limit},
    )
    return [customer_row(r) for r in rows]


def recent_opportunities(reader: Reader, *, limit: int = RECENT) -> list[dict]:
    rows = reader.rows(
        "SELECT o.id, o.title, o.stage, o.amount, o.currency, o.customer_id, c.name AS customer, "
        "o.updated_at FROM opportunity o LEFT JOIN customer c ON c.id = o.customer_id "
        "WHERE c.deleted_at IS NULL ORDER BY o.updated_at DESC LIMIT :limit",
        {"limit": limit},
    )
    return [customer_row(r) for r in rows]


def pinned_notes(reader: Reader, *, limit: int = RECENT) -> list[dict]:
    rows = reader.rows(
        "SELECT n.id, n.body, n.customer_id, c.name AS customer, n.updated_at FROM note n "
        "LEFT JOIN customer c ON c.id = n.customer_id WHERE n.pinned = 1 "
        "ORDER BY n.updated_at DESC LIMIT :limit",
        {"limit": limit},
    )
    return [customer_row(r) for r in rows]


def month_summary(reader: Reader, *, now: datetime, tz: tzinfo) -> dict[str, Any]:
    """This month's work: calls and visits, reached rate, new customers, deals won and lost."""
    local = now.astimezone(tz)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    span = {"start": reader.ts(start), "end": reader.ts(now)}
    # One pass over the month's activities (a covering index): counts by kind and, for calls,
    # how many reached someone.
    outcome_sql, outcome_params = in_list("o", REACHED)
    kinds: dict[str, int] = {}
    reached = 0
    for r in reader.rows(
        f"SELECT kind, count(*) AS n, sum(outcome IN ({outcome_sql})) AS reached FROM activity "
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
    deals = {
        r["stage"]: (r["n"], r["total"])
        for r in reader.rows(
            "SELECT stage, count(*) AS n, coalesce(sum(amount), 0) AS total FROM opportunity "
            "WHERE closed_at >= :start AND closed_at <= :end GROUP BY stage",
            span,
        )
    }
    calls = kinds.get("call", 0)
    return {
        "month": start.strftime("%Y-%m"),
        "calls": calls,
        "calls_reached": reached,
        "reached_rate": round(reached / calls, 3) if calls else None,
        "visits": kinds.get("visit", 0),
        "other_touches": sum(n for k, n in kinds.items() if k not in ("call", "visit")),
        "new_customers": new_by_stage,
        "won": {"count": deals.get("won", (0, 0))[0], "amount": deals.get("won", (0, 0))[1]},
        "lost": {"count": deals.get("lost", (0, 0))[0], "amount": deals.get("lost", (0, 0))[1]},
    }


def today_desktop(
    reader: Reader, *, now: datetime, tz: tzinfo, planner: Any | None = None
) -> dict[str, Any]:
    """All panels of the desktop in one call.

    With ``planner`` (PlannerSettings), today's calls are the call plan's, in planned order;
    without, the calls due today.
    """
    local = now.astimezone(tz)
    week = list_actions(reader, now=now, tz=tz, scope="week")
    if planner is not None:
        from crmtui.services.planning.day_plan import day_plan, plan_as_data

        plan = day_plan(reader, settings=planner, now=now, explain_unplaced=False)
        calls = plan_as_data(plan)["calls"]
    else:
        tomorrow = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        calls = [a for a in week if a["kind"] == "call" and a["due_at"] < tomorrow]
    return {
        "now": local,
        "birthdays": upcoming_birthdays(reader, today=local.date()),
        "week_actions": week,
        "today_calls": calls,
        "recent_customers": recent_customers(reader),
        "recent_contacts": recent_contacts(reader),
        "recent_opportunities": recent_opportunities(reader),
        "pinned_notes": pinned_notes(reader),
        "month": month_summary(reader, now=now, tz=tz),
    }
