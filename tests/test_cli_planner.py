"""``crm plan``, ``crm busy`` and re-planning after a logged outcome, through the database."""

from __future__ import annotations

import pytest

from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends


def _new_york_customer(monkeypatch):
    monkeypatch.setenv("CRM_TZ", "Asia/Shanghai")
    crm("config", "set", "calling_hours", "08:00-23:00")
    monkeypatch.setenv("CRM_NOW", "2026-02-20T09:00:00-05:00")
    crm(
        "add-customer",
        "Hudson Tools",
        "--phone",
        "+1 212 555 0123",
        "--country",
        "US",
        "--timezone",
        "America/New_York",
        "--stage",
        "customer",
        "--grade",
        "A",
    )
    crm("busy", "Hudson", "Mon 10:00-11:00", "--note", "weekly meeting")
    for day in ("2026-03-02", "2026-03-09"):
        monkeypatch.setenv("CRM_NOW", f"{day}T10:20:00-05:00")
        crm("log", "Hudson", "--outcome", "no-answer", "--at", f"{day}T10:15:00-05:00")
    crm("follow-up", "Hudson", "--at", "2026-03-09T10:20:00-05:00", "--note", "quote")


def test_scenario_a_through_the_database(monkeypatch):
    _new_york_customer(monkeypatch)
    today = crm_json("plan")  # now: Mon 9 Mar 10:20 New York = 23:20 Shanghai
    assert today["calls"] == []
    [waiting] = today["not_placed"]
    assert waiting["customer"] == "Hudson Tools"
    assert waiting["next_possible"] == "2026-03-10T21:00:00+08:00"  # Tue 09:00 New York
    tomorrow = crm_json("plan", "--date", "2026-03-10")
    [call] = tomorrow["calls"]
    assert call["at"] == "2026-03-10T21:00:00+08:00"
    assert call["their_time"].startswith("2026-03-10T09:00")
    assert "US legal hours 08:00–21:00" in call["reasons"]
    text = crm("plan", "--date", "2026-03-10").stdout
    assert "21:00  Hudson Tools" in text and "their 09:00 America/New_York" in text


def test_logging_an_outcome_replans(monkeypatch):
    _new_york_customer(monkeypatch)
    monkeypatch.setenv("CRM_NOW", "2026-03-10T09:05:00-04:00")
    out = crm("log", "Hudson", "--outcome", "busy").stdout
    assert "next call fits" in out
    out = crm("log", "Hudson", "--outcome", "not-interested").stdout
    assert "not interested" in out
    assert crm_json("plan")["calls"] == []


def test_busy_add_list_remove(monkeypatch):
    crm("add-customer", "Acme")
    crm("busy", "Acme", "Mon-Fri 12:00-13:00", "--note", "lunch")
    crm("busy", "Acme", "Tue 09:00-10:00", "--kind", "preferred")
    rows = crm_json("busy", "Acme", "--list")
    assert [(r["kind"], r["label"], r["note"]) for r in rows][:3] == [
        ("busy", "Mon 12:00-13:00", "lunch"),
        ("preferred", "Tue 09:00-10:00", None),
        ("busy", "Tue 12:00-13:00", "lunch"),
    ]
    assert len(rows) == 6
    crm("busy", "--remove", str(rows[0]["id"]))
    assert len(crm_json("busy", "Acme", "--list")) == 5
    bad = crm("busy", "Acme", "Blursday 10:00-11:00", ok=False)
    assert bad.exit_code == 1 and "unknown day" in bad.stderr
    bad = crm("busy", "Acme", "Mon 11:00-10:00", ok=False)
    assert bad.exit_code == 1 and "end after it starts" in bad.stderr


def test_desktop_todays_calls_come_from_the_plan(monkeypatch):
    _new_york_customer(monkeypatch)
    monkeypatch.setenv("CRM_NOW", "2026-03-10T08:00:00-04:00")
    desk = crm_json("today")
    plan = crm_json("plan")
    assert [c["customer"] for c in desk["today_calls"]] == [c["customer"] for c in plan["calls"]]
    assert desk["today_calls"] and desk["today_calls"][0]["at"] == plan["calls"][0]["at"]
