"""The demo's money: a product catalogue, orders in every state with their lines, payments
(full, partial, none), overdue receivables, credit terms and ratings, one customer over its
limit, and a few orders timed so that today's plan has a satisfaction call, a payment reminder
and an overdue-payment call.

A random source of its own, so adding money left every other demo row as it was. About two
orders and two payments per customer on the large datasets.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from crmtui.services.planning.planner import (
    payment_overdue_date,
    payment_reminder_date,
    satisfaction_call_date,
)

# (code, name, model, unit, price in minor units)
PRODUCTS = [
    ("P-100", "数控机床", "CK6140", "台", 12_000_000),
    ("P-101", "数控机床", "CK6150", "台", 15_800_000),
    ("P-200", "加工中心", "VMC850", "台", 32_000_000),
    ("P-300", "主轴", "BT40", "件", 860_000),
    ("P-301", "刀柄", "BT40-ER32", "件", 45_000),
    ("P-400", "润滑油", "L-HM46", "桶", 68_000),
    ("S-100", "Spare parts kit", "SK-1", "set", 350_000),
    ("S-200", "Service contract", "1 year", "year", 2_400_000),
    ("S-300", "Installation", None, "job", 500_000),
    ("P-500", "冷却液", "CL-5", "桶", 32_000),
]
TERMS = [30, 30, 30, 45, 60, 0]
LIMITS = [None, 50_000_000, 100_000_000, 200_000_000, 500_000_000]
MONEY_TABLES = ("product", "sales_order", "order_line", "payment", "payment_allocation")


class MoneyRows:
    """Generates the money rows of each demo customer into the builder's batches."""

    def __init__(self, conn: sqlite3.Connection, seed: int, now: datetime, tz: tzinfo, size: int):
        self.rng = random.Random(f"money-{seed}")
        self.today = now.astimezone(tz).date()
        self.stamp = now
        self.size = size
        self.ids = {
            t: conn.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0]
            for t in MONEY_TABLES
        }
        self.numbers: dict[int, int] = {}
        for (number,) in conn.execute("SELECT number FROM sales_order"):
            year, _, seq = number[3:].partition("-")
            if year.isdigit() and seq.isdigit():
                self.numbers[int(year)] = max(self.numbers.get(int(year), 0), int(seq))
        self.products: list[tuple[int, str, str | None, str, int]] = []
        self.showcase = ["satisfaction", "reminder", "overdue", "over-limit", "confirmed"]

    def take(self, table: str) -> int:
        self.ids[table] += 1
        return int(self.ids[table])

    def catalogue(self, rows: dict[str, list[dict[str, Any]]], stamp: str) -> None:
        for code, name, model, unit, price in PRODUCTS:
            pid = self.take("product")
            rows["product"].append(
                {
                    "id": pid,
                    "code": code if pid <= len(PRODUCTS) else f"{code}-{pid}",
                    "name": name,
                    "model": model,
                    "spec": None,
                    "unit": unit,
                    "price": price,
                    "currency": "CNY",
                    "active": True,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            self.products.append((pid, name, model, unit, price))

    def customer(
        self, rows: dict[str, list[dict[str, Any]]], row: dict[str, Any], stamp: str
    ) -> None:
        """Orders and payments of one customer (only customers, or dormant ones, have any)."""
        r = self.rng
        if row["stage"] not in ("customer", "dormant"):
            return
        terms = r.choice(TERMS)
        row["credit_days"] = terms
        row["credit_limit"] = r.choice(LIMITS)
        if r.random() < 0.5:
            row["credit_rating"] = r.choice("AABBBCD")
            row["credit_rated_on"] = (self.today - timedelta(days=r.randint(10, 200))).isoformat()
        count = r.randint(3, 8) if self.size > 1000 else r.randint(1, 4)
        span = 720 if self.size > 1000 else 150
        show = self.showcase.pop(0) if self.showcase else None
        for i in range(count):
            ordered = self.today - timedelta(days=r.randint(0, span))
            self.order(rows, row, ordered, terms, stamp, show if i == 0 else None)
        if show == "over-limit":  # its first order is unpaid and twice the limit
            first = next(o for o in rows["sales_order"] if o["customer_id"] == row["id"])
            row["credit_limit"] = max(first["total"] // 2 // 100 * 100, 100)

    def _number(self, year: int) -> str:
        self.numbers[year] = self.numbers.get(year, 0) + 1
        return f"SO-{year}-{self.numbers[year]:04d}"

    def order(
        self,
        rows: dict[str, list[dict[str, Any]]],
        customer: dict[str, Any],
        ordered: date,
        terms: int,
        stamp: str,
        show: str | None,
    ) -> None:
        r = self.rng
        age = (self.today - ordered).days
        shipped = delivered = None
        status = "delivered"
        if show == "satisfaction":
            delivered = _find(self.today, -7, lambda d: satisfaction_call_date(d, "CN"))
            shipped, ordered = delivered - timedelta(days=2), delivered - timedelta(days=5)
        elif show in ("reminder", "overdue"):
            pick = payment_reminder_date if show == "reminder" else payment_overdue_date
            due = _find(self.today, 3 if show == "reminder" else -1, lambda d: pick(d, "CN"))
            shipped = min(due - timedelta(days=terms), self.today - timedelta(days=1))
            terms = (due - shipped).days
            ordered, status = shipped - timedelta(days=3), "shipped"
        elif r.random() < 0.03:
            status = "cancelled"
        elif age < 10 or show == "confirmed":
            status = r.choice(["draft", "confirmed", "confirmed"]) if show is None else "confirmed"
        elif age < 20:
            status, shipped = "shipped", ordered + timedelta(days=r.randint(2, 5))
        if status == "delivered" and shipped is None:
            shipped = ordered + timedelta(days=r.randint(2, 6))
            delivered = shipped + timedelta(days=r.randint(1, 4))
        oid = self.take("sales_order")
        total = 0
        for position in range(r.choice([1, 1, 2, 3])):
            pid, name, model, unit, price = r.choice(self.products)
            qty = r.randint(1, 5) if price > 1_000_000 else r.randint(1, 40)
            total += qty * price
            rows["order_line"].append(
                {
                    "id": self.take("order_line"),
                    "order_id": oid,
                    "product_id": pid,
                    "position": position,
                    "name": name,
                    "model": model,
                    "unit": unit,
                    "unit_price": price,
                    "quantity": qty,
                    "discount": 0,
                    "line_total": qty * price,
                }
            )
        booked = status not in ("draft", "cancelled")
        due_on = shipped + timedelta(days=terms) if shipped and booked else None
        rows["sales_order"].append(
            {
                "id": oid,
                "number": self._number(ordered.year),
                "customer_id": customer["id"],
                "contact_id": None,
                "opportunity_id": None,
                "status": status,
                "ordered_on": ordered.isoformat(),
                "ship_planned": _iso(
                    ordered + timedelta(days=7) if status == "confirmed" else None
                ),
                "shipped_on": _iso(shipped if booked else None),
                "delivered_on": _iso(delivered if status == "delivered" else None),
                "confirmed_on": _iso(ordered if booked else None),
                "cancelled_on": _iso(
                    ordered + timedelta(days=1) if status == "cancelled" else None
                ),
                "credit_days": terms if booked else None,
                "due_on": _iso(due_on),
                "currency": "CNY",
                "total": total,
                "paid": 0,
                "note": None,
                "forced": None,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        if booked and show not in ("reminder", "overdue", "over-limit"):
            paid = self.payments(rows, customer["id"], oid, total, due_on, stamp)
            rows["sales_order"][-1]["paid"] = paid

    def payments(
        self,
        rows: dict[str, list[dict[str, Any]]],
        cid: int,
        oid: int,
        total: int,
        due: date | None,
        stamp: str,
    ) -> int:
        """Most orders paid in full around the due date; some in part; some not at all."""
        r = self.rng
        draw = r.random()
        if due is None or draw < 0.04:
            return 0  # not yet shipped, or not paid: overdue once the due date passes
        parts = [total]
        if draw < 0.1:  # part paid, the rest still owed
            parts = [total * r.randint(2, 7) // 10]
        elif draw < 0.4:  # paid in two instalments
            parts = [total // 2, total - total // 2]
        late = r.random() < 0.1
        when = due + timedelta(days=r.randint(1, 30) if late else -r.randint(0, 15))
        paid = 0
        for part in parts:
            if when > self.today:
                return paid
            paid += part
            pay_id = self.take("payment")
            rows["payment"].append(
                {
                    "id": pay_id,
                    "customer_id": cid,
                    "paid_on": when.isoformat(),
                    "amount": part,
                    "currency": "CNY",
                    "method": r.choice(["transfer", "transfer", "acceptance", "cash"]),
                    "reference": f"BANK-{pay_id:06d}",
                    "note": None,
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            rows["payment_allocation"].append(
                {
                    "id": self.take("payment_allocation"),
                    "payment_id": pay_id,
                    "order_id": oid,
                    "amount": part,
                }
            )
            when += timedelta(days=r.randint(7, 30))
        return paid


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _find(today: date, start: int, rule: Any) -> date:
    """The day near ``today + start`` whose touch (``rule``) falls on today."""
    for offset in range(0, 15):
        for day in (today + timedelta(days=start - offset), today + timedelta(days=start + offset)):
            if rule(day) == today:
                return day
    return today + timedelta(days=start)
