"""crm import: CSV/XLSX/vCard/JSON, encodings, duplicates, errors per row, one transaction."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_runner import crm
from tests.helpers import add_contact, add_customer

FIXTURES = Path(__file__).parent / "fixtures"


def customers() -> list[dict]:
    return json.loads(crm("customers", "--json", "--limit", "1000").stdout)


def card(ref: str) -> dict:
    return json.loads(crm("show", ref, "--json").stdout)


def counts(path: Path) -> tuple[int, ...]:
    conn = sqlite3.connect(path)
    try:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("customer", "contact", "search_doc", "customertag", "tag")
        )
    finally:
        conn.close()


@pytest.mark.parametrize("name", ["customers_gb18030.csv", "customers_utf8_bom.csv"])
@pytest.mark.both_backends
def test_chinese_headers_in_gb18030_and_utf8_bom(db, name):
    out = crm("import", str(FIXTURES / name)).stdout
    assert "added 3 customers and 2 contacts" in out
    hongda = card("宏达")
    assert hongda["tags"] == ["VIP", "展会"] and hongda["city"] == "上海"
    [wang] = hongda["contacts"]
    assert (wang["name"], wang["birthday_year"], wang["birthday_month"], wang["birthday_day"]) == (
        "王丽",
        1990,
        4,
        15,
    )
    assert wang["phones"] == ["+86 138 0013 8001", "+86 21 5555 0101"]
    zhao = card("华信")["contacts"][0]
    assert zhao["birthday_year"] is None and (zhao["birthday_month"], zhao["birthday_day"]) == (
        12,
        30,
    )
    chen = card("陈静")
    assert chen["is_person"] and chen["email"] == "chenjing@example.com"
    assert chen["birthday_month"] == 3
    # pinyin search finds imported names
    assert [c["name"] for c in json.loads(crm("customers", "-s", "hdjx", "--json").stdout)] == [
        "上海宏达机械有限公司"
    ]
    assert json.loads(crm("contacts", "--search", "wangli", "--json").stdout)[0]["name"] == "王丽"


@pytest.mark.both_backends
def test_notes_with_quotes_and_commas_survive(db):
    crm("import", str(FIXTURES / "customers_gb18030.csv"))
    zhao = json.loads(crm("contacts", "--search", "赵强", "--json").stdout)[0]
    assert zhao["customer"] == "北京华信电子股份有限公司"


@pytest.mark.both_backends
def test_vcard_written_by_a_phone(db):
    out = crm("import", str(FIXTURES / "phone_export.vcf")).stdout
    assert "added 3 customers and 2 contacts" in out and "0 rows with errors" in out
    hongda = card("宏达")
    assert hongda["tags"] == ["VIP", "展会"]
    [zhang] = hongda["contacts"]
    assert zhang["role"] == "采购经理"
    assert (zhang["birthday_month"], zhang["birthday_day"], zhang["birthday_year"]) == (4, 15, None)
    assert zhang["phones"] == ["+86 138 0013 8000", "+86 21 5555 0101"]
    assert zhang["email"] == "zhangwei@hongda.example.cn"
    from crmtui.services.customers.read import resolve_contact

    with db.reader() as reader:
        cid = resolve_contact(reader, hongda["id"], "张伟")["id"]
        note = reader.scalar("SELECT notes FROM contact WHERE id = :i", {"i": cid})
    assert note.startswith("老客户，春节前一定要拜访。") and note.count("上午总在开会") == 2
    anna = card("Anna Miller")
    assert anna["is_person"] and anna["city"] == "San Francisco" and anna["country"] == "US"
    assert anna["address"] == "12 Main St, Apt 3\nCA\n94110"
    assert anna["website"] == "https://example.com/anna"
    assert (anna["birthday_year"], anna["birthday_month"], anna["birthday_day"]) == (1984, 7, 9)
    li = card("华信")["contacts"][0]
    assert li["name"] == "李娜" and li["phones"] == ["+86 139 0013 9000"]
    assert (li["birthday_month"], li["birthday_day"]) == (12, 31)


# SQLite only: counts the rows of the database file itself
def test_duplicates_are_never_added_silently(db, isolated):
    hongda = add_customer(db, "上海宏达机械有限公司", phones=["+86 21 5555 0101"])
    add_contact(db, hongda, "王丽", phones=["13800138001"])
    before = counts(db.location.path)
    result = crm("import", str(FIXTURES / "customers_utf8_bom.csv"), ok=False)
    assert result.exit_code == 1 and "--on-duplicate" in result.output
    assert "王丽" in result.output and "same phone" in result.output
    assert counts(db.location.path) == before
    dry = crm("import", str(FIXTURES / "customers_utf8_bom.csv"), "--dry-run").stdout
    assert "nothing was written" in dry and counts(db.location.path) == before
    out = crm("import", str(FIXTURES / "customers_utf8_bom.csv"), "--on-duplicate", "skip").stdout
    assert "added 2 customers and 1 contacts" in out and "skipped 1 (1 duplicate)" in out
    assert len(card(str(hongda))["contacts"]) == 1


@pytest.mark.both_backends
def test_duplicate_by_email_and_close_name_and_update(db, isolated):
    hongda = add_customer(db, "Acme Tools Ltd", tags=["old"])
    add_contact(db, hongda, "Jonathan Smith", role="Buyer")
    add_customer(db, "Zed Person", is_person=True, email="zed@example.com")
    sheet = isolated / "in.csv"
    sheet.write_text(
        "Name,Company,Email,Title,Tags\n"
        "Jonathon Smith,Acme Tools Ltd,,Head of Purchasing,\n"
        "Zed P.,,ZED@example.com,,\n"
        "Acme Tools Ltd,Acme Tools Ltd,,,new\n"
        "Mary Major,Acme Tools Ltd,,,\n",
        encoding="utf-8",
    )
    dry = json.loads(crm("import", str(sheet), "--dry-run", "--json").stdout)
    reasons = sorted(d["reason"] for d in dry["duplicates"])
    assert reasons == [
        "close name at Acme Tools Ltd",
        "same company name",
        "same email ZED@example.com",
    ]
    out = crm("import", str(sheet), "--on-duplicate", "update").stdout
    assert "added 0 customers and 1 contacts" in out and "updated 3" in out
    acme = card("Acme Tools")
    assert acme["tags"] == ["new", "old"]
    roles = {c["name"]: c["role"] for c in acme["contacts"]}
    assert roles == {"Jonathon Smith": "Head of Purchasing", "Mary Major": None}


@pytest.mark.both_backends
def test_on_duplicate_add_adds_anyway(db, isolated):
    add_customer(db, "Acme", phones=["+1 212 555 0100"])
    sheet = isolated / "in.csv"
    sheet.write_text("Company,Phone\nAcme,(212) 555-0100\n", encoding="utf-8")
    crm("import", str(sheet), "--on-duplicate", "add")
    assert [c["name"] for c in customers()] == ["Acme", "Acme"]


@pytest.mark.both_backends
def test_errors_are_reported_per_row_with_line_numbers(db, isolated):
    sheet = isolated / "bad.csv"
    sheet.write_text(
        "Name,Email,Birthday,Notes\n"
        "Good One,good@example.com,04-15,\n"
        "Bad Mail,not-an-email,,\n"
        ',,,"a note\nover two lines"\n'
        "Bad Day,,2026-02-30,\n"
        "Second Good,,,\n",
        encoding="utf-8",
    )
    # a bad e-mail or birthday costs a row that value only (kept in its notes, with a warning);
    # a row without any name is not imported, and the exit code says so
    result = crm("import", str(sheet), "--json", ok=False)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(e["line"], e["message"]) for e in data["errors"]] == [
        (4, "the row has neither a name nor a company"),
    ]
    assert [
        (w["line"], w["column"], w["value"], w["message"].split(":")[0]) for w in data["warnings"]
    ] == [
        (3, "email", "not-an-email", "not an email address"),
        (6, "Birthday", "2026-02-30", "birthday '2026-02-30' is not a real date"),
    ]
    assert data["added_customers"] == 4 and data["written"]
    assert data["rows"] == 5 and data["imported_rows"] == 4 and data["not_imported"] == 1
    assert not data["complete"]
    assert "email: not-an-email" in (card("Bad Mail")["notes"] or "")
    assert "birthday: 2026-02-30" in (card("Bad Day")["notes"] or "")
    text = crm("import", str(sheet), "--dry-run", "--on-duplicate", "skip").stdout
    assert "row 3, column 'email': not an email address" in text
    assert "line 4: the row has neither a name nor a company" in text


@pytest.mark.both_backends
def test_map_option_and_preview(db, isolated):
    sheet = isolated / "odd.csv"
    sheet.write_text("Kunde,Handy,Stadt\nMüller GmbH,+49 30 1234567,Berlin\n", encoding="utf-8")
    assert crm("import", str(sheet), ok=False).exit_code == 1  # no name column recognised
    out = crm(
        "import",
        str(sheet),
        "--dry-run",
        "--map",
        "Kunde=company",
        "--map",
        "Handy=mobile",
        "--map",
        "Stadt=city",
    ).stdout
    assert "Kunde" in out and "company" in out and "would add 1 customers" in out
    crm(
        "import",
        str(sheet),
        "--map",
        "Kunde=company",
        "--map",
        "Handy=mobile",
        "--map",
        "Stadt=city",
    )
    müller = card("Müller")
    assert müller["phones"] == ["+49 30 1234567"] and müller["city"] == "Berlin"


@pytest.mark.both_backends
def test_xlsx(db, isolated):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "公司", "手机", "生日"])
    sheet.append(["周杰", "宏达", 13800138000, "1990-01-02"])
    book.save(isolated / "in.xlsx")
    out = crm("import", str(isolated / "in.xlsx")).stdout
    assert "added 1 customers and 1 contacts" in out
    assert card("宏达")["contacts"][0]["phones"] == ["+86 138 0013 8000"]


@pytest.mark.both_backends
def test_unreadable_files_are_one_line_errors(db, isolated):
    junk = isolated / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 20)
    result = crm("import", str(junk), ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    missing = crm("import", str(isolated / "nope.csv"), ok=False)
    assert missing.exit_code == 1 and "cannot read" in missing.output
    bad_json = isolated / "x.json"
    bad_json.write_text('{"format": "something else"}')
    assert "not a crmtui export" in crm("import", str(bad_json), ok=False).output


def _big_csv(path: Path, rows: int) -> None:
    lines = ["姓名,公司,手机,邮箱,城市,备注"]
    lines += [f"客户{i},公司{i // 3},139{i:08d},c{i}@example.com,上海,第{i}行" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.slow
# SQLite only: counts the rows of the database file itself
def test_an_import_killed_halfway_leaves_the_database_unchanged(db, isolated):
    add_customer(db, "Already here")
    path = db.location.path
    before = counts(path)
    sheet = isolated / "big.csv"
    _big_csv(sheet, 60_000)
    env = dict(os.environ)
    proc = subprocess.Popen(
        [sys.executable, "-m", "crmtui", "import", str(sheet)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = Path(f"{path}-wal")
    deadline = time.monotonic() + 120
    try:
        # Kill once the import has started writing rows (the WAL grows past a few MB).
        while time.monotonic() < deadline and proc.poll() is None:
            if wal.exists() and wal.stat().st_size > 4_000_000:
                break
            time.sleep(0.01)
        assert proc.poll() is None, "the import finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert counts(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert [c["name"] for c in customers()] == ["Already here"]


@pytest.mark.both_backends
def test_fast_pinyin_equals_the_search_modules():
    from crmtui.db.search_text import pinyin_of
    from crmtui.services.demo.words import CN_TRADE_NAMES, GIVEN, SURNAMES
    from crmtui.services.importing.rows import pinyin_many, pinyin_one

    names = (
        [s + g for s in SURNAMES[:40] for g in GIVEN[:10]]
        + CN_TRADE_NAMES
        + [
            "重庆长安汽车",
            "银行行长",
            "单于",
            "曾经的曾先生",
            "Acme 宏达 Ltd.",
            "李-四",
            "  王 丽 ",
            "绿茶",
            "吕布",
            "𠀀先生",
            "ABC",
            "",
            "乐乐音乐",
            "长沙长城",
        ]
    )
    for name in names:
        assert pinyin_one(name) == pinyin_of(name), name
    assert pinyin_many("张伟", "宏达机械") == pinyin_of("张伟", "宏达机械")


@pytest.mark.both_backends
def test_a_customer_in_the_trash_is_a_duplicate_and_update_brings_it_back(db, isolated):
    add_customer(db, "Acme Tools", phones=["+1 212 555 0100"])
    crm("delete-customer", "Acme Tools")
    sheet = isolated / "in.csv"
    sheet.write_text("Company,Phone,City\nAcme Tools,(212) 555-0100,New York\n", encoding="utf-8")
    dry = json.loads(crm("import", str(sheet), "--dry-run", "--json").stdout)
    assert "in the trash" in dry["duplicates"][0]["matches"]
    crm("import", str(sheet), "--on-duplicate", "update")
    [acme] = customers()
    assert acme["name"] == "Acme Tools" and acme["city"] == "New York"
    people = isolated / "people.csv"
    people.write_text("Name,Company\nJo Doe,Acme Tools\n", encoding="utf-8")
    crm("delete-customer", "Acme Tools")
    crm("import", str(people))  # a person is never filed under a trashed company
    assert [c["name"] for c in customers()] == ["Acme Tools"]
    assert card("Acme Tools")["contacts"][0]["name"] == "Jo Doe"
