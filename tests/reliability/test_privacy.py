"""Item 8: personal data. Private files whatever the umask, no personal data in errors, and
``crm purge`` leaving no trace of a customer in the database file or its write-ahead log."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from crmtui.db import engine
from tests.cli_runner import crm, crm_json
from tests.helpers import add_contact, add_customer
from tests.reliability.hostile import ESCAPES
from tests.reliability.support import child_env, count, file_bytes, integrity, run_crm, run_in_pty

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


UNDER_UMASK = """
import json, os, sys
from typer.testing import CliRunner
from crmtui.cli import app
from crmtui.db.engine import open_database

os.umask(int(sys.argv[1], 8))
fixture, old, export = sys.argv[2:5]
runner = CliRunner()

def run(*args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output

def mode(path):
    return oct(os.stat(path).st_mode & 0o777)

out = {}
run("add-customer", "Private Person", "--note", "secret")  # creates the folder and the database
db = open_database()
path = db.location.path
out["folder"] = mode(path.parent)
conn = db.engine.raw_connection()  # an open connection keeps -wal and -shm in place
conn.cursor().execute("INSERT INTO tag (name, created_at, updated_at) VALUES ('t', 'x', 'x')")
conn.commit()
for suffix in ("", "-wal", "-shm"):
    out["db" + suffix] = mode(f"{path}{suffix}")
conn.close()
db.dispose()
run("backup")
out["backups"] = mode(path.parent / "backups")
out["backup files"] = sorted({mode(p) for p in (path.parent / "backups").iterdir()})
run("export", "contacts", "-f", "csv", "-o", export)
out["export"] = mode(export)
os.makedirs(os.path.dirname(old), exist_ok=True)
with open(fixture, "rb") as src, open(old, "wb") as dst:
    dst.write(src.read())
run("--db", old, "customers")  # upgrades, after a backup copy
out["upgrade backups"] = sorted(mode(os.path.join(os.path.dirname(old), n))
                                for n in os.listdir(os.path.dirname(old)) if n.endswith(".bak"))
print(json.dumps(out))
"""


@pytest.mark.slow
@pytest.mark.parametrize("umask", [0o000, 0o077])
def test_files_are_private_whatever_the_umask(tmp_path, umask):
    data = tmp_path / "data"
    env = child_env(CRM_DATA_DIR=str(data), CRM_DB=None)
    old = tmp_path / "old" / "crm.db"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            UNDER_UMASK,
            f"{umask:o}",
            str(FIXTURES / "schema-0001.db"),
            str(old),
            str(tmp_path / "export.csv"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    modes = json.loads(result.stdout.strip().splitlines()[-1])
    assert modes == {
        "folder": "0o700",
        "db": "0o600",
        "db-wal": "0o600",
        "db-shm": "0o600",
        "backups": "0o700",
        "backup files": ["0o600"],
        "export": "0o600",
        "upgrade backups": ["0o600"],
    }
    assert _mode(data / "crm.db") == 0o600  # and as a real `crm` process finds it
    assert run_crm("customers", env=env, umask=umask).returncode == 0


MARKER = "Zqxjv-Secret-7731"


def test_database_errors_never_show_the_values(db, monkeypatch):
    add_customer(db, "Acme")
    path = db.location.path
    # a full disk while writing a note full of personal data
    real = engine.sqlite_pragmas

    def tight(conn: sqlite3.Connection, *, foreign_keys: bool = True) -> None:
        real(conn, foreign_keys=foreign_keys)
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")

    monkeypatch.setattr(engine, "sqlite_pragmas", tight)
    result = crm("add-customer", f"{MARKER} Ltd", "--note", f"{MARKER} " * 1000, ok=False)
    assert result.exit_code == 1
    assert MARKER not in result.output and "disk is full" in result.stderr
    monkeypatch.setattr(engine, "sqlite_pragmas", real)
    # a lock that outlasts the timeout
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = crm("log", "Acme", "--note", MARKER, ok=False)
    finally:
        other.rollback()
        other.close()
    assert result.exit_code == 1 and MARKER not in result.output
    # a constraint the database itself enforces (a bug path): the statement, never the values
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError) as info:
        with db.session() as s:
            s.execute(
                text("INSERT INTO customer (name, stage) VALUES (:n, :s)"),
                {"n": MARKER, "s": "not-a-stage"},
            )
    assert MARKER not in str(info.value) and "parameters hidden" in str(info.value)


CRASH = """
import sys
import crmtui.services.customers.write as customers
def broken(session, *, name, **fields):
    personal = {"name": name, "notes": fields.get("notes")}
    raise RuntimeError("unexpected failure in a service")
customers.create_customer = broken
from crmtui.cli import main
sys.argv = ["crm", "add-customer", sys.argv[1], "--note", sys.argv[1]]
main()
"""


def test_an_unexpected_crash_shows_no_locals(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", CRASH, f"{MARKER} Person"],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "unexpected failure in a service" in result.stderr  # a plain traceback, for the bug
    assert MARKER not in result.stderr and MARKER not in result.stdout
    assert "personal" not in result.stderr.split("Traceback")[-1].split("RuntimeError")[-1]


# ---------------------------------------------------------------------------------------------
# crm purge


def _rich_customer(db, marker: str) -> int:  # type: ignore[no-untyped-def]
    """A customer holding ``marker`` in every field and every related record."""
    from sqlalchemy import text

    from crmtui import clock
    from crmtui.services.activities.write import log_activity, plan_activity
    from crmtui.services.customers.write import update_customer
    from crmtui.services.notes.write import add_note
    from crmtui.services.sales.write import create_opportunity, move_opportunity

    now = clock.now()
    cid = add_customer(
        db,
        f"{marker} Old Name",
        phones=["+1 212 555 0199"],
        email=f"{marker}@example.com",
        city=f"{marker}-city",
        tags=[f"{marker}-tag", "shared"],
        notes=f"{marker} notes",
        stage="prospect",
    )
    pid = add_contact(db, cid, f"{marker} Contact", notes=f"{marker} contact notes")
    with db.session() as s:
        update_customer(
            s,
            customer_id=cid,
            now=now,
            changes={"name": f"{marker} Customer", "stage": "customer", "personality": marker},
        )
        log_activity(s, now=now, customer_id=cid, contact_id=pid, note=f"{marker} call")
        plan_activity(s, now=now, customer_id=cid, due_at=now, note=f"{marker} plan")
        opp = create_opportunity(s, now=now, customer_id=cid, title=f"{marker} deal")
        assert opp.id is not None
        move_opportunity(
            s, now=now, opportunity_id=opp.id, stage="lost", lost_reason=marker, competitor=marker
        )
        add_note(s, now=now, body=f"{marker} note", customer_id=cid, pinned=True)
        s.execute(
            text(
                "INSERT INTO timeslot (created_at, updated_at, customer_id, contact_id, kind, "
                "weekday, start_minute, end_minute, inferred, note) "
                "VALUES (:t, :t, :c, :p, 'busy', 1, 540, 600, 0, :n)"
            ),
            {"t": clock.to_utc_naive(now), "c": cid, "p": pid, "n": marker},
        )
    return cid


def _assert_gone(path: Path, marker: str) -> None:
    data = file_bytes(path)
    for variant in (marker, marker.lower(), marker.upper()):
        assert variant.encode() not in data, f"{variant!r} is still in the file"
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


@pytest.mark.slow
def test_purge_leaves_no_trace_in_the_file_or_the_log(db):
    path = db.location.path
    db.dispose()
    assert run_crm("demo", "--size", "300").returncode == 0
    keep = add_customer(db, "Keeper Co", tags=["shared"], notes="stays")
    cid = _rich_customer(db, MARKER)
    others = {t: count(path, t) for t in ("customer", "contact", "activity", "opportunity", "note")}
    assert MARKER.encode() in file_bytes(path)
    crm("delete-customer", str(cid))
    db.dispose()
    result = crm("purge", str(cid), "--yes")
    assert f"purged customer {cid}" in result.stdout
    _assert_gone(path, MARKER)
    assert integrity(path) == "ok"
    after = {t: count(path, t) for t in others}
    assert after["customer"] == others["customer"] - 1
    assert after["contact"] == others["contact"] - 1
    assert after["activity"] == others["activity"] - 2
    assert after["opportunity"] == others["opportunity"] - 1
    assert after["note"] == others["note"] - 1
    for table, column in (
        ("customertag", "customer_id"),
        ("search_doc", "customer_id"),
        ("timeslot", "customer_id"),
    ):
        assert count(path, table, f"{column} = {cid}") == 0
    assert count(path, "change", f"entity = 'customer' AND entity_id = {cid}") == 0
    assert count(path, "tag", "name = 'shared'") == 1
    assert count(path, "tag", f"name LIKE '{MARKER}%'") == 0
    # everyone else is untouched and still found
    assert [r["id"] for r in crm_json("customers", "--tag", "shared")] == [keep]
    assert crm_json("customers", "--search", "keeper")[0]["id"] == keep
    assert crm_json("customers", "--search", MARKER.lower()) == []


def test_purge_refuses_what_is_not_in_the_trash_and_asks_first(db):
    cid = add_customer(db, "Live Customer", notes="keep me")
    path = db.location.path
    result = crm("purge", str(cid), "--yes", ok=False)
    assert result.exit_code == 1
    assert "not in the trash" in result.stderr and "delete-customer" in result.stderr
    assert count(path, "customer") == 1
    crm("delete-customer", str(cid))
    # no terminal and no --yes: refused, nothing deleted
    result = crm("purge", str(cid), ok=False)
    assert result.exit_code == 1 and "--yes" in result.stderr
    assert count(path, "customer") == 1
    result = run_crm("purge", "Live Customer")
    assert result.returncode == 1 and b"--yes" in result.stderr
    assert count(path, "customer") == 1
    result = crm("purge", "nobody at all", "--yes", ok=False)
    assert result.exit_code == 1 and "no customer matches" in result.stderr


@pytest.mark.slow
def test_purge_confirmation_on_a_terminal(db):
    name = f"Hostile {ESCAPES['title']}{ESCAPES['bidi']} Co"
    cid = add_customer(db, name)
    path = db.location.path
    crm("delete-customer", str(cid))
    env = child_env(NO_COLOR="1", TERM="dumb")
    code, raw = run_in_pty(["purge", str(cid)], env=env, send=b"n\n")
    assert code == 1 and b"nothing was deleted" in raw
    assert b"\x1b" not in raw and "\u202e".encode() not in raw
    assert "␛]0;PWNED-TITLE␇".encode() in raw  # the question names the customer, harmlessly
    assert count(path, "customer") == 1
    code, raw = run_in_pty(["purge", str(cid)], env=env, send=b"y\n")
    assert code == 0, raw
    assert b"\x1b" not in raw and count(path, "customer") == 0


def test_purge_while_another_window_reads(db, monkeypatch):
    cid = add_customer(db, f"{MARKER} Reader Co")
    crm("delete-customer", str(cid))
    path = db.location.path
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 100)
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM customer").fetchone()  # holds an old snapshot
    try:
        result = crm("purge", str(cid), "--yes")
        assert "every crm window is closed" in result.stderr
        assert count(path, "customer") == 0
    finally:
        reader.rollback()
        reader.close()
    # once the other window is gone, the next purge-time checkpoint (or closing) clears the log
    from crmtui.services.maintenance.purge import scrub_files

    assert scrub_files(db)
    _assert_gone(path, MARKER)


def test_purge_leaves_no_search_index_fragments(db):
    """Deleting from the FTS5 index only adds tombstones; the purge merges the index so that the
    trigrams of the deleted text are gone too (they were found in the file before the merge)."""
    for i in range(30):
        add_customer(db, f"Customer {i}", notes="ordinary words here")
    cid = add_customer(db, "Zqxjvkwy Person", notes="qzxjwvk marker text")
    path = db.location.path
    crm("delete-customer", str(cid))
    crm("purge", str(cid), "--yes")
    data = file_bytes(path)
    rare = ["zqx", "qxj", "xjv", "jvk", "vkw", "kwy", "qzx", "zxj", "xjw", "jwv", "wvk"]
    assert [t for t in rare if t.encode() in data] == []
    assert integrity(path) == "ok"
