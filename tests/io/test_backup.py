"""Migration 0003, crm backup / restore / doctor."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from crmtui.db.engine import SCHEMA_HEAD, open_database
from tests.cli_runner import crm
from tests.helpers import add_customer


def _database_at(path: Path, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    from crmtui.db import migrations
    from crmtui.db.engine import make_engine
    from crmtui.db.location import Location

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    engine = make_engine(Location(f"sqlite:///{path}", path), foreign_keys=False)
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()


def test_upgrade_from_0002_adds_the_reflection_table(isolated):
    path = isolated / "old.db"
    _database_at(path, "0002")
    conn = sqlite3.connect(path)
    stamp = "2026-01-01 00:00:00.000000"
    conn.execute(
        "INSERT INTO customer (id, created_at, updated_at, birthday_lunar, name, "
        "is_person, stage, man_money, man_authority, man_need, phones, pinyin) VALUES "
        f"(1, '{stamp}', '{stamp}', 0, '宏达', 0, 'customer', 'yes', 'unknown', 'yes', "
        "'[]', '')"
    )
    conn.commit()
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "summary_note" not in names
    db = open_database(str(path))
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    assert conn.execute("SELECT name FROM customer").fetchall() == [("宏达",)]
    conn.close()
    assert list(isolated.glob("old.db.schema-0002-*.bak"))
    crm("--db", str(path), "summary", "note", "kept with the week")
    assert (
        json.loads(crm("--db", str(path), "summary", "note", "--json").stdout)["reflection"]
        == "kept with the week"
    )
    db.dispose()


def test_backup_into_the_data_folder_keeps_the_last_n(db, isolated):
    add_customer(db, "Acme")
    (isolated / "config.toml").write_text("backups_keep = 2\n")
    made = [json.loads(crm("backup", "--json").stdout)["path"] for _ in range(3)]
    folder = isolated / "data" / "backups"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted(Path(p).name for p in made[1:])
    for name in left:
        assert oct((folder / name).stat().st_mode & 0o777) == "0o600"
        conn = sqlite3.connect(folder / name)
        assert conn.execute("SELECT name FROM customer").fetchall() == [("Acme",)]
        conn.close()


def test_backup_to_a_path(db, isolated):
    target = isolated / "copy.db"
    crm("backup", str(target))
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    again = crm("backup", str(target), ok=False)
    assert again.exit_code == 1 and "exists" in again.output
    crm("backup", str(target), "--force")


def test_restore_checks_first_and_keeps_what_it_replaces(db, isolated):
    add_customer(db, "Before")
    backup = Path(json.loads(crm("backup", "--json").stdout)["path"])
    add_customer(db, "After")
    damaged = isolated / "damaged.db"
    data = bytearray(backup.read_bytes())
    for page in range(1, len(data) // 4096):  # every b-tree page header but the first
        data[page * 4096 : page * 4096 + 12] = b"\x0d\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
    damaged.write_bytes(bytes(data))
    result = crm("restore", str(damaged), ok=False)
    assert result.exit_code == 1 and "nothing was changed" in result.output
    foreign = isolated / "notes.txt"
    foreign.write_text("hello")
    assert crm("restore", str(foreign), ok=False).exit_code == 1
    out = json.loads(crm("restore", str(backup), "--yes", "--json").stdout)
    names = [r["name"] for r in json.loads(crm("customers", "--json").stdout)]
    assert names == ["Before"]
    kept = sqlite3.connect(out["replaced_copy"])
    assert {r[0] for r in kept.execute("SELECT name FROM customer")} == {"Before", "After"}
    kept.close()
    assert oct(Path(out["replaced_copy"]).stat().st_mode & 0o777) == "0o600"


def test_restore_refuses_a_newer_schema(db, isolated):
    backup = Path(json.loads(crm("backup", "--json").stdout)["path"])
    conn = sqlite3.connect(backup)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    result = crm("restore", str(backup), ok=False)
    assert result.exit_code == 1 and "newer crmtui" in result.output


def test_restore_an_older_backup_upgrades_it(db, isolated):
    old = isolated / "old.db"
    _database_at(old, "0002")
    crm("restore", str(old))
    conn = sqlite3.connect(db.location.path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    conn.close()


@pytest.mark.slow
def test_backup_taken_during_writes_restores_with_integrity_ok(db, isolated):
    """A writer commits continuously while backups are taken; each backup is consistent."""
    from crmtui.services.maintenance.backup import backup, inspect, restore

    stop = threading.Event()
    written = []

    def writer() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            add_customer(db, f"Customer {n}", phones=[f"+86 138 0000 {n:04d}"])
            written.append(n)

    thread = threading.Thread(target=writer)
    thread.start()
    copies = []
    try:
        deadline = time.monotonic() + 10
        while len(written) < 30 and time.monotonic() < deadline:
            time.sleep(0.01)
        for i in range(3):
            copies.append(backup(db.location, now=_now(), target=isolated / f"b{i}.db"))
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join()
    assert len(written) >= 30
    for copy in copies:
        found = inspect(Path(copy["path"]))
        assert found.integrity == "ok" and found.foreign_key_problems == 0
        conn = sqlite3.connect(copy["path"])
        customers, docs = conn.execute(
            "SELECT (SELECT count(*) FROM customer), (SELECT count(*) FROM search_doc)"
        ).fetchone()
        conn.close()
        assert customers == docs > 0  # each customer's transaction is wholly in or out
    restored = restore(db.location, Path(copies[-1]["path"]), now=_now())
    assert inspect(db.location.path).integrity == "ok"
    assert restored["counts"]["customer"] == customers


def _now():
    from crmtui import clock

    return clock.now()


def test_doctor(db, isolated):
    add_customer(db, "Acme")
    report = json.loads(crm("doctor", "--json").stdout)
    assert report["integrity"] == "ok" and report["problems"] == []
    assert report["schema_revision"] == SCHEMA_HEAD and report["counts"]["customer"] == 1
    assert report["files"]["crm.db"]["mode"] == "0o600"
    os.chmod(db.location.path, 0o644)
    result = crm("doctor", ok=False)
    assert result.exit_code == 1 and "readable by others" in result.output
    assert "integrity  ok" in result.output


def test_a_backup_is_whole_and_self_contained_before_it_gets_its_name(db, isolated, monkeypatch):
    """Nothing is written to a backup after it is renamed into place, so a backup killed at
    any moment leaves no journal file beside a backup's name (seen once in the kill loop)."""
    from crmtui.db.dialects.sqlite import files

    add_customer(db, "Before")
    seen = []
    real_replace = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        header = Path(src).read_bytes()[:20]
        # bytes 18 and 19: file format write/read versions, 1 = rollback journal, 2 = WAL
        seen.append((header[18], header[19], sorted(p.name for p in Path(src).parent.iterdir())))
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    out = Path(json.loads(crm("backup", "--json").stdout)["path"])
    assert [(w, r) for w, r, _ in seen] == [(1, 1)]
    assert not [n for n in seen[0][2] if n.endswith(("-journal", "-wal", "-shm"))]
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
