"""Care touches from orders and money on the call plan, each with its reason in words."""

from __future__ import annotations

from datetime import date

import pytest

from crmtui.services.planning.planner import payment_overdue_date, payment_reminder_date
from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends

# The pinned clock (tests/conftest.py) is Monday 2026-11-23 10:00 in Shanghai.


def _customer(name: str, phone: str) -> None:
    crm("add-customer", name, "--phone", phone)
    crm("credit", name, "--days", "0")


def _reasons(plan: dict, name: str) -> list[str]:
    calls = [c for c in plan["calls"] + plan["not_placed"] if c["customer"] == name]
    return [reason for c in calls for reason in c.get("reasons", [c.get("reason", "")])]


def test_the_plan_has_satisfaction_and_payment_calls_with_reasons():
    _customer("宏达机械", "13800138000")
    crm("order", "add", "宏达机械", "--line", "Pump 1 x 500", "--date", "2026-11-10", "--confirm")
    crm("order", "ship", "1", "--on", "2026-11-12")
    crm("order", "deliver", "1", "--on", "2026-11-16")
    crm("pay", "宏达机械", "500")
    _customer("Acme Tools", "13900139000")
    crm(
        "order", "add", "Acme Tools", "--line", "Valve 2 x 100", "--date", "2026-11-01", "--confirm"
    )
    crm("order", "ship", "2", "--on", "2026-11-26")  # due the same day: reminder 3 days before
    _customer("Late Payer", "13700137000")
    crm(
        "order", "add", "Late Payer", "--line", "Valve 1 x 100", "--date", "2026-11-01", "--confirm"
    )
    crm("order", "ship", "3", "--on", "2026-11-20")  # due Fri 20th: overdue on Mon 23rd
    plan = crm_json("plan")
    assert any(
        "satisfaction call 7 days after delivery; SO-2026-0001" in r
        for r in _reasons(plan, "宏达机械")
    )
    assert any(
        "payment reminder 3 days before the due date; SO-2026-0002: 200 CNY due" in r
        for r in _reasons(plan, "Acme Tools")
    )
    assert any(
        "payment overdue: first working day after the due date" in r
        for r in _reasons(plan, "Late Payer")
    )
    # a logged call ends the reminder
    crm("log", "Acme Tools", "--outcome", "reached", "--note", "will pay Thursday")
    assert _reasons(crm_json("plan"), "Acme Tools") == []


def test_first_order_letter_and_credit_review_are_tasks(monkeypatch):
    monkeypatch.setenv("CRM_NOW", "2026-05-20T10:00:00+08:00")
    _customer("宏达机械", "13800138000")
    crm("credit", "宏达机械", "--rating", "B")
    monkeypatch.setenv("CRM_NOW", "2026-11-20T10:00:00+08:00")
    crm("order", "add", "宏达机械", "--line", "Pump 1 x 500", "--force")
    crm("order", "add", "宏达机械", "--line", "Pump 1 x 500", "--force")
    monkeypatch.setenv("CRM_NOW", "2026-11-23T10:00:00+08:00")
    tasks = crm_json("plan")["tasks"]
    letters = [t for t in tasks if t["kind"] == "first-order"]
    assert len(letters) == 1  # for the first order only
    assert letters[0]["reason"].startswith("thank-you letter the day after their first order")
    (review,) = [t for t in tasks if t["kind"] == "credit-review"]
    assert review["reason"].startswith("credit rating is 6 months old")
    crm("log", "宏达机械", "--kind", "letter", "--note", "thank-you letter sent")
    crm("credit", "宏达机械", "--rating", "A")
    assert [t for t in crm_json("plan")["tasks"] if t["customer"] == "宏达机械"] == []


def test_reminder_dates_skip_days_off():
    # due Monday 2026-11-30: three days before is Friday the 27th, a working day
    assert payment_reminder_date(date(2026, 11, 30), "CN") == date(2026, 11, 27)
    # due Wednesday 2026-10-07 (National Day week): the reminder comes before the holiday
    assert payment_reminder_date(date(2026, 10, 8), "CN") < date(2026, 10, 1)
    assert payment_overdue_date(date(2026, 11, 20), "CN") == date(2026, 11, 23)
