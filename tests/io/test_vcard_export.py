"""Issue 19: vCards real clients read (khard, vobject strictly), one per file on request, and
round trips that change nothing: phones as written, birthdays, lunar ones included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import vobject  # type: ignore[import-untyped]

from crmtui.services.common.timeparse import Birthday
from tests.cli_runner import crm
from tests.helpers import add_contact, add_customer

PHONES = ["+1 416 555 0116", "+61 2 5550 43", "p1234p5678w9", "*100#", "+86 21 5555 0101 ext 12"]


def _fill(db) -> None:
    acme = add_customer(
        db, "Acme Tools", phones=PHONES[:2], stage="customer", grade="A", industry="tools"
    )
    add_contact(db, acme, "Ann Lee", phones=PHONES[2:], birthday=Birthday(4, 15, None, False))
    add_contact(db, acme, "李雷", birthday=Birthday(8, 15, 1980, True), role="采购经理")
    add_customer(
        db,
        "Wang Li",
        is_person=True,
        phones=["+86 138 0013 8000"],
        birthday=Birthday(2, 29, 1984, False),
    )


def _records(*where: str) -> list[dict]:
    """Every customer and contact with its phones and birthday; ``where``: ``--db PATH``."""
    customers = json.loads(crm(*where, "customers", "--json").stdout)
    out = []
    for c in customers:
        card = json.loads(crm(*where, "show", str(c["id"]), "--json").stdout)
        keys = ("name", "phones", "birthday_month", "birthday_day", "birthday_year")
        out.append({k: card[k] for k in (*keys, "birthday_lunar", "stage", "grade")})
        out += [{k: p[k] for k in (*keys, "birthday_lunar", "role")} for p in card["contacts"]]
    return sorted(out, key=lambda r: r["name"])


def test_every_card_has_uid_rev_and_prodid(db, isolated) -> None:
    _fill(db)
    text = crm("export", "contacts").stdout
    cards = list(vobject.readComponents(text))
    assert len(cards) == 4
    uids = [c.uid.value for c in cards]
    assert len(set(uids)) == 4 and all(len(u) == 36 for u in uids)
    assert all(
        c.rev.value.endswith("Z") and c.prodid.value.startswith("-//crmtui//") for c in cards
    )
    # the same record keeps its UID from one export to the next (vdirsyncer syncs by it)
    assert [c.uid.value for c in vobject.readComponents(crm("export", "contacts").stdout)] == uids


def test_export_import_export_changes_no_phone_and_no_birthday(db, isolated) -> None:
    _fill(db)
    before = _records()
    assert [p for r in before for p in r["phones"]].count("p1234p5678w9") == 1
    for fmt in ("vcard", "csv"):
        exported = isolated / f"out.{fmt}"
        crm("export", "contacts", "--format", fmt, "-o", str(exported))
        other = str(isolated / f"{fmt}.db")
        # crmtui's own export into an empty database: nothing is taken for a duplicate
        data = json.loads(crm("--db", other, "import", str(exported), "--json").stdout)
        assert data["written"] and data["complete"] and not data["duplicates"]
        after = json.loads(crm("--db", other, "customers", "--json").stdout)
        assert sorted(c["name"] for c in after) == ["Acme Tools", "Wang Li"]
        again = isolated / f"again.{fmt}"
        crm("--db", other, "export", "contacts", "--format", fmt, "-o", str(again))
        if fmt == "csv":
            assert again.read_bytes() == exported.read_bytes()
    lunar = [r for r in before if r["name"] == "李雷"][0]
    assert lunar["birthday_lunar"] and (lunar["birthday_month"], lunar["birthday_day"]) == (8, 15)
    vcard = (isolated / "out.vcard").read_text(encoding="utf-8")
    assert "X-CRMTUI-LUNAR-BIRTHDAY:农历 1980-08-15" in vcard
    # the vCard round trip gives the same records, the lunar birthday included
    assert _records("--db", str(isolated / "vcard.db")) == before


def test_exported_vcards_pass_vobjects_strict_parse_and_serialise_back(db, isolated) -> None:
    _fill(db)
    text = crm("export", "contacts").stdout
    strict = list(vobject.readComponents(text, validate=True, ignoreUnreadable=False))
    again = [next(vobject.readComponents(c.serialize(validate=True))) for c in strict]
    for first, second in zip(strict, again, strict=True):
        assert first.fn.value == second.fn.value
        assert [t.value for t in first.contents.get("tel", [])] == [
            t.value for t in second.contents.get("tel", [])
        ]
    tels = [t.value for c in strict for t in c.contents.get("tel", [])]
    assert sorted(tels) == sorted(p for r in _records() for p in r["phones"])
    assert {"p1234p5678w9", "*100#"} <= set(tels)


def test_the_demo_survives_export_import_export_unchanged(isolated) -> None:
    """Its phones are written as people write them (+1 416 555 0116, +61 2 5550 43)."""
    crm("demo")
    for fmt in ("vcard", "csv"):
        first, again = isolated / f"demo.{fmt}", isolated / f"again.{fmt}"
        crm("export", "contacts", "--format", fmt, "-o", str(first))
        other = str(isolated / f"{fmt}.db")
        data = json.loads(crm("--db", other, "import", str(first), "--json").stdout)
        assert data["rows"] == data["imported_rows"] == 368 and not data["duplicates"]
        crm("--db", other, "export", "contacts", "--format", fmt, "-o", str(again))
        lines = [
            [
                ln
                for ln in f.read_text(encoding="utf-8-sig").splitlines()
                if ln[:4] not in ("UID:", "REV:")
            ]
            for f in (first, again)
        ]
        assert lines[0] == lines[1]
        assert sum(" " in ln for ln in lines[0] if ln.startswith("TEL")) > 100 or fmt == "csv"


def test_split_writes_a_vdir_that_khard_lists_completely(isolated) -> None:
    crm("demo")
    folder = isolated / "vdir"
    crm("export", "contacts", "--split", str(folder))
    files = sorted(folder.iterdir())
    cards = [list(vobject.readComponents(f.read_text(encoding="utf-8"))) for f in files]
    assert all(
        len(c) == 1 and f.name == c[0].uid.value + ".vcf" for f, c in zip(files, cards, strict=True)
    )
    customers = json.loads(crm("customers", "--json", "--limit", "1000").stdout)
    contacts = sum(
        len(json.loads(crm("show", str(c["id"]), "--json").stdout)["contacts"]) for c in customers
    )
    assert len(files) == len(customers) + contacts == 368
    config = isolated / "khard.conf"
    config.write_text(f"[addressbooks]\n[[crm]]\npath = {folder}\n", encoding="utf-8")
    listed = subprocess.run(
        [sys.executable, "-m", "khard", "-c", str(config), "list", "--parsable"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    lines = listed.stdout.splitlines()
    assert len(lines) == 368 and not listed.stderr.strip()
    assert {line.split("\t")[0] for line in lines} == {f.stem for f in files}


def test_split_is_for_vcard_only(db, isolated) -> None:
    result = crm("export", "contacts", "--format", "csv", "--split", str(isolated / "x"), ok=False)
    assert result.exit_code == 1 and "--split" in result.output
    assert not Path(isolated / "x").exists()


def test_a_vdir_imports_back_as_a_whole(isolated) -> None:
    """``crm import DIR`` reads every card of a folder written by ``--split`` (or khard)."""
    add = ("add-customer", "宏达机械", "--phone", "+86 21 5555 0101")
    crm(*add)
    crm("add-customer", "Acme Tools", "--email", "sales@acme.test")
    folder = isolated / "vdir"
    crm("export", "contacts", "--split", str(folder))
    other = str(isolated / "other.db")
    crm("--db", other, "import", str(folder))
    names = [c["name"] for c in json.loads(crm("--db", other, "customers", "--json").stdout)]
    assert sorted(names) == ["Acme Tools", "宏达机械"]
    empty = isolated / "empty"
    empty.mkdir()
    refused = crm("import", str(empty), ok=False)
    assert refused.exit_code == 1
    assert "folder without .vcf files" in refused.stderr
