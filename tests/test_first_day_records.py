"""Issue 10, a first day: what the card and the lists show, and what adding records refuses."""

from __future__ import annotations

import json

import pytest

from tests.cli_runner import crm, crm_json
from tests.helpers import add_contact, add_customer

pytestmark = pytest.mark.both_backends

# --- names are stored in one normal form ------------------------------------------------------

TYPED = {
    "Acme\nTrading": "Acme Trading",
    "Acme\u200b Trading": "Acme Trading",
    "  Acme \t  Trading\r\n": "Acme Trading",
    "Cafe\u0301 Bleu": "Café Bleu",
    "\ufeff北京\u200d宏达": "北京宏达",
    "Acme\u3000Trading": "Acme Trading",
}


@pytest.mark.parametrize(("typed", "stored"), TYPED.items())
def test_customer_names_are_normalised_on_add_and_found_again(db, typed, stored):
    crm("add-customer", typed)
    card = crm_json("show", stored)
    assert card["name"] == stored


def test_names_are_normalised_on_every_write_path(db, isolated):
    cid = add_customer(db, "Old")
    crm("edit-customer", str(cid), "--name", "New\u200b\nName")
    assert crm_json("show", str(cid))["name"] == "New Name"
    crm("add-contact", str(cid), "Zhang\u200bSan\n")
    pid = add_contact(db, cid, "Li\r\nSi")
    names = sorted(c["name"] for c in crm_json("contacts"))
    assert names == ["Li Si", "ZhangSan"]
    from crmtui.services.contacts.write import update_contact
    from tests.helpers import now

    with db.session() as session:
        update_contact(session, now=now(), contact_id=pid, changes={"name": "Wang\u00a0\u00a0Wu"})
    assert "Wang Wu" in [c["name"] for c in crm_json("contacts")]


def test_imported_names_are_normalised(db, isolated):
    source = isolated / "people.csv"
    source.write_text('name,phone\n"Acme\nTrading",13812345678\nBeta\u200bCo,13912345678\n')
    crm("import", str(source))
    names = sorted(c["name"] for c in crm_json("customers"))
    assert names == ["Acme Trading", "BetaCo"]
    doc = json.loads(crm("export", "contacts", "--format", "json").stdout)
    doc["customers"][0]["name"] = "Gamma\u200b\nGroup"
    for key in ("customers",):
        for row in doc[key]:
            row["name"] = row["name"] + "\u200b"
    other = isolated / "dump.json"
    other.write_text(json.dumps(doc), encoding="utf-8")
    crm("--db", str(isolated / "fresh.db"), "import", str(other))
    fresh = crm("--db", str(isolated / "fresh.db"), "customers", "--json").stdout
    assert sorted(c["name"] for c in json.loads(fresh)) == ["BetaCo", "Gamma Group"]


# --- birthdays: refused where they cannot be, shown where they are ----------------------------


def test_a_company_birthday_is_refused_with_where_to_put_it(db):
    result = crm("add-customer", "Acme Ltd", "--birthday", "03-15", ok=False)
    assert result.exit_code == 1
    assert "add it to a contact: crm add-contact" in result.output
    assert "Traceback" not in result.output
    assert crm_json("customers") == []
    crm("add-customer", "Acme Ltd")
    edit = crm("edit-customer", "Acme Ltd", "--birthday", "03-15", ok=False)
    assert edit.exit_code == 1 and "crm add-contact" in edit.output


def test_a_person_birthday_is_accepted(db):
    crm("add-customer", "刘备", "--person", "--birthday", "1990-03-15")
    card = crm_json("show", "刘备")
    assert (card["birthday_month"], card["birthday_day"], card["birthday_year"]) == (3, 15, 1990)


@pytest.mark.parametrize(
    ("given", "says"),
    [("1800-01-01", "before 1900"), ("2030-01-01", "in the future"), ("2026-12-25", "future")],
)
def test_implausible_birthdays_are_refused_clearly(db, given, says):
    crm("add-customer", "Acme Ltd")
    for args in (
        ("add-customer", "张三", "--person", "--birthday", given),
        ("add-contact", "Acme Ltd", "李四", "--birthday", given),
    ):
        result = crm(*args, ok=False)
        assert result.exit_code == 1, result.output
        assert says in result.output and given in result.output
        assert "Traceback" not in result.output


