"""The bulk paths of ``crm import`` store and decide what the per-record rules do.

The import writes its rows through temporary tables, with a larger FTS5 buffer, skips
``salvage`` for rows that ``convert`` accepts as they are, and sniffs the delimiter from the
start of the file. Each test here compares a fast path with the plain rule it stands for.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import sqlite3
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmtui.errors import CrmError
from crmtui.services.formats import ContactRecord
from tests.cli_runner import crm

_SHEET = """Name,Company,Mobile,Email,City,Tags,Notes
王伟,上海恒通医疗器械有限公司,+86 138 0013 8000,wang@example.com,上海,VIP,首次拜访
王玮,上海恒通医疗器械有限公司,,wangwei@example.com,上海,,
张伟明,北京宏达机械有限公司,13800138001,,北京,展会,
张伟鸣,北京宏达机械有限公司,+86 138 0013 8001,,北京,,
Michael Smith,Acme Tools,+1 415 200 0001,m@example.com,San Francisco,,
Micheal Smith,Acme Tools,,m@example.com,San Francisco,,
李娜,,+86 139 0000 0001,lina@example.com,广州,老客户,
上海恒通医疗器械有限公司,,+86 21 5555 0101,,上海,,
"""


def _database(db) -> Path:
    return Path(db.location.path)


def _search_state(path: Path) -> tuple[list[tuple], list[tuple], dict[str, list[int]]]:
    """Search documents, stored pinyin, and what a few searches find."""
    conn = sqlite3.connect(path)
    try:
        docs = conn.execute(
            "SELECT customer_id, contact_id, text FROM search_doc ORDER BY customer_id, contact_id"
        ).fetchall()
        pinyin = conn.execute(
            "SELECT 'customer', id, pinyin FROM customer UNION ALL "
            "SELECT 'contact', id, pinyin FROM contact ORDER BY 1, 2"
        ).fetchall()
        found = {
            term: [
                r[0]
                for r in conn.execute(
                    "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid",
                    (f'"{term}"',),
                )
            ]
            for term in ("wangwei", "zwm", "恒通医", "smith", "13800138000", "#vip")
        }
        return docs, pinyin, found
    finally:
        conn.close()


def test_the_bulk_import_stores_what_rebuilding_the_search_index_gives(db, isolated):
    from crmtui.db.reindex import rebuild_search

    sheet = isolated / "sheet.csv"
    sheet.write_text(_SHEET, encoding="utf-8")
    crm("import", str(sheet), "--on-duplicate", "add")
    path = _database(db)
    imported = _search_state(path)
    assert imported[2]["wangwei"] and imported[2]["zwm"] and imported[2]["#vip"]
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
        # the FTS5 buffer was set back: no setting of its own left in the database
        assert conn.execute("SELECT k FROM search_fts_config ORDER BY k").fetchall() == [
            ("version",)
        ]
        # nothing left of the staging tables
        assert not conn.execute(
            "SELECT name FROM sqlite_temp_master WHERE name LIKE 'import_staged_%'"
        ).fetchall()
    finally:
        conn.close()
    with db.session() as session:
        rebuild_search(session.connection())
    assert _search_state(path) == imported


def test_pinyin_search_finds_imported_chinese_names(db, isolated):
    sheet = isolated / "sheet.csv"
    sheet.write_text(_SHEET, encoding="utf-8")
    crm("import", str(sheet), "--on-duplicate", "add")
    found = json.loads(crm("customers", "-s", "hdjx", "--json").stdout)
    assert [c["name"] for c in found] == ["北京宏达机械有限公司"]
    found = json.loads(crm("customers", "-s", "lina", "--json").stdout)
    assert [c["name"] for c in found] == ["李娜"]


def test_an_import_moves_the_change_counter_once_per_row_written(db, isolated):
    sheet = isolated / "sheet.csv"
    sheet.write_text(_SHEET, encoding="utf-8")
    path = _database(db)

    def counter() -> int:
        conn = sqlite3.connect(path)
        try:
            return int(conn.execute("SELECT value FROM change_counter").fetchone()[0])
        finally:
            conn.close()

    def rows() -> int:
        conn = sqlite3.connect(path)
        try:
            return sum(
                conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("customer", "contact", "customertag", "search_doc", "tag")
            )
        finally:
            conn.close()

    start, start_rows = counter(), rows()
    crm("import", str(sheet), "--on-duplicate", "add")
    # the triggers fire for every row the staged inserts write: readers of the counter (the
    # plan cache) see the import, as they saw each row before
    assert counter() - start == rows() - start_rows > 0


# -- salvage is skipped only where it changes nothing ------------------------------------------

_TEXTS = st.sampled_from(["", "王伟", "Acme", "x" * 250, "a\x00b", " 上海 ", "Omega"])
_EMAILS = st.sampled_from(
    ["w@example.com", '"Omega" <omega@example.com>', "<o@example.com>", "bad@", "a b@c.d", "x"]
)
_PHONES = st.sampled_from(
    ["+86 138 0013 8000", "13800138000", "n/a", "p1234", "*21#", "1.38E+10", "021 5555 0101 ext 1"]
)
_EXTRA = st.dictionaries(
    st.sampled_from(["stage", "grade", "timezone", "lunar_birthday", "decision_maker", "wechat"]),
    st.sampled_from(["customer", "bogus", "A", "Asia/Shanghai", "Mars/Base", "正月初五", "yes"]),
    max_size=3,
)


@st.composite
def _records(draw: st.DrawFn) -> ContactRecord:
    return ContactRecord(
        name=draw(st.sampled_from(["王伟", "Michael Smith", "", "a\x00b", "Acme"])),
        company=draw(st.sampled_from([None, "Acme", "上海恒通医疗器械有限公司", "a\x00"])),
        role=draw(st.sampled_from([None, "经理", "r" * 250])),
        phones=[("mobile", p) for p in draw(st.lists(_PHONES, max_size=2))],
        emails=draw(st.lists(_EMAILS, max_size=2)),
        birthday=draw(st.sampled_from([None, "1990-04-15", "circa 1800", "04-15"])),
        city=draw(_TEXTS),
        country=draw(st.sampled_from([None, "CN", "中国", "Atlantis"])),
        website=draw(st.sampled_from([None, "https://acme.example", "w" * 1200])),
        notes=draw(st.sampled_from([None, "首次拜访", "n\x00"])),
        tags=draw(st.lists(st.sampled_from(["VIP", "展会", "t\x00"]), max_size=2)),
        extra=draw(_EXTRA),
    )


def _outcome(make, record: ContactRecord):
    try:
        spec = make(record)
    except CrmError as exc:
        return ("refused", str(exc), record.warnings, record.extra)
    return (spec.kind, spec.values, spec.tags, spec.company, record.warnings)


@settings(max_examples=400, deadline=None)
@given(_records())
def test_a_row_checked_once_converts_as_a_salvaged_row(record):
    from crmtui.services.importing.decisions import checked
    from crmtui.services.importing.matching import convert
    from crmtui.services.importing.salvage import salvage

    fast = _outcome(lambda r: checked(r, "CN"), copy.deepcopy(record))
    plain = _outcome(lambda r: convert(salvage(r), "CN"), copy.deepcopy(record))
    assert fast == plain


# -- the delimiter is sniffed from the start of the text ---------------------------------------

_CELLS = st.sampled_from(["a", "b;c", '"q\nr"', '"x,y"', "", "长文本", '"a""b"', "|", "\t"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_CELLS, min_size=1, max_size=4), max_size=40),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.integers(min_value=1, max_value=64),
    st.integers(min_value=1, max_value=30),
)
def test_the_first_rows_from_the_start_are_the_first_rows(rows, newline, head, count):
    from crmtui.services.formats import tabular

    text = newline.join(",".join(cells) for cells in rows)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tabular, "_SNIFF_CHARS", head)  # a short head: rows cross its end
        for delimiter in (",", ";", "\t", "|"):
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            try:
                whole = list(islice(reader, count))
            except csv.Error:
                with pytest.raises(csv.Error):
                    tabular._first_rows(text, delimiter, count)
                continue
            assert tabular._first_rows(text, delimiter, count) == whole


# -- the command closes its database before leaving its objects to the process's end -----------


def test_an_import_run_as_a_command_closes_the_database(db, isolated):
    import subprocess
    import sys

    sheet = isolated / "sheet.csv"
    sheet.write_text(_SHEET, encoding="utf-8")
    path = _database(db)
    db.dispose()
    done = subprocess.run(
        [sys.executable, "-m", "crmtui", "import", str(sheet), "--on-duplicate", "add"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    # the last connection closed checkpoints the log and removes it: none was left open
    assert not Path(f"{path}-wal").exists()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 6
    finally:
        conn.close()
