"""The weekly and monthly summaries add orders booked, shipped, delivered, cash collected and
what was overdue at the period's end, in every format."""

from __future__ import annotations

import json

import pytest

from tests.cli_runner import crm

pytestmark = pytest.mark.both_backends


def _week_of_money(monkeypatch) -> None:
    crm("add-customer", "宏达机械")
    crm("credit", "宏达机械", "--days", "0")
    monkeypatch.setenv("CRM_NOW", "2026-11-10T10:00:00+08:00")  # the week before
    crm("order", "add", "宏达机械", "--line", "Old 1 x 700", "--confirm")
    crm("order", "ship", "1")
    monkeypatch.setenv("CRM_NOW", "2026-11-17T10:00:00+08:00")  # week 2026-W47
    crm("order", "add", "宏达机械", "--line", "Pump 2 x 500", "--confirm")
    crm("order", "ship", "2")
    crm("order", "deliver", "2", "--on", "2026-11-18")
    crm("pay", "宏达机械", "300", "--order", "1", "--on", "2026-11-19")
    monkeypatch.setenv("CRM_NOW", "2026-11-23T10:00:00+08:00")


def test_the_week_counts_orders_and_cash(monkeypatch):
    _week_of_money(monkeypatch)
    data = json.loads(crm("export", "weekly", "--week", "2026-W47", "--format", "json").stdout)
    money = data["money"]
    assert money["booked"] == {"count": 1, "amounts": {"CNY": "1000.00"}}
    assert money["shipped"]["count"] == 1 and money["delivered"]["count"] == 1
    assert money["collected"] == {"count": 1, "amounts": {"CNY": "300.00"}}
    # at the week's end: order 1 (due 11-10) owed 400, order 2 (due 11-17) owed 1000
    assert money["overdue"] == {"count": 2, "amounts": {"CNY": "1400.00"}}
    before = json.loads(crm("export", "weekly", "--week", "2026-W46", "--format", "json").stdout)
    # at the end of the week before, order 1 was late in full: the payment came later
    assert before["money"]["overdue"] == {"count": 1, "amounts": {"CNY": "700.00"}}
    markdown = crm("export", "weekly", "--week", "2026-W47").stdout
    assert "Orders and money" in markdown
    assert "cash collected: 1 (300 CNY) payments" in markdown
    assert "overdue on 2026-11-23: 2 (1,400 CNY) orders" in markdown
