"""The money part of a weekly or monthly summary: orders booked, shipped and delivered, cash
collected, and what was overdue at the end of the period.

Dates of orders and payments are calendar days (no time zone): a period's days are compared
as they are. "Overdue at the end" counts what was owed then: order totals due before that day
less the payments received before it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from crmtui.db.reader import Reader
from crmtui.i18n import _
from crmtui.money import Money, format_money
from crmtui.services.summaries.types import MoneyCount, MoneyFigures


def _count(rows: list[Any]) -> MoneyCount:
    sums: dict[str, int] = defaultdict(int)
    count = 0
    for r in rows:
        count += int(r["n"])
        sums[r["currency"]] += int(r["amount"] or 0)
    return {"count": count, "amounts": {cur: Money(v, cur) for cur, v in sorted(sums.items())}}


def _orders_on(reader: Reader, column: str, start: date, end: date) -> MoneyCount:
    # column is one of the fixed date columns below, never user text
    return _count(
        reader.rows(
            f"SELECT currency, count(*) AS n, sum(total) AS amount FROM sales_order "
            f"WHERE {column} >= :start AND {column} < :end AND status != 'cancelled' "
            "GROUP BY currency",
            {"start": start.isoformat(), "end": end.isoformat()},
        )
    )


def money_figures(reader: Reader, start: date, end: date, today: date) -> MoneyFigures:
    """The figures of the days ``start`` (inclusive) to ``end`` (exclusive)."""
    as_of = min(end, today)
    collected = _count(
        reader.rows(
            "SELECT currency, count(*) AS n, sum(amount) AS amount FROM payment "
            "WHERE paid_on >= :start AND paid_on < :end GROUP BY currency",
            {"start": start.isoformat(), "end": end.isoformat()},
        )
    )
    overdue = _count(
        reader.rows(
            "SELECT currency, count(*) AS n, sum(owed) AS amount FROM (SELECT o.currency, "
            "o.total - coalesce((SELECT sum(a.amount) FROM payment_allocation a JOIN payment p "
            "ON p.id = a.payment_id WHERE a.order_id = o.id AND p.paid_on < :asof), 0) AS owed "
            "FROM sales_order o WHERE o.status IN ('confirmed', 'shipped', 'delivered') "
            "AND o.due_on < :asof) late WHERE owed > 0 GROUP BY currency",
            {"asof": as_of.isoformat()},
        )
    )
    return {
        "booked": _orders_on(reader, "confirmed_on", start, end),
        "shipped": _orders_on(reader, "shipped_on", start, end),
        "delivered": _orders_on(reader, "delivered_on", start, end),
        "collected": collected,
        "overdue": overdue,
        "as_of": as_of,
    }


def money_lines(figures: MoneyFigures, esc: Any) -> list[str]:
    """The section's lines in a rendered summary (``esc`` makes a value safe for the format)."""

    def amounts(part: MoneyCount) -> str:
        shown = _(", ").join(format_money(v, cur) for cur, v in part["amounts"].items())
        return f"{part['count']} ({esc(shown or '0')})"

    return [
        _("orders booked {booked} · shipped {shipped} · delivered {delivered}").format(
            booked=amounts(figures["booked"]),
            shipped=amounts(figures["shipped"]),
            delivered=amounts(figures["delivered"]),
        ),
        _("cash collected: {collected} payments").format(collected=amounts(figures["collected"])),
        _("overdue on {day}: {overdue} orders").format(
            day=f"{figures['as_of']:%Y-%m-%d}", overdue=amounts(figures["overdue"])
        ),
    ]
