"""With orders: the sales report, 80/20 grades from booked orders, is:over-credit and
is:no-order-90d, against a small set of orders counted by hand."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import text

from tests.cli_runner import crm, crm_json
from tests.helpers import add_customer

pytestmark = pytest.mark.both_backends

T = "2026-11-01 00:00:00.000000"


@pytest.fixture
def orders(db: Any) -> dict[str, int]:
    ids = {
        "big": add_customer(db, "大客户", credit_limit=500_000),  # limit 5,000
        "mid": add_customer(db, "中客户", credit_limit=10_000_000),
        "old": add_customer(db, "老客户"),
        "none": add_customer(db, "新客户", grade="B"),
    }
    rows = [
        # number, customer, status, ordered_on, total (minor units)
        ("SO-1", "big", "delivered", "2026-11-10", 800_000),
        ("SO-2", "big", "confirmed", "2026-10-05", 100_000),
        ("SO-3", "mid", "shipped", "2026-11-20", 200_000),
        ("SO-4", "mid", "cancelled", "2026-11-21", 900_000),  # cancelled: never counted
        ("SO-5", "old", "delivered", "2026-05-01", 50_000),  # older than 90 days
        ("SO-6", "none", "draft", "2026-11-22", 700_000),  # a draft is not booked
    ]
    with db.session() as s:
        for number, who, status, day, total in rows:
            s.execute(
                text(
                    "INSERT INTO sales_order (created_at, updated_at, number, customer_id, status, "
                    "ordered_on, currency, total) VALUES (:t, :t, :n, :c, :s, :d, 'CNY', :total)"
                ),
                {"t": T, "n": number, "c": ids[who], "s": status, "d": day, "total": total},
            )
        for order, name, qty, line_total in [
            ("SO-1", "数控机床", 2, 600_000),
            ("SO-1", "刀具", 10, 200_000),
            ("SO-2", "刀具", 5, 100_000),
            ("SO-3", "数控机床", 1, 200_000),
            ("SO-5", "刀具", 1, 50_000),
        ]:
            s.execute(
                text(
                    "INSERT INTO order_line (order_id, position, name, unit_price, quantity, "
                    "discount, line_total) SELECT id, 0, :name, 0, :q, 0, :lt FROM sales_order "
                    "WHERE number = :o"
                ),
                {"name": name, "q": qty, "lt": line_total, "o": order},
            )
        # big paid 4,000 on SO-1 in November: owes 9,000 - 4,000 = 5,000... exactly its limit
        s.execute(
            text(
                "INSERT INTO payment (created_at, updated_at, customer_id, paid_on, amount, "
                "currency, method) VALUES (:t, :t, :c, '2026-11-15', 400000, 'CNY', 'transfer')"
            ),
            {"t": T, "c": ids["big"]},
        )
        s.execute(
            text(
                "INSERT INTO payment_allocation (payment_id, order_id, amount) "
                "SELECT p.id, o.id, 400000 FROM payment p, sales_order o WHERE o.number = 'SO-1'"
            )
        )
    return ids


def test_sales_report(orders: dict[str, int]) -> None:
    data = json.loads(crm("report", "sales", "--format", "json").stdout)
    got = {s["title"]: s["rows"] for s in data["sections"]}
    months = {r[0]: r[1:] for r in got["Orders and cash by month"]}
    assert months["2026-11"] == [2, "10000.00", "4000.00"]  # SO-1, SO-3; the payment
    assert months["2026-10"] == [1, "1000.00", "0.00"]
    assert months["2026-05"] == [1, "500.00", "0.00"]
    assert got["Sales by product (top 10)"] == [
        ["数控机床", 3, "8000.00", 69.6],
        ["刀具", 16, "3500.00", 30.4],
    ]
    assert got["Sales by customer (top 10)"] == [
        [orders["big"], "大客户", 2, "9000.00", 78.3],
        [orders["mid"], "中客户", 1, "2000.00", 17.4],
        [orders["old"], "老客户", 1, "500.00", 4.3],
    ]


def test_grades_come_from_orders_once_there_are_orders(orders: dict[str, int]) -> None:
    out = crm_json("grade", "suggest")
    assert out["source"] == "orders"
    assert out["total"] == "11500.00"
    by_id = {s["customer_id"]: s["suggested"] for s in out["suggestions"]}
    # big 9,000 (A: nothing before it), mid 2,000 (before it 78%: A), old 500 (96%: C)
    assert by_id[orders["big"]] == "A" and by_id[orders["mid"]] == "A"
    assert by_id[orders["old"]] == "C"
    assert by_id[orders["none"]] == "N"  # only a draft


def test_over_credit_and_no_order(orders: dict[str, int]) -> None:
    def names(query: str) -> set[str]:
        return {r["name"] for r in crm_json("customers", "--query", query)}

    assert names("is:over-credit") == set()  # big owes exactly its limit
    assert names("-is:over-credit") == {"大客户", "中客户", "老客户", "新客户"}
    assert names("is:no-order-90d") == {"老客户", "新客户"}
    assert names("-is:no-order-90d") == {"大客户", "中客户"}


def test_over_credit_when_owing_more_than_the_limit(db: Any, orders: dict[str, int]) -> None:
    with db.session() as s:
        s.execute(
            text("UPDATE customer SET credit_limit = 499999 WHERE id = :c"), {"c": orders["big"]}
        )
    assert [r["name"] for r in crm_json("customers", "--query", "is:over-credit")] == ["大客户"]
