"""Receivables ageing (应收账款账龄): every open order once, bucketed by days past due.

An open order is confirmed or later with an outstanding amount (total − allocations). One query
reads them all; the buckets, the per-customer rows and the totals are added up here, so the
bucket totals always add up to the total outstanding.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from crmtui.money import Money
from crmtui.services.money.read import OPEN_SQL, PAID_SQL, Rows, day_of
from crmtui.services.money.rules import (
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
    # the partial index ix_sales_order_open holds exactly these rows
    where = [OPEN_SQL, "c.deleted_at IS NULL"]
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
    with_orders: bool = True,
    top: int | None = None,
) -> Receivables:
    """The ageing report. ``with_orders=False`` leaves the order list out and ``top`` keeps
    the customers most overdue: the table needs neither, and on a large base they are most of
    the work (the totals still count every open order)."""
    labels = bucket_labels(bounds)
    if not with_orders:
        return _summed(db, today, customer_id, overdue_only, bounds, labels, top)
    orders = open_receivables(
        db, today=today, customer_id=customer_id, overdue_only=overdue_only, bounds=bounds
    )
    raw = [(o.customer_id, o.customer, o.currency, o.bucket, int(o.outstanding)) for o in orders]
    width = len(labels)
    per_customer: dict[tuple[int, str], list[int]] = {}
    names: dict[int, str] = {}
    overall: dict[str, list[int]] = {}
    index = {label: n for n, label in enumerate(labels)}
    for cid, name, cur, bucket, owed in raw:
        sums = per_customer.get((cid, cur))
        if sums is None:
            sums = per_customer[(cid, cur)] = [0] * width
            names[cid] = name
        sums[index[bucket]] += owed
        overall.setdefault(cur, [0] * width)[index[bucket]] += owed

    def totals(cur: str, sums: list[int], cid: int | None = None) -> AgeingTotals:
        return AgeingTotals(
            currency=cur,
            buckets={k: Money(v, cur) for k, v in zip(labels, sums, strict=True)},
            total=Money(sum(sums), cur),
            customer_id=cid,
            customer=names.get(cid) if cid is not None else None,
        )

    # the most overdue money first: sum of the late buckets, then the total (then by id and
    # currency, as _summed orders them)
    ranked = sorted(per_customer.items(), key=lambda kv: (-sum(kv[1][1:]), -sum(kv[1]), kv[0]))
    if top is not None:
        ranked = ranked[:top]
    return Receivables(
        day=today,
        buckets=labels,
        orders=orders,
        customers=[totals(cur, sums, cid) for (cid, cur), sums in ranked],
        totals=[totals(cur, sums) for cur, sums in sorted(overall.items())],
        customer_count=len(per_customer),
    )


def _summed(
    db: Rows,
    today: date,
    customer_id: int | None,
    overdue_only: bool,
    bounds: Sequence[int],
    labels: tuple[str, ...],
    top: int | None,
) -> Receivables:
    """The report without its order list, added up by the database in one statement: the
    ``top`` customers most overdue and the totals per currency. Only ``ix_sales_order_open``
    is read (it holds due date, amounts, customer and currency of exactly the open orders,
    0016), and only a few dozen rows come back, however many orders are open."""
    # a bucket by due date: ``late <= bound`` days past due is ``due_on >= today - bound``
    # (ISO dates compare as text on SQLite)
    cases = ["WHEN o.due_on IS NULL OR o.due_on >= :t0 THEN 0"]
    params: dict[str, Any] = {"t0": today.isoformat()}
    for n, high in enumerate(bounds, start=1):
        cases.append(f"WHEN o.due_on >= :t{n} THEN {n}")
        params[f"t{n}"] = (today - timedelta(days=high)).isoformat()
    where = [
        OPEN_SQL,
        "o.customer_id NOT IN (SELECT id FROM customer WHERE deleted_at IS NOT NULL)",
    ]
    if customer_id is not None:
        where.append("o.customer_id = :cid")
        params["cid"] = customer_id
    if overdue_only:
        where.append("o.due_on < :today")
        params["today"] = today.isoformat()
    width = len(labels)
    per_bucket = ", ".join(
        f"sum(CASE WHEN b = {n} THEN owed ELSE 0 END) AS b{n}" for n in range(width)
    )
    sums = ", ".join(f"b{n}" for n in range(width))
    summed = ", ".join(f"sum(b{n})" for n in range(width))
    # SQLite would rather walk the customer index for the GROUP BY, reading every order's row
    hint = " INDEXED BY ix_sales_order_open" if getattr(db, "is_sqlite", False) else ""
    limit = ""
    if top is not None:
        limit, params["top"] = "LIMIT :top", top
    rows = db.rows(
        f"WITH x AS (SELECT o.customer_id AS cid, o.currency AS cur, "
        f"CASE {' '.join(cases)} ELSE {width - 1} END AS b, o.total - o.paid AS owed "
        f"FROM sales_order o{hint} WHERE {' AND '.join(where)}), "
        f"g AS (SELECT cid, cur, {per_bucket}, sum(owed) AS total FROM x GROUP BY cid, cur) "
        f"SELECT * FROM (SELECT 0 AS kind, cid, cur, {sums}, total, 1 AS n FROM g "
        f"ORDER BY total - b0 DESC, total DESC, cid, cur {limit}) AS ranked "
        f"UNION ALL SELECT 1, NULL, cur, {summed}, sum(total), count(*) FROM g GROUP BY cur",
        params,
    )
    ranked = [r for r in rows if r["kind"] == 0]
    names = _names(db, sorted({int(r["cid"]) for r in ranked}))

    def totals(r: Any, cid: int | None = None) -> AgeingTotals:
        cur = str(r["cur"])
        return AgeingTotals(
            currency=cur,
            buckets={k: Money(int(r[f"b{n}"]), cur) for n, k in enumerate(labels)},
            total=Money(int(r["total"]), cur),
            customer_id=cid,
            customer=names.get(cid) if cid is not None else None,
        )

    overall = sorted((r for r in rows if r["kind"] == 1), key=lambda r: str(r["cur"]))
    return Receivables(
        day=today,
        buckets=labels,
        orders=[],
        customers=[totals(r, int(r["cid"])) for r in ranked],
        totals=[totals(r) for r in overall],
        customer_count=sum(int(r["n"]) for r in overall),
    )


def _names(db: Rows, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    found = db.rows(
        f"SELECT id, name FROM customer WHERE id IN ({marks})",
        {f"i{n}": cid for n, cid in enumerate(ids)},
    )
    return {int(r["id"]): str(r["name"]) for r in found}


def due_between(db: Rows, start: date, end: date) -> list[ReceivableRow]:
    """Open orders due from ``start`` to ``end`` (inclusive), for payment reminders."""
    rows = db.rows(
        "SELECT o.id, o.number, o.customer_id, c.name AS customer, o.status, o.currency, "
        f"o.total, o.due_on, {PAID_SQL} AS paid FROM sales_order o "
        "JOIN customer c ON c.id = o.customer_id "
        f"WHERE {OPEN_SQL} AND o.due_on >= :start AND o.due_on <= :end "
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
