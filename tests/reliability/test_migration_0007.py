"""Migration 0007 (money): a 0006 database upgrades with every row kept, the new tables start
empty and counted by the change counter, and the old customers can order and pay at once."""

from __future__ import annotations

import shutil
from pathlib import Path

from crmtui.db.engine import SCHEMA_HEAD, open_database
from tests.cli_runner import crm, crm_json
from tests.reliability.test_migrations import snapshot

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "db" / "schema-0006.db"
NEW = ("product", "sales_order", "order_line", "payment", "payment_allocation", "credit_review")


def test_upgrade_from_0006_keeps_rows_and_takes_orders(tmp_path, monkeypatch):
    path = tmp_path / "crm.db"
    shutil.copyfile(FIXTURE, path)
    before = snapshot(path)
    open_database(str(path)).dispose()
    after = snapshot(path)
    for table, rows in before.items():
        if table in ("search_doc", "alembic_version"):
            continue
        # later migrations may add columns: the old columns of every row are unchanged
        old = list(rows[0]) if rows else []
        assert [{k: r[k] for k in old} for r in after[table]] == rows, table
    assert after["alembic_version"] == [{"version_num": SCHEMA_HEAD}]
    assert all(after[t] == [] for t in NEW)

    monkeypatch.setenv("CRM_DB", str(path))
    database = open_database(str(path))
    with database.reader() as reader:
        counted = reader.change_count()
    crm("order", "add", "宏达机械", "--line", "Spindle 2 x 500", "--confirm")
    crm("pay", "宏达机械", "400")
    with database.reader() as reader:
        assert reader.change_count() > counted
    database.dispose()
    (row,) = crm_json("orders")
    assert (row["customer"], row["total"], row["paid"]) == (
        "上海宏达机械有限公司",
        "1000.00",
        "400.00",
    )