def test_show_prints_every_birthday_in_text_and_json(db):
    crm("add-customer", "刘备", "--person", "--birthday", "1990-03-15")
    crm("add-customer", "Acme Ltd")
    crm("add-contact", "Acme Ltd", "张飞", "--birthday", "农历08-15")
    crm("add-contact", "Acme Ltd", "关羽", "--birthday", "1985-11-02")
    person = crm("show", "刘备").stdout
    assert "birthday: 1990-03-15" in person
    company = crm("show", "Acme Ltd").stdout
    assert "农历 08-15" in company and "1985-11-02" in company
    assert "birthday:" not in company  # a company has none of its own
    card = crm_json("show", "Acme Ltd")
    by_name = {c["name"]: c["birthday"] for c in card["contacts"]}
    assert by_name == {"张飞": "农历 08-15", "关羽": "1985-11-02"}
    assert card["birthday"] is None
    assert crm_json("show", "刘备")["birthday"] == "1990-03-15"


# --- contact notes are shown ------------------------------------------------------------------


def test_contact_notes_show_on_the_card_and_in_contacts_json(db):
    crm("add-customer", "Acme Ltd")
    crm("add-contact", "Acme Ltd", "王丽", "--note", "prefers WeChat [b]after 3pm[/b]")
    crm("add-contact", "Acme Ltd", "李雷")
    text = crm("show", "Acme Ltd").stdout
    assert "prefers WeChat [b]after 3pm[/b]" in text
    card = crm_json("show", "Acme Ltd")
    notes = {c["name"]: c["notes"] for c in card["contacts"]}
    assert notes == {"王丽": "prefers WeChat [b]after 3pm[/b]", "李雷": None}
    listed = {c["name"]: c["notes"] for c in crm_json("contacts")}
    assert listed == notes


def test_imported_contact_notes_are_shown(db, isolated):
    source = isolated / "contacts.csv"
    source.write_text(
        "公司,姓名,手机,备注\nAcme Ltd,王丽,13812345678,老客户介绍\n", encoding="utf-8"
    )
    crm("import", str(source))
    assert "老客户介绍" in crm("show", "Acme Ltd").stdout
    assert crm_json("contacts")[0]["notes"] == "老客户介绍"


# --- lists never stop silently ----------------------------------------------------------------


def _many_customers(db, count: int) -> list[int]:
    from crmtui.services.customers.write import create_customer
    from tests.helpers import now

    with db.session() as session:
        return [create_customer(session, now=now(), name=f"C{i:03d}").id for i in range(count)]


def test_customers_table_says_how_many_more_and_json_returns_all(db):
    _many_customers(db, 55)
    table = crm("customers").stdout
    assert "… and 5 more" in table and "--limit" in table
    assert len(crm_json("customers")) == 55
    assert len(crm_json("customers", "--limit", "10")) == 10
    assert "more" not in crm("customers", "--limit", "60").stdout


def test_contacts_table_says_how_many_more_and_json_returns_all(db):
    from crmtui.services.contacts.write import create_contact
    from tests.helpers import now

    cid = _many_customers(db, 1)[0]
    with db.session() as session:
        for i in range(53):
            create_contact(session, now=now(), customer_id=cid, name=f"P{i:03d}")
    assert "… and 3 more" in crm("contacts").stdout
    assert len(crm_json("contacts")) == 53
    assert len(crm_json("contacts", "--limit", "7")) == 7
    assert len(crm_json("show", str(cid))["contacts"]) == 53


def test_actions_all_has_no_horizon_and_no_silent_cap(db):
    from datetime import timedelta

    from crmtui.services.activities.write import plan_activity
    from tests.helpers import now

    cid = _many_customers(db, 1)[0]
    with db.session() as session:
        for i in range(205):
            plan_activity(session, now=now(), customer_id=cid, due_at=now() + timedelta(days=i + 1))
        plan_activity(session, now=now(), customer_id=cid, due_at=now() + timedelta(days=4000))
    assert len(crm_json("actions", "--all")) == 206
    assert len(crm_json("actions", "--all", "--limit", "5")) == 5
    out = crm("actions", "--all").stdout
    assert "… and 6 more" in out and "--limit" in out


def test_opportunity_and_note_lists_say_how_many_more(db):
    from crmtui.services.notes.write import add_note
    from crmtui.services.sales.write import create_opportunity
    from tests.helpers import now

    cid = _many_customers(db, 1)[0]
    with db.session() as session:
        for i in range(203):
            create_opportunity(session, now=now(), customer_id=cid, title=f"deal {i}")
            add_note(session, now=now(), body=f"note {i}", customer_id=cid)
    assert len(crm_json("opp", "list")) == 203
    assert len(crm_json("note", "list")) == 203
    assert len(crm_json("opp", "list", "--limit", "4")) == 4
    assert len(crm_json("note", "list", "--limit", "4")) == 4
    assert "… and 3 more" in crm("opp", "list").stdout
    assert "… and 3 more" in crm("note", "list").stdout


