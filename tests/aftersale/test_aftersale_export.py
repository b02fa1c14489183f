"""After the sale in the full JSON export: every record goes out and comes back, into an empty
database with the same ids, into one with data with the links followed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends

SECTIONS = (
    "complaints",
    "complaint_steps",
    "service_plans",
    "service_records",
    "satisfaction",
    "referrals",
)


@pytest.fixture
def after_sale() -> None:
    crm("add-customer", "宏达机械", "--phone", "13812345678")
    crm("add-customer", "Acme")
    crm("add-contact", "宏达", "王丽")
    crm("complaint", "add", "宏达", "--said", "机器坏了", "--contact", "王丽", "--severity", "high")
    crm("complaint", "step", "1", "2", "--note", "sorry")
    crm("complaint", "close", "1", "--satisfaction", "4")
    crm("service", "plan", "Acme", "--kind", "inspection", "--every", "3m")
    crm("service", "log", "Acme", "--kind", "inspection", "--cost", "99.50", "--satisfaction", "2")
    crm("edit-customer", "Acme", "--referred-by", "宏达")


def test_every_after_sale_record_round_trips(after_sale, isolated: Path):
    first = isolated / "all.json"
    crm("export", "contacts", "--format", "json", "-o", str(first))
    data = json.loads(first.read_text(encoding="utf-8"))
    assert {key: len(data[key]) for key in SECTIONS} == {
        "complaints": 1,
        "complaint_steps": 3,
        "service_plans": 1,
        "service_records": 1,
        "satisfaction": 2,
        "referrals": 1,
    }
    assert data["service_records"][0]["cost"] == "99.50"
    other = str(isolated / "restored.db")
    crm("--db", other, "import", str(first))
    second = isolated / "again.json"
    crm("--db", other, "export", "contacts", "--format", "json", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_into_a_database_with_data_the_links_follow(after_sale, isolated: Path):
    dump = isolated / "all.json"
    crm("export", "contacts", "--format", "json", "-o", str(dump))
    other = str(isolated / "other.db")
    crm("--db", other, "add-customer", "Someone else")
    crm("--db", other, "complaint", "add", "Someone", "--said", "first")
    crm("--db", other, "import", str(dump))
    card = json.loads(crm("--db", other, "show", "宏达", "--json").stdout)["service"]
    [complaint] = card["complaints"]
    assert complaint["id"] == 2 and complaint["contact"] == "王丽"
    assert [e["note"] for e in complaint["entries"]] == ["机器坏了", "sorry", None]
    assert [(s["source"], s["ref_id"]) for s in card["satisfaction"]] == [("complaint", 2)]
    assert [r["name"] for r in card["referred"]] == ["Acme"]
    acme = json.loads(crm("--db", other, "show", "Acme", "--json").stdout)["service"]
    assert acme["records"][0]["plan_id"] == acme["plans"][0]["id"]
    assert acme["satisfaction"][0]["ref_id"] == acme["records"][0]["id"]
    # importing the same file again (update) adds no second referral
    crm("--db", other, "import", str(dump), "--on-duplicate", "update")
    assert crm_json("--db", other, "show", "Acme")["service"]["referred_by"]["name"] == "宏达机械"
