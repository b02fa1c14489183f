"""``crm demo`` has money in every state, and the Done-when checks on it: receivables bucket
every open order once with totals that add up; the plan has a satisfaction call and a payment
reminder with their reasons."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.cli_runner import crm, crm_json


@pytest.fixture
def demo():
    assert "orders" in crm("demo").stdout


def test_the_demo_has_orders_in_every_state_partial_payments_and_one_over_its_limit(demo):
    orders = crm_json("orders", "--limit", "100000")
    assert {o["status"] for o in orders} == {
        "draft",
        "confirmed",
        "shipped",
        "delivered",
        "cancelled",
    }
    assert {"paid", "unpaid", "overdue"} <= {o["payment"] for o in orders}
    partial = [o for o in orders if Decimal(o["paid"]) and Decimal(o["outstanding"])]
    assert partial, "some orders are paid in part"
    over = []
    for cid in {o["customer_id"] for o in orders}:
        credit = crm_json("credit", str(cid))
        limit = credit["credit_limit"]
        if limit is not None and Decimal(credit["outstanding"]) > Decimal(limit):
            over.append(cid)
    assert over, "one customer is over its credit limit"
    assert len(crm_json("product", "list")) >= 5


def test_receivables_bucket_every_open_order_once_and_add_up(demo):
    report = crm_json("receivables")
    open_orders = [
        o
        for o in crm_json("orders", "--limit", "100000")
        if o["status"] in ("confirmed", "shipped", "delivered") and Decimal(o["outstanding"])
    ]
    ids = [o["order_id"] for o in report["orders"]]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(o["id"] for o in open_orders)
    (totals,) = report["totals"]
    assert sum(Decimal(v) for v in totals["buckets"].values()) == Decimal(totals["total"])
    assert Decimal(totals["total"]) == sum(Decimal(o["outstanding"]) for o in open_orders)
    assert {o["bucket"] for o in report["orders"]} == set(report["buckets"])


def test_the_demo_plan_has_a_satisfaction_call_and_a_payment_reminder(demo):
    plan = crm_json("plan")
    reasons = [r for c in plan["calls"] for r in c["reasons"]]
    assert any(
        r.startswith("satisfaction call 7 days after delivery; SO-")
        or r.startswith("satisfaction call 7 days after delivery (overdue")
        for r in reasons
    )
    assert any(r.startswith("payment reminder 3 days before the due date") for r in reasons)
    text = crm("plan").stdout
    assert "ask whether they are satisfied with the delivery" in text
    assert "remind them of a payment falling due" in text
