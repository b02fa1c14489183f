"""The full JSON export carries events, expenses, competitors and announcements, and import
brings them back: identical into an empty database, links followed into one with data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import crm

pytestmark = pytest.mark.both_backends

KEYS = (
    "announcements",
    "competitors",
    "opportunity_competitors",
    "events",
    "event_invitees",
    "expense_claims",
    "expense_lines",
)


@pytest.fixture
def filled():
    crm("add-customer", "上海宏达机械有限公司", "--phone", "13800138000")
    crm("opp", "add", "宏达", "机床", "--amount", "80000")
    crm("competitor", "add", "大隈机床", "--price", "higher")
    crm("opp", "lost", "1", "--reason", "price", "--to", "大隈")
    crm("event", "add", "工博会", "2026-11-20", "--budget", "50000.50")
    crm("event", "invite", "1", "宏达", "--status", "registered")
    crm("expense", "add", "2026-11-20", "travel", "680", "--customer", "宏达", "--event", "1")
    crm("expense", "submit", "1")
    crm("announce", "周五培训", "--until", "2026-11-27", "--pin")


def test_export_and_restore_into_an_empty_database_is_identical(filled, isolated: Path):
    first = isolated / "all.json"
    crm("export", "contacts", "--format", "json", "-o", str(first))
    data = json.loads(first.read_text(encoding="utf-8"))
    for key in KEYS:
        assert len(data[key]) == 1, key
    assert data["events"][0]["budget"] == "50000.50"
    assert data["expense_lines"][0]["amount"] == "680.00"
    assert data["opportunity_competitors"][0]["role"] == "lost-to"
    other = str(isolated / "restored.db")
    crm("--db", other, "import", str(first))
    second = isolated / "again.json"
    crm("--db", other, "export", "contacts", "--format", "json", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_import_into_a_database_with_data_follows_the_links(filled, isolated: Path):
    dump = isolated / "all.json"
    crm("export", "contacts", "--format", "json", "-o", str(dump))
    other = str(isolated / "other.db")
    crm("--db", other, "add-customer", "Someone else")
    crm("--db", other, "competitor", "add", "大隈机床")
    crm("--db", other, "event", "add", "Local fair", "2026-10-01")
    crm("--db", other, "import", str(dump))
    competitors = json.loads(crm("--db", other, "competitor", "list", "--json").stdout)
    assert [(k["name"], k["lost_to"]) for k in competitors] == [("大隈机床", 1)]
    events = json.loads(crm("--db", other, "event", "list", "--json").stdout)
    assert [e["name"] for e in events] == ["工博会", "Local fair"]
    card = json.loads(crm("--db", other, "event", "show", str(events[0]["id"]), "--json").stdout)
    assert [p["customer"] for p in card["invitees"]] == ["上海宏达机械有限公司"]
    assert card["event"]["cost"] == "680.00"
    (claim,) = json.loads(crm("--db", other, "expense", "list", "--json").stdout)
    assert (claim["status"], claim["total"]) == ("submitted", "680.00")