def test_card_history_says_how_many_more(db):
    from crmtui.services.activities.write import log_activity
    from tests.helpers import now

    cid = _many_customers(db, 1)[0]
    with db.session() as session:
        for i in range(23):
            log_activity(session, now=now(), customer_id=cid, kind="call", note=f"call {i}")
    assert "… and 3 more" in crm("show", str(cid)).stdout


# --- the same contact or busy slot twice --------------------------------------------------------


def test_second_contact_with_same_name_and_phone_is_refused_unless_forced(db):
    crm("add-customer", "Acme Ltd")
    crm("add-contact", "Acme Ltd", "王丽", "--phone", "13812345678")
    again = crm("add-contact", "Acme Ltd", "王丽", "--phone", "138 1234 5678", ok=False)
    assert again.exit_code == 1
    assert "already" in again.output and "--force" in again.output
    assert len(crm_json("contacts")) == 1
    crm("add-contact", "Acme Ltd", "王丽", "--phone", "13812345678", "--force")
    assert len(crm_json("contacts")) == 2
    # another person of that name (another phone) or another number is not a duplicate
    crm("add-contact", "Acme Ltd", "王丽", "--phone", "13987654321")
    crm("add-contact", "Acme Ltd", "李雷", "--phone", "13812345678")
    assert len(crm_json("contacts")) == 4


def test_the_same_busy_slot_twice_is_refused(db):
    crm("add-customer", "Acme Ltd")
    crm("busy", "Acme Ltd", "Mon 10:00-11:00")
    again = crm("busy", "Acme Ltd", "Mon 10:00-11:00", ok=False)
    assert again.exit_code == 1 and "already" in again.output
    # a wider slot that adds new days keeps only the new ones
    crm("busy", "Acme Ltd", "Mon-Tue 10:00-11:00")
    listed = crm_json("busy", "Acme Ltd", "--list")
    assert sorted(s["label"] for s in listed) == ["Mon 10:00-11:00", "Tue 10:00-11:00"]
    crm("busy", "Acme Ltd", "Mon 10:00-11:30")  # another time is another slot
    assert len(crm_json("busy", "Acme Ltd", "--list")) == 3


# --- --sort name follows pinyin -----------------------------------------------------------------


def test_sort_by_name_puts_chinese_names_in_pinyin_order(db, isolated):
    for name in ("上海宏达", "Zeta Ltd", "成都机械", "北京科技", "Acme", "重庆火锅"):
        crm("add-customer", name)
    names = [c["name"] for c in crm_json("customers", "--sort", "name")]
    assert names == ["Acme", "北京科技", "成都机械", "重庆火锅", "上海宏达", "Zeta Ltd"]
    # a rename moves it; an import sorts the same way
    crm("edit-customer", "上海宏达", "--name", "安徽宏达")
    assert crm_json("customers")[1]["name"] == "安徽宏达"
    source = isolated / "more.csv"
    source.write_text("name,mobile\n广州贸易,13812345678\n", encoding="utf-8")
    crm("import", str(source))
    names = [c["name"] for c in crm_json("customers")]
    assert names.index("成都机械") < names.index("广州贸易") < names.index("Zeta Ltd")


def test_upgrade_fills_the_sort_key_of_existing_customers(isolated):
    import shutil
    import sqlite3
    from pathlib import Path

    from crmtui.db.engine import open_database
    from crmtui.services.common.names import sort_key

    fixture = Path(__file__).parent / "fixtures" / "db" / "schema-0004.db"
    target = isolated / "old.db"
    shutil.copyfile(fixture, target)
    open_database(str(target)).dispose()
    conn = sqlite3.connect(target)
    rows = conn.execute("SELECT name, sort_key FROM customer").fetchall()
    conn.close()
    assert rows and all(key == sort_key(name) for name, key in rows)
    assert ("上海宏达机械有限公司", "shanghaihongdajixieyouxiangongsi") in rows
    listed = [c["name"] for c in crm_json("--db", str(target), "customers")]
    assert len(listed) >= 2 and listed == sorted(listed, key=sort_key)
