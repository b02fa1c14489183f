"""Item 5: a database from every released schema upgrades to the current one with every row intact.

The fixtures under tests/fixtures/db are built by make_fixture_dbs.py there; each test works on
a copy in tmp_path, so the committed files never change.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from crmtui.db.engine import KNOWN_REVISIONS, SCHEMA_HEAD, open_database
from crmtui.errors import DatabaseProblem
from tests.cli_runner import crm, crm_json
from tests.reliability.support import integrity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
RELEASED = [r for r in KNOWN_REVISIONS if r != SCHEMA_HEAD]
DERIVED = {"search_doc", "alembic_version"}  # rebuilt by the upgrade, compared by behaviour


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "make_fixture_dbs", FIXTURES / "make_fixture_dbs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tables(conn: sqlite3.Connection) -> list[str]:
    """Real tables: not SQLite's own, not virtual ones (FTS) nor their shadow tables."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'search_fts%' ORDER BY name"
        )
    ]


def snapshot(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, by table, in rowid order (``customertag`` by its key)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        out = {}
        for table in _tables(conn):
            order = "customer_id, tag_id" if table == "customertag" else "rowid"
            if table == "alembic_version":
                order = "version_num"
            out[table] = [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY {order}")]
        return out
    finally:
        conn.close()


def _copy(revision: str, tmp_path: Path) -> Path:
    """A copy to work on: even a read-only look at a WAL database writes -wal/-shm beside it."""
    target = tmp_path / "crm.db"
    shutil.copyfile(FIXTURES / f"schema-{revision}.db", target)
    return target


def test_every_released_revision_has_a_fixture():
    """Adding a migration without a fixture for the revision it replaces fails here."""
    assert RELEASED, "there is at least one released revision before the head"
    for revision in RELEASED:
        assert (FIXTURES / f"schema-{revision}.db").is_file(), (
            f"add {revision} to REVISIONS in tests/fixtures/db/make_fixture_dbs.py and run it"
        )
    assert set(_generator().REVISIONS) >= set(RELEASED)


@pytest.mark.parametrize("revision", RELEASED)
def test_fixture_matches_its_generator(tmp_path, revision):
    built = _generator().build(revision, tmp_path / "rebuilt.db")
    assert snapshot(built) == snapshot(_copy(revision, tmp_path))


@pytest.mark.parametrize("revision", RELEASED)
def test_upgrade_keeps_every_row_and_backs_up_first(tmp_path, revision):
    path = _copy(revision, tmp_path)
    before = snapshot(path)
    assert before["alembic_version"] == [{"version_num": revision}]
    assert sum(len(rows) for rows in before.values()) >= 30

    open_database(str(path)).dispose()

    after = snapshot(path)
    assert after["alembic_version"] == [{"version_num": SCHEMA_HEAD}]
    for table, rows in before.items():
        if table in DERIVED:
            continue
        new_rows = after[table]
        assert len(new_rows) == len(rows), table
        for old, new in zip(rows, new_rows, strict=True):
            assert {k: new[k] for k in old} == old, (table, old)
    assert integrity(path) == "ok"

    backups = sorted(tmp_path.glob(f"crm.db.schema-{revision}-*.bak"))
    assert len(backups) == 1, backups
    assert os.stat(backups[0]).st_mode & 0o777 == 0o600
    assert snapshot(backups[0]) == before, "the backup holds the database as it was"

    # opening again changes nothing and makes no second backup
    open_database(str(path)).dispose()
    assert snapshot(path) == after
    assert len(list(tmp_path.glob("crm.db.schema-*.bak"))) == 1


@pytest.mark.parametrize("revision", RELEASED)
def test_upgraded_data_works_in_every_command(tmp_path, monkeypatch, revision):
    path = _copy(revision, tmp_path)
    monkeypatch.setenv("CRM_DB", str(path))
    monkeypatch.setenv("CRM_NOW", "2026-12-28T09:00:00+08:00")
    assert [r["name"] for r in crm_json("customers", "--search", "hdjx")] == [
        "上海宏达机械有限公司"
    ]
    assert [r["name"] for r in crm_json("customers", "--search", "13800138000")] == [
        "上海宏达机械有限公司"
    ]
    assert {r["name"] for r in crm_json("customers", "--tag", "vip")} == {
        "上海宏达机械有限公司",
        "Acme Tools",
    }
    assert [r["name"] for r in crm_json("customers", "--trash")] == ["王芳"]
    assert [c["name"] for c in crm_json("contacts", "--search", "wl")] == ["王丽"]
    card = crm_json("show", "宏达机械")
    assert [c["name"] for c in card["contacts"]] == ["李雷", "王丽"]
    assert {o["title"] for o in card["opportunities"]} == {"数控机床 10 台", "Spare parts"}
    assert [a["id"] for a in card["history"]] == [2, 3, 1]
    assert card["tags"] == ["vip", "重点"]
    assert [b["name"] for b in crm_json("today")["birthdays"]] == ["王丽"]
    assert [a["note"] for a in crm_json("actions", "--all", "--customer", "acme")] == [
        "follow up on the quote"
    ]
    # and it takes new writes
    crm("log", "acme", "--contact", "bob", "--note", "after the upgrade")
    crm("add-contact", "张伟", "新联系人")
    assert integrity(path) == "ok"


@pytest.mark.parametrize("revision", RELEASED)
def test_an_upgrade_that_fails_half_way_leaves_the_old_database(tmp_path, monkeypatch, revision):
    """The schema steps and the search rebuild are one transaction: a failure in the last step
    must not leave a new schema without its search text, which no later run would repair."""
    from crmtui.db import engine

    path = _copy(revision, tmp_path)
    before = snapshot(path)

    def broken(conn: Any) -> int:
        raise DatabaseProblem("simulated failure during the search rebuild")

    real_engine = engine.make_engine

    def failing_at_commit(location: Any, **kwargs: Any) -> Any:
        from sqlalchemy import event

        made = real_engine(location, **kwargs)

        @event.listens_for(made, "commit")
        def _fail(conn: Any) -> None:
            raise DatabaseProblem("simulated failure at the end of the upgrade")

        return made

    monkeypatch.setattr("crmtui.db.reindex.rebuild_search", broken)
    monkeypatch.setattr(engine, "make_engine", failing_at_commit)
    with pytest.raises(DatabaseProblem, match="simulated"):
        open_database(str(path))
    assert snapshot(path) == before
    monkeypatch.undo()
    monkeypatch.setenv("CRM_DB", str(path))
    found = [r["name"] for r in crm_json("customers", "--search", "hdjx")]
    assert found == ["上海宏达机械有限公司"]
    assert snapshot(path)["alembic_version"] == [{"version_num": SCHEMA_HEAD}]


@pytest.mark.parametrize("revision", RELEASED)
def test_an_upgrade_on_a_full_disk_is_refused_cleanly(tmp_path, monkeypatch, revision):
    path = _copy(revision, tmp_path)
    before = snapshot(path)
    from crmtui.db import engine

    real = engine.sqlite_pragmas

    def tight(conn: sqlite3.Connection, *, foreign_keys: bool = True) -> None:
        real(conn, foreign_keys=foreign_keys)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    monkeypatch.setattr(engine, "sqlite_pragmas", tight)
    try:
        open_database(str(path)).dispose()
    except DatabaseProblem as exc:
        assert "disk is full" in str(exc)
        assert snapshot(path) == before
    else:  # an upgrade that reuses freed pages may fit; then it must be complete
        assert revision != "0001", "rebuilding the customer table cannot fit in two pages"
        assert snapshot(path)["alembic_version"] == [{"version_num": SCHEMA_HEAD}]
    monkeypatch.setattr(engine, "sqlite_pragmas", real)
    open_database(str(path)).dispose()
    assert snapshot(path)["alembic_version"] == [{"version_num": SCHEMA_HEAD}]


def test_saved_queries_from_0014_run_over_customers_after_0017(tmp_path, monkeypatch):
    """0017 adds what a saved query runs over; the queries saved before it were customer
    queries, keep their rows, and still run (and count as changes: the triggers survive)."""
    path = _copy("0014", tmp_path)
    monkeypatch.setenv("CRM_DB", str(path))
    monkeypatch.setenv("CRM_NOW", "2026-12-28T09:00:00+08:00")
    listed = {q["name"]: q for q in crm_json("query", "list")}
    assert {n: (q["target"], q["pinned"]) for n, q in listed.items()} == {
        "quiet": ("customers", False),
        "上海A类": ("customers", True),
    }
    assert [r["name"] for r in crm_json("query", "run", "上海A类")] == ["上海宏达机械有限公司"]
    conn = sqlite3.connect(path)
    try:
        triggers = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'saved_query'"
        ).fetchone()[0]
    finally:
        conn.close()
    assert triggers == 3
