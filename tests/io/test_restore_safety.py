"""Issue 10, finding 2: ``crm restore`` never loses the data it replaces. Every safety copy gets
a unique name and is never overwritten, and a database holding data is replaced only after the
user saw what goes and agreed (``--yes`` skips the question)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.cli_runner import crm, crm_json
from tests.reliability.support import child_env, count, run_in_pty


def _names(path: str | Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM customer")}
    finally:
        conn.close()


def test_two_restores_in_the_same_second_keep_both_copies(isolated):
    # The clock is pinned (CRM_NOW), so both restores happen "in the same second".
    crm("add-customer", "One")
    backup = isolated / "b.db"
    crm("backup", str(backup))
    crm("add-customer", "Two")
    first = json.loads(crm("restore", str(backup), "--yes", "--json").stdout)
    second = json.loads(crm("restore", str(backup), "--yes", "--json").stdout)
    assert first["replaced_copy"] != second["replaced_copy"]
    assert _names(first["replaced_copy"]) == {"One", "Two"}
    assert _names(second["replaced_copy"]) == {"One"}
    assert [c["name"] for c in crm_json("customers")] == ["One"]


def test_a_safety_copy_never_replaces_an_existing_file(isolated):
    crm("add-customer", "One")
    backup = isolated / "b.db"
    crm("backup", str(backup))
    folder = isolated / "data" / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    squatters = []
    for name in (
        "crm-before-restore-20261123T020000.db",
        "crm-before-restore-20261123T020000-2.db",
    ):
        (folder / name).write_bytes(b"keep me")
        squatters.append(folder / name)
    out = json.loads(crm("restore", str(backup), "--yes", "--json").stdout)
    assert Path(out["replaced_copy"]).parent == folder
    assert Path(out["replaced_copy"]) not in squatters
    assert all(p.read_bytes() == b"keep me" for p in squatters)
    assert _names(out["replaced_copy"]) == {"One"}


def test_restore_says_what_it_replaces(isolated):
    crm("add-customer", "One")
    backup = isolated / "b.db"
    crm("backup", str(backup))
    crm("add-customer", "Two")
    result = crm("restore", str(backup), "--yes")
    assert "replaces" in result.stderr and "2 customers" in result.stderr
    assert "1 customer" in result.stderr


def test_restore_asks_on_a_terminal_before_replacing_data(db, isolated):
    path = db.location.path
    crm("add-customer", "One")
    backup = isolated / "b.db"
    crm("backup", str(backup))
    crm("add-customer", "Two")
    db.dispose()
    env = child_env(NO_COLOR="1", TERM="dumb")
    code, raw = run_in_pty(["restore", str(backup)], env=env, send=b"n\n")
    assert code == 1 and b"nothing was changed" in raw
    assert b"2 customers" in raw
    assert count(path, "customer") == 2
    code, raw = run_in_pty(["restore", str(backup)], env=env, send=b"y\n")
    assert code == 0, raw
    assert count(path, "customer") == 1
    # --yes: no question; an empty database is replaced without one too
    crm("add-customer", "Three")
    code, raw = run_in_pty(["restore", str(backup), "--yes"], env=env)
    assert code == 0 and b"[y/N]" not in raw, raw
    assert count(path, "customer") == 1
    empty = isolated / "empty.db"
    crm("--db", str(empty), "init")
    code, raw = run_in_pty(["--db", str(empty), "restore", str(backup)], env=env)
    assert code == 0 and b"[y/N]" not in raw, raw
    assert count(empty, "customer") == 1


def test_restore_without_a_terminal_needs_yes_over_data(isolated):
    crm("add-customer", "One")
    backup = isolated / "b.db"
    crm("backup", str(backup))
    crm("add-customer", "Two")
    result = crm("restore", str(backup), ok=False)
    assert result.exit_code == 1 and "--yes" in result.stderr
    names = {r["name"] for r in json.loads(crm("customers", "--json").stdout)}
    assert names == {"One", "Two"}
