"""Migration 0009 (events, expenses, competitors, announcements): the 0006 fixture upgrades with
every row intact, the new tables are there and watched by the change counter."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from crmtui.db.engine import SCHEMA_HEAD, open_database
from tests.reliability.support import integrity
from tests.reliability.test_migrations import FIXTURES, snapshot

NEW = {
    "announcement",
    "competitor",
    "event",
    "event_invitee",
    "expense_claim",
    "expense_line",
    "opportunity_competitor",
}


def test_0006_upgrades_to_0009_keeping_rows_and_adding_the_office_tables(tmp_path: Path):
    path = tmp_path / "crm.db"
    shutil.copyfile(FIXTURES / "schema-0006.db", path)
    before = snapshot(path)
    assert not NEW & set(before)

    open_database(str(path)).dispose()

    after = snapshot(path)
    assert after["alembic_version"] == [{"version_num": SCHEMA_HEAD}]
    for table, rows in before.items():
        if table in ("alembic_version", "search_doc"):
            continue
        # later migrations may add columns: the old columns of every row are unchanged
        old = list(rows[0]) if rows else []
        assert [{k: r[k] for k in old} for r in after[table]] == rows, table
    assert {t: after[t] for t in NEW} == {t: [] for t in NEW}
    assert integrity(path) == "ok"

    conn = sqlite3.connect(path)
    try:
        start = conn.execute("SELECT value FROM change_counter").fetchone()[0]
        conn.execute(
            "INSERT INTO announcement (created_at, updated_at, title, pinned) "
            "VALUES ('2026-11-23 02:00:00', '2026-11-23 02:00:00', '年会', 0)"
        )
        conn.commit()
        assert conn.execute("SELECT value FROM change_counter").fetchone()[0] == start + 1
    finally:
        conn.close()
