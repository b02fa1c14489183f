"""Receivables ageing (应收账款账龄): every open order once, bucketed by days past due.

An open order is confirmed or later with an outstanding amount (total − allocations). One query
reads them all; the buckets, the per-customer rows and the totals are added up here, so the
bucket totals always add up to the total outstanding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from crmtui.money import Money
from crmtui.services.money.read import PAID_SQL, Rows, day_of
from crmtui.services.money.rules import (
    BOOKED_SQL,
    DEFAULT_BUCKETS,
    bucket_index,
    bucket_labels,
    days_past_due,
)
from crmtui.services.money.types import AgeingTotals, ReceivableRow, Receivables


def open_receivables(
    db: Rows,
    *,
    today: date,
    customer_id: int | None = None,
    overdue_only: bool = False,
    bounds: Sequence[int] = DEFAULT_BUCKETS,
) -> list[ReceivableRow]:
    """The open orders, most overdue first."""
    where = [f"o.status IN {BOOKED_SQL}", "c.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    if customer_id is not None:
        where.append("o.customer_id = :cid")
        params["cid"] = customer_id
    if overdue_only:
        where.append("o.due_on < :today")
        params["today"] = today.isoformat()  # dates are stored as ISO text on SQLite
    labels = bucket_labels(bounds)
    out = []
    for r in db.rows(
        "SELECT o.id, o.number, o.customer_id, c.name AS customer, o.status, o.currency, "
        f"o.total, o.due_on, {PAID_SQL} AS paid FROM sales_order o "
        f"JOIN customer c ON c.id = o.customer_id WHERE {' AND '.join(where)}",
        params,
    ):
        total, paid = int(r["total"]), int(r["paid"])
        if paid >= total:
            continue
        cur = r["currency"]
        due = day_of(r["due_on"])
        late = days_past_due(due, today)
        out.append(
            ReceivableRow(
                order_id=r["id"],
                number=r["number"],
                customer_id=r["customer_id"],
                customer=r["customer"],
                status=r["status"],
                currency=cur,
                total=Money(total, cur),
                paid=Money(paid, cur),
                outstanding=Money(total - paid, cur),
                due_on=due,
                days_past_due=late,
                bucket=labels[bucket_index(late, bounds)],
            )
        )
    out.sort(key=lambda x: (-x.days_past_due, x.due_on or date.max, x.order_id))
    return out


def receivables(
    db: Rows,
    *,
    today: date,
    customer_id: int | None = None,
    overdue_only: bool = False,
    bounds: Sequence[int] = DEFAULT_BUCKETS,
) -> Receivables:
    orders = open_receivables(
        db, today=today, customer_id=customer_id, overdue_only=overdue_only, bounds=bounds
    )
    labels = bucket_labels(bounds)
    per_customer: dict[tuple[int, str], dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(labels, 0)
    )
    names: dict[int, str] = {}
    overall: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(labels, 0))
    for o in orders:
        per_customer[(o.customer_id, o.currency)][o.bucket] += int(o.outstanding)
        overall[o.currency][o.bucket] += int(o.outstanding)
        names[o.customer_id] = o.customer

    def totals(cur: str, sums: dict[str, int], cid: int | None = None) -> AgeingTotals:
        return AgeingTotals(
            currency=cur,
            buckets={k: Money(v, cur) for k, v in sums.items()},
            total=Money(sum(sums.values()), cur),
            customer_id=cid,
            customer=names.get(cid) if cid is not None else None,
        )

    customers = [totals(cur, sums, cid) for (cid, cur), sums in per_customer.items()]
    # the most overdue money first: sum of the late buckets, then the total
    customers.sort(key=lambda t: (-(int(t.total) - int(t.buckets[labels[0]])), -int(t.total)))
    return Receivables(
        day=today,
        buckets=labels,
        orders=orders,
        customers=customers,
        totals=[totals(cur, sums) for cur, sums in sorted(overall.items())],
    )


def due_between(db: Rows, start: date, end: date) -> list[ReceivableRow]:
    """Open orders due from ``start`` to ``end`` (inclusive), for payment reminders."""
    rows = db.rows(
        "SELECT o.id, o.number, o.customer_id, c.name AS customer, o.status, o.currency, "
        f"o.total, o.due_on, {PAID_SQL} AS paid FROM sales_order o "
        "JOIN customer c ON c.id = o.customer_id "
        f"WHERE o.status IN {BOOKED_SQL} AND o.due_on >= :start AND o.due_on <= :end "
        "AND c.deleted_at IS NULL ORDER BY o.due_on, o.id LIMIT 2000",
        {"start": start.isoformat(), "end": end.isoformat()},
    )
    out = []
    for r in rows:
        total, paid = int(r["total"]), int(r["paid"])
        if paid >= total:
            continue
        cur = r["currency"]
        due = day_of(r["due_on"])
        out.append(
            ReceivableRow(
                order_id=r["id"],
                number=r["number"],
                customer_id=r["customer_id"],
                customer=r["customer"],
                status=r["status"],
                currency=cur,
                total=Money(total, cur),
                paid=Money(paid, cur),
                outstanding=Money(total - paid, cur),
                due_on=due,
                days_past_due=0,
                bucket="",
            )
        )
    return out
