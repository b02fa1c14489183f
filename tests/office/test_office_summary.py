"""Weekly and monthly summaries add the office: events held, attendees, leads from events and
expenses by category, checked against hand-counted data."""

from __future__ import annotations

import json

import pytest

from tests.cli_runner import crm

pytestmark = pytest.mark.both_backends


def test_week_summary_counts_events_and_expenses():
    """Week 2026-W47 (11-16 to 11-22): 工博会 held on 11-20 (2 came, 1 of them a lead met
    there); a seminar still planned that week does not count. Spent that week: travel 680 +
    200, meals 120.50; a rejected hotel 450 and an October taxi do not count."""
    crm("add-customer", "上海宏达机械有限公司")
    crm("event", "add", "工博会", "2026-11-20")
    crm("event", "add", "研讨会", "2026-11-21")
    crm("event", "invite", "1", "宏达")
    crm("event", "move", "1", "open")
    crm("event", "move", "1", "held")
    crm("event", "attend", "1", "宏达")
    crm("event", "invite", "1", "--new", "新锐科技")
    crm("expense", "add", "--line", "2026-11-20 travel 680", "--line", "2026-11-21 meals 120.50")
    crm("expense", "add", "--line", "2026-11-22 travel 200", "--line", "2026-10-02 transport 35")
    crm("expense", "add", "2026-11-19", "hotel", "450", "--new")
    crm("expense", "submit", "2")
    crm("expense", "reject", "2", "--reason", "over the limit")
    data = json.loads(crm("export", "weekly", "--week", "2026-W47", "-f", "json").stdout)
    office = data["office"]
    assert (office["events_held"], office["attendees"], office["leads_from_events"]) == (1, 2, 1)
    assert [e["name"] for e in office["events"]] == ["工博会"]
    assert [(r["key"], r["amount"], r["lines"]) for r in office["expenses_by_category"]] == [
        ("travel", "880.00", 2),
        ("meals", "120.50", 1),
    ]
    text = crm("export", "weekly", "--week", "2026-W47").stdout
    assert "1 held, 2 attendees, 1 leads from events" in text
    assert "travel: 880 CNY (2)" in text
    html = crm("export", "monthly", "--month", "2026-11", "-f", "html").stdout
    assert "工博会: 2 came, 1 new leads" in html
