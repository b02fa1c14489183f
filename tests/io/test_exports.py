"""crm export contacts / calendar, and the round trips through crm import."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from crmtui import clock
from tests.cli_runner import crm
from tests.helpers import add_contact, add_customer

pytestmark = pytest.mark.both_backends

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def filled(db):
    """A little of everything, through the services, with awkward text on purpose."""
    from crmtui.services.activities.write import log_activity, plan_activity
    from crmtui.services.common.timeparse import Birthday
    from crmtui.services.notes.write import add_note
    from crmtui.services.sales.write import create_opportunity, move_opportunity
    from crmtui.services.summaries.build import set_reflection

    now = clock.now()
    hongda = add_customer(
        db,
        "上海宏达机械有限公司",
        phones=["+86 21 5555 0101"],
        city="上海",
        country="CN",
        tags=["vip", "展会"],
        stage="customer",
        grade="A",
        industry="machinery",
        source="展会",
        email="info@hongda.example.cn",
        notes="多行\n备注, with; separators",
    )
    wang = add_contact(
        db,
        hongda,
        "王丽",
        role="采购经理",
        phones=["13800138001"],
        email="wangli@hongda.example.cn",
        birthday=Birthday(4, 15, None, False),
        decision_maker=True,
    )
    add_contact(db, hongda, "李雷", birthday=Birthday(8, 15, 1980, True))
    evil = add_customer(
        db,
        '=HYPERLINK("http://evil.example","click")',
        notes="+SUM(A1:A9)",
        phones=["+1 212 555 0100"],
        country="US",
        tags=["@risk"],
    )
    add_customer(
        db,
        "Anna Miller",
        is_person=True,
        company_name="Freelance",
        birthday=Birthday(2, 29, 1988, False),
        phones=["+1 415 555 0199"],
        country="US",
        timezone="America/Los_Angeles",
        email="anna@example.com",
    )
    add_customer(db, "Trashed", phones=["+86 139 0000 0000"])
    with db.session() as s:
        log_activity(
            s,
            now=now,
            customer_id=hongda,
            kind="call",
            outcome="reached",
            contact_id=wang,
            note="谈了报价",
            at=now - timedelta(hours=3),
            minutes=12,
        )
        plan_activity(
            s,
            now=now,
            customer_id=hongda,
            due_at=now + timedelta(days=2),
            kind="visit",
            note="带样品\x1b[2J",
            contact_id=wang,
        )
        opp = create_opportunity(
            s, now=now, customer_id=hongda, title="年度框架", amount=12_000_050
        )
        move_opportunity(
            s,
            now=now,
            opportunity_id=opp.id,
            stage="lost",
            lost_reason="价格",
            competitor="Contoso",
        )
        add_note(s, now=now, body="周五前发报价", customer_id=hongda, pinned=True)
        add_note(s, now=now, body="Q4 target")
        set_reflection(s, period_key="2026-W48", text="good week", now=now)
    crm("delete-customer", "Trashed")
    return {"hongda": hongda, "evil": evil}


def fresh_db(isolated: Path, name: str) -> str:
    return str(isolated / f"{name}.db")


def test_json_round_trip_is_identical(filled, isolated):
    first = isolated / "all.json"
    crm("export", "contacts", "--format", "json", "-o", str(first))
    assert oct(first.stat().st_mode & 0o777) == "0o600"
    data = json.loads(first.read_text(encoding="utf-8"))
    for key in (
        "customers",
        "contacts",
        "activities",
        "opportunities",
        "notes",
        "tags",
        "customer_tags",
        "summary_notes",
        "changes",
    ):
        assert data[key], key
    other = fresh_db(isolated, "restored")
    out = crm("--db", other, "import", str(first)).stdout
    assert "restored" in out
    second = isolated / "again.json"
    crm("--db", other, "export", "contacts", "--format", "json", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()
    # the restored database works: search (rebuilt pinyin) and the card
    found = json.loads(crm("--db", other, "customers", "-s", "hdjx", "--json").stdout)
    assert [c["name"] for c in found] == ["上海宏达机械有限公司"]
    assert (
        json.loads(crm("--db", other, "customers", "--trash", "--json").stdout)[0]["name"]
        == "Trashed"
    )


def test_json_into_a_database_with_data_needs_a_choice(filled, isolated):
    dump = isolated / "all.json"
    crm("export", "contacts", "--format", "json", "-o", str(dump))
    result = crm("import", str(dump), ok=False)
    assert result.exit_code == 1 and "--on-duplicate" in result.output
    out = json.loads(crm("import", str(dump), "--on-duplicate", "skip", "--json").stdout)
    assert out["added_customers"] == 0 and len(out["skipped"]) == 4
    assert len(json.loads(crm("note", "list", "--json").stdout)) == 2  # not added twice
    other = fresh_db(isolated, "other")
    add_customer_db = crm("--db", other, "add-customer", "Someone else")
    assert add_customer_db.exit_code == 0
    crm("--db", other, "import", str(dump))
    names = {c["name"] for c in json.loads(crm("--db", other, "customers", "--json").stdout)}
    assert {"Someone else", "上海宏达机械有限公司", "Anna Miller"} <= names
    card = json.loads(crm("--db", other, "show", "宏达", "--json").stdout)
    assert len(card["contacts"]) == 2 and card["tags"] == ["vip", "展会"]
    assert card["history"][0]["contact"] == "王丽" and card["opportunities"][0]["stage"] == "lost"


def test_csv_round_trip_is_identical(filled, isolated):
    first = isolated / "contacts.csv"
    crm("export", "contacts", "--format", "csv", "-o", str(first))
    other = fresh_db(isolated, "csv")
    crm("--db", other, "import", str(first))
    second = isolated / "again.csv"
    crm("--db", other, "export", "contacts", "--format", "csv", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()
    card = json.loads(crm("--db", other, "show", "宏达", "--json").stdout)
    assert (card["stage"], card["grade"], card["industry"]) == ("customer", "A", "machinery")
    li = [c for c in card["contacts"] if c["name"] == "李雷"][0]
    assert li["birthday_lunar"] and (li["birthday_month"], li["birthday_day"]) == (8, 15)


def test_csv_cells_cannot_run_as_formulas(filled):
    out = crm("export", "contacts", "--format", "csv").stdout.lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out)))
    evil = [r for r in rows if "HYPERLINK" in r["Name"]][0]
    assert evil["Name"].startswith("'=") and evil["Notes"] == "'+SUM(A1:A9)"
    assert evil["Tags"] == "'@risk"
    for row in rows:
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r", value
    assert "Trashed" not in out


def test_vcard_round_trip_for_the_fields_vcard_carries(filled, isolated):
    first = isolated / "contacts.vcf"
    crm("export", "contacts", "--format", "vcard", "-o", str(first))
    text = first.read_bytes().decode("utf-8")
    assert "BDAY:--04-15" in text and "ORG:上海宏达机械有限公司" in text
    assert "\x1b" not in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    import vobject

    cards = list(vobject.readComponents(text))
    assert len(cards) == 5
    other = fresh_db(isolated, "vcf")
    crm("--db", other, "import", str(first))
    second = isolated / "again.vcf"
    crm("--db", other, "export", "contacts", "--format", "vcard", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_calendar_is_valid_icalendar(filled, isolated):
    import icalendar

    target = isolated / "crm.ics"
    crm("export", "calendar", "-o", str(target))
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(cal.walk("VEVENT"))
    by_uid = {str(e["UID"]): e for e in events}
    visit = [e for uid, e in by_uid.items() if uid.startswith("activity-")]
    assert len(visit) == 1 and "王丽" in str(visit[0]["SUMMARY"])
    assert "\x1b" not in str(visit[0]["DESCRIPTION"])
    wang = [e for e in events if "王丽" in str(e["SUMMARY"]) and "RRULE" in e]
    assert wang and wang[0]["RRULE"]["FREQ"] == ["YEARLY"]
    anna = [e for e in events if "Anna" in str(e["SUMMARY"])][0]
    assert anna["RRULE"]["BYMONTHDAY"] == [-1]  # 29 February on the last day of February
    lunar = [e for e in events if "农历" in str(e["SUMMARY"])]
    assert len(lunar) >= 4 and all("RRULE" not in e for e in lunar)
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert not [e for e in events if "Trashed" in str(e["SUMMARY"])]


def test_exports_to_stdout_and_bad_format(filled):
    assert crm("export", "contacts").stdout.startswith("BEGIN:VCARD")
    assert crm("export", "calendar").stdout.startswith("BEGIN:VCALENDAR")
    bad = crm("export", "contacts", "--format", "pdf", ok=False)
    assert bad.exit_code == 1 and "unknown format" in bad.output


def test_export_replaces_a_world_readable_file_with_a_private_one(filled, isolated):
    target = isolated / "out.csv"
    target.write_text("old")
    target.chmod(0o644)
    crm("export", "contacts", "-f", "csv", "-o", str(target))
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert not list(isolated.glob(".out.csv.*"))


def test_summary_when_nothing_is_planned(db):
    start = datetime(2026, 11, 23, tzinfo=TZ)
    assert start.tzinfo is TZ
    assert "none" in crm("export", "weekly").stdout
