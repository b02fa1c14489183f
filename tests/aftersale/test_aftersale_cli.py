"""After the sale, tier 2: the commands, their --json, and bad input refused in one line with
exit 1 and nothing written (the database's change counter does not move)."""

from __future__ import annotations

import pytest

from crmtui.cli import app
from tests.cli_runner import _runner, crm, crm_json

pytestmark = pytest.mark.both_backends


def _changes() -> int:
    """The change counter, read through the app's reader (SQLite or PostgreSQL alike)."""
    from crmtui.db.engine import open_database

    database = open_database()
    try:
        with database.reader() as reader:
            return int(reader.change_count())
    finally:
        database.dispose()


def _refused(*argv: str, says: str) -> None:
    before = _changes()
    result = _runner.invoke(app, list(argv))
    shown = f"crm {argv} → {result.exit_code}\n{result.output}"
    assert result.exit_code == 1, shown
    assert result.stdout == "", shown
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], shown
    assert "Traceback" not in result.output
    assert _changes() == before, "nothing was written"


@pytest.fixture
def customers() -> None:
    crm("add-customer", "宏达机械", "--phone", "13812345678", "--country", "CN")
    crm("add-customer", "Acme", "--phone", "13812345679", "--country", "CN")
    crm("add-customer", "Bolt", "--phone", "13812345670", "--country", "CN")


def test_a_complaint_through_its_steps_in_json(customers):
    crm(
        "complaint",
        "add",
        "宏达",
        "--said",
        "机器坏了",
        "--severity",
        "critical",
        "--category",
        "质量",
        "--channel",
        "visit",
    )
    crm("complaint", "step", "1", "2", "--note", "道歉")
    crm("complaint", "step", "1", "3", "--note", "bearing worn")
    crm("complaint", "step", "1", "4", "--note", "replace it", "--by", "2026-11-30")
    shown = crm_json("complaint", "show", "1")
    assert (shown["status"], shown["severity"], shown["category"], shown["channel"]) == (
        "solution-offered",
        "critical",
        "quality",
        "visit",
    )
    assert shown["promised_by"] == "2026-11-30"
    assert [e["step"] for e in shown["entries"]] == [1, 2, 3, 4]
    assert shown["next_steps"] == [4, 5, 6]
    crm("complaint", "step", "1", "6", "--note", "called, fixed")
    out = crm("complaint", "close", "1", "--satisfaction", "满意").stdout
    assert "closed" in out
    listed = crm_json("complaints")
    assert [(k["id"], k["status"], k["satisfaction"]) for k in listed] == [(1, "closed", 4)]
    assert crm_json("complaints", "--open") == []
    crm("complaint", "reopen", "1", "--note", "broke again")
    assert [k["status"] for k in crm_json("complaints", "--open", "--customer", "宏达")] == ["open"]
    text = crm("complaint", "show", "1").stdout
    assert "reopened" in text and "next: step 2" in text


def test_show_lists_the_complaints_services_ratings_and_referrals_on_the_card(customers):
    crm("complaint", "add", "Acme", "--said", "late", "--severity", "high")
    crm("service", "plan", "Acme", "--kind", "inspection", "--every", "90d")
    crm(
        "service",
        "log",
        "Acme",
        "--kind",
        "inspection",
        "--on",
        "2026-11-20",
        "--cost",
        "1,200",
        "--satisfaction",
        "很满意",
        "--by",
        "老王",
    )
    crm("edit-customer", "Bolt", "--referred-by", "Acme")
    crm("opp", "add", "Bolt", "数控机床", "--stage", "won")
    card = crm_json("show", "Acme")
    service = card["service"]
    assert card["open_serious_complaints"] == 1
    assert [k["said"] for k in service["complaints"]] == ["late"]
    assert service["plans"][0]["next_due"] == "2027-02-18"
    assert (service["records"][0]["cost"], service["records"][0]["currency"]) == ("1200.00", "CNY")
    assert [(s["level"], s["source"]) for s in service["satisfaction"]] == [(5, "service")]
    assert service["referred"] == [
        {"id": 3, "name": "Bolt", "stage": "potential", "bought": ["数控机床"]}
    ]
    assert crm_json("show", "Bolt")["service"]["referred_by"] == {"id": 2, "name": "Acme"}
    text = crm("show", "Acme").stdout
    assert "high or critical complaint open" in text


def test_services_lists_plans_due_and_services_done(customers):
    crm("service", "plan", "Acme", "--kind", "maintenance", "--every", "6m", "--from", "+3d")
    crm("service", "plan", "Bolt", "--kind", "training", "--every", "1y")
    assert [p["customer"] for p in crm_json("services")] == ["Acme", "Bolt"]
    assert [p["customer"] for p in crm_json("services", "--due")] == ["Acme"]
    crm("service", "log", "Acme", "--kind", "保养")
    assert crm_json("services", "--customer", "Acme")[0]["next_due"] == "2027-05-23"
    assert [r["kind"] for r in crm_json("services", "--done")] == ["maintenance"]


def test_bad_input_gets_one_line_exit_1_and_nothing_written(customers):
    crm("complaint", "add", "Acme", "--said", "late")
    crm("edit-customer", "Bolt", "--referred-by", "Acme")
    _refused("satisfaction", "Acme", "happy", says="unknown satisfaction level")
    _refused("satisfaction", "Acme", "6", says="satisfaction must be from 1 to 5")
    _refused("complaint", "step", "1", "7", "--note", "x", says="step must be from 1 to 6")
    _refused("complaint", "step", "1", "4", "--note", "x", says="record step 2 first")
    _refused("complaint", "close", "1", says="needs the customer's satisfaction")
    _refused("complaint", "close", "1", "--satisfaction", "meh", says="unknown satisfaction")
    _refused(
        "service", "plan", "Acme", "--kind", "maintenance", "--every", "0d", says="give at least 1d"
    )
    _refused(
        "service",
        "plan",
        "Acme",
        "--kind",
        "maintenance",
        "--every",
        "often",
        says="not an interval",
    )
    _refused("service", "plan", "Acme", "--kind", "polishing", "--every", "6m", says="unknown kind")
    _refused("edit-customer", "Acme", "--referred-by", "Acme", says="cannot refer themselves")
    _refused("edit-customer", "Acme", "--referred-by", "Bolt", says="no cycles")
    _refused("complaint", "show", "99", says="no complaint with id 99")
    _refused("complaint", "add", "Acme", "--said", " ", says="what the customer said")


def test_the_plan_shows_the_three_after_sale_calls_with_their_reasons(customers, monkeypatch):
    crm("complaint", "add", "宏达", "--said", "broken", "--at", "2026-11-16 10:00")
    crm("complaint", "step", "1", "2", "--note", "sorry")
    crm("complaint", "step", "1", "3", "--note", "facts")
    crm("complaint", "step", "1", "4", "--note", "new part", "--by", "2026-11-20")
    crm("service", "plan", "Acme", "--kind", "maintenance", "--every", "6m", "--from", "2026-11-26")
    crm("satisfaction", "Bolt", "satisfied")
    out = crm("satisfaction", "Bolt", "dissatisfied").stdout
    assert "call back is on tomorrow's plan" in out
    today = {c["customer"]: c for c in crm_json("plan")["calls"]}
    assert "complaint" in today["宏达机械"]["kinds"]
    assert any("solution promised by 2026-11-20" in r for r in today["宏达机械"]["reasons"])
    assert "service" in today["Acme"]["kinds"]
    assert any("maintenance due 2026-11-26" in r for r in today["Acme"]["reasons"])
    assert "dissatisfied" not in today["Bolt"]["kinds"], "the call back is the next day's"
    tomorrow = {c["customer"]: c for c in crm_json("plan", "--date", "2026-11-24")["calls"]}
    assert "dissatisfied" in tomorrow["Bolt"]["kinds"]
    assert any("rated dissatisfied on 2026-11-23" in r for r in tomorrow["Bolt"]["reasons"])
    # a call that reaches Bolt ends it; following the complaint up (step 6) ends that one
    monkeypatch.setenv("CRM_NOW", "2026-11-23T11:00:00+08:00")
    crm("log", "Bolt", "--outcome", "reached", "--note", "listened")
    crm("complaint", "step", "1", "6", "--note", "checked")
    tomorrow = {c["customer"]: c for c in crm_json("plan", "--date", "2026-11-24")["calls"]}
    assert "dissatisfied" not in tomorrow.get("Bolt", {"kinds": []})["kinds"]
    assert "complaint" not in tomorrow.get("宏达机械", {"kinds": []})["kinds"]


def test_edit_customer_satisfaction_goes_through_the_history_and_the_drop_rule() -> None:
    crm("add-customer", "Bolt", "--phone", "13800138000")
    crm("edit-customer", "Bolt", "--satisfaction", "4")
    out = crm("edit-customer", "Bolt", "--satisfaction", "2").stdout
    assert "call back is on tomorrow's plan" in out
    card = crm_json("show", "Bolt")
    assert card["satisfaction"] == 2
    history = card["service"]["satisfaction"]
    assert sorted((s["level"], s["source"]) for s in history) == [(2, "profile"), (4, "profile")]
    tomorrow = {c["customer"]: c for c in crm_json("plan", "--date", "2026-11-24")["calls"]}
    assert "dissatisfied" in tomorrow["Bolt"]["kinds"]
