"""Item 2: writers killed with SIGKILL at random points, repeatedly.

After every kill the database passes ``PRAGMA integrity_check`` (and the search index its own
check), every write the killed process reported as done is there, and nothing but whole
transactions is: a demo build or an import is all there or not at all, every customer has its
search text and tags, an upgrade is at the old revision or the new one, never between.

Kill points are drawn at random over the part of each run that writes; the seed is in every
failure message. ``CRM_KILL_ROUNDS`` (default 1) multiplies the rounds for a longer soak.
"""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crmtui.db.engine import SCHEMA_HEAD
from tests.reliability.support import CRM, child_env, count, integrity, run_crm

pytestmark = pytest.mark.slow

ROUNDS = max(1, int(os.environ.get("CRM_KILL_ROUNDS", "1")))
WRITERS = Path(__file__).with_name("writers.py")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"


@pytest.fixture
def rng() -> random.Random:
    seed = int.from_bytes(os.urandom(4), "big")
    generator = random.Random(seed)
    generator.seed_value = seed  # type: ignore[attr-defined]
    return generator


def _timed(*args: str, env: dict[str, str]) -> float:
    started = time.monotonic()
    result = run_crm(*args, env=env, timeout=120)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    return time.monotonic() - started


def _kill_after(args: list[str], delay: float, env: dict[str, str]) -> int:
    """Start ``crm ARGS``, SIGKILL it after ``delay`` seconds; its exit code (<0 if killed)."""
    proc = subprocess.Popen(
        [*CRM, *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    return proc.wait(timeout=30)


def _whole_customers(path: Path) -> None:
    """Every customer has its one search document; every search document has its FTS row."""
    conn = sqlite3.connect(path)
    try:
        missing = conn.execute(
            "SELECT count(*) FROM customer c WHERE (SELECT count(*) FROM search_doc d "
            "WHERE d.customer_id = c.id AND d.contact_id IS NULL) != 1"
        ).fetchone()[0]
        assert missing == 0, f"{missing} customers without exactly one search document"
        triggers = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        assert {"search_doc_ai", "search_doc_ad", "search_doc_au"} <= triggers
    finally:
        conn.close()


def _counts(path: Path) -> dict[str, int]:
    return {
        t: count(path, t)
        for t in (
            "customer",
            "contact",
            "activity",
            "opportunity",
            "search_doc",
            "customertag",
            "note",
        )
    }


def test_demo_build_killed_repeatedly(db, tmp_path, rng):
    from tests.helpers import add_customer

    add_customer(db, "Already Here", tags=["vip"])
    path = db.location.path
    db.dispose()
    base = tmp_path / "base.db"
    shutil.copyfile(path, base)
    env = child_env()
    full = _timed("demo", "--size", "2000", "--force", env=env)
    complete, empty = _counts(path), _counts(base)
    kills = []
    for _ in range(3 * ROUNDS):
        shutil.copyfile(base, path)
        delay = rng.uniform(0.3 * full, 1.05 * full)
        code = _kill_after(["demo", "--size", "2000", "--force"], delay, env)
        kills.append((round(delay, 2), code))
        where = f"seed {rng.seed_value}, kills {kills}"  # type: ignore[attr-defined]
        assert integrity(path) == "ok", where
        now = _counts(path)
        assert now == (complete if code == 0 else now if now == complete else empty), where
        _whole_customers(path)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    # the database still works for the next writer
    from tests.cli_runner import crm

    crm("add-customer", "After The Kills")
    assert integrity(path) == "ok"


def test_cli_write_loop_killed_repeatedly(db, rng):
    from tests.helpers import add_customer

    add_customer(db, "Base")
    path = db.location.path
    db.dispose()
    acknowledged: set[str] = set()
    kills = []
    for round_ in range(3 * ROUNDS):
        proc = subprocess.Popen(
            [sys.executable, str(WRITERS), "cli", f"r{round_}", "60"],
            env=child_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdin is not None and proc.stdout is not None
        assert json.loads(proc.stdout.readline())["ready"]
        proc.stdin.write("go\n")
        proc.stdin.flush()
        # Killed at a random point of its writing, counted from its first acknowledged write,
        # not from the start: on a busy machine the first command alone may take over a second.
        first = proc.stdout.readline()  # at the latest when it gives up after 60 s
        delay = rng.uniform(0.0, 1.3)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out = first + proc.stdout.read()
        proc.wait(timeout=30)
        kills.append(round(delay, 2))
        where = f"seed {rng.seed_value}, kills {kills}"  # type: ignore[attr-defined]
        events = [json.loads(line) for line in out.splitlines() if line.strip().endswith("}")]
        assert not [e for e in events if "error" in e], (where, events)
        acknowledged |= {e["ok"] for e in events if "ok" in e}
        assert integrity(path) == "ok", where
        conn = sqlite3.connect(path)
        names = {n for (n,) in conn.execute("SELECT name FROM customer")}
        notes = {n for (n,) in conn.execute("SELECT note FROM activity")}
        untagged = conn.execute(
            "SELECT count(*) FROM customer c WHERE c.name LIKE 'r%-%' AND NOT EXISTS ("
            "SELECT 1 FROM customertag ct WHERE ct.customer_id = c.id)"
        ).fetchone()[0]
        conn.close()
        lost = {a for a in acknowledged if a not in (notes if a.startswith("log ") else names)}
        assert not lost, (where, sorted(lost)[:5])
        assert untagged == 0, where
        _whole_customers(path)
    assert len(acknowledged) >= 3


def _csv(path: Path, tag: str, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "company", "mobile", "email", "notes"])
        for i in range(rows):
            out.writerow(
                [
                    f"{tag} Person {i}",
                    f"{tag} Company {i}",
                    f"+1 212 555 {i:04d}",
                    f"{tag.lower()}{i}@example.com",
                    f"imported {i}",
                ]
            )
    return path


def test_import_killed_repeatedly(db, tmp_path, rng):
    path = db.location.path
    db.dispose()
    env = child_env()
    rows = 400
    full = _timed("import", str(_csv(tmp_path / "ref.csv", "Ref", rows)), env=env)
    imported = 1
    kills = []
    for round_ in range(3 * ROUNDS):
        source = _csv(tmp_path / f"in{round_}.csv", f"K{round_}", rows)
        delay = rng.uniform(0.3 * full, 1.05 * full)
        code = _kill_after(["import", str(source)], delay, env)
        kills.append((round(delay, 2), code))
        where = f"seed {rng.seed_value}, kills {kills}"  # type: ignore[attr-defined]
        assert integrity(path) == "ok", where
        customers, contacts = count(path, "customer"), count(path, "contact")
        assert customers in (imported * rows, (imported + 1) * rows), (where, customers)
        if customers == (imported + 1) * rows:
            imported += 1
        assert contacts == customers, (where, contacts, customers)
        assert code != 0 or customers == imported * rows, where
        _whole_customers(path)


def test_backup_killed_repeatedly_leaves_the_database_whole(db, rng):
    from crmtui import paths

    path = db.location.path
    db.dispose()
    env = child_env()
    _timed("demo", "--size", "2000", env=env)
    before = _counts(path)
    full = _timed("backup", env=env)
    kills = []
    for _ in range(2 * ROUNDS):
        delay = rng.uniform(0.3 * full, 1.05 * full)
        kills.append((round(delay, 2), _kill_after(["backup"], delay, env)))
        where = f"seed {rng.seed_value}, kills {kills}"  # type: ignore[attr-defined]
        assert integrity(path) == "ok", where
        assert _counts(path) == before, where
    # a backup file under its final name is a whole copy (not damaged, not empty, not partial)
    broken = []
    for p in paths.backup_dir().iterdir():
        if p.name.startswith("."):
            continue  # a temporary file, not offered as a backup
        try:
            whole = integrity(p) == "ok" and _counts(p) == before
        except sqlite3.DatabaseError:
            whole = False
        if not whole:
            broken.append(p.name)
    assert broken == [], f"killed backups left unusable copies under backup names: {broken}"


def _big_old_database(target: Path) -> int:
    """The 0001 fixture with a few thousand more rows, so that upgrading takes a while."""
    shutil.copyfile(FIXTURES / "schema-0001.db", target)
    conn = sqlite3.connect(target)
    stamp = "2026-01-01 00:00:00.000000"
    surnames, given = "张王李赵刘陈杨黄周吴", "伟芳娜敏静丽强磊洋艳"
    rows = [
        (
            100 + i,
            stamp,
            stamp,
            f"{surnames[i % 10]}{given[i // 10 % 10]}{i}贸易有限公司",
            f'["+86 21 5555 {i:04d}"]',
        )
        for i in range(1000)
    ]
    conn.executemany(
        "INSERT INTO customer (id, created_at, updated_at, birthday_lunar, name, is_person, stage,"
        " man_money, man_authority, man_need, phones) VALUES (?, ?, ?, 0, ?, 0, 'customer',"
        " 'unknown', 'unknown', 'unknown', ?)",
        rows,
    )
    conn.commit()
    total = conn.execute("SELECT count(*) FROM customer").fetchone()[0]
    conn.close()
    return int(total)


def test_upgrade_killed_repeatedly_is_old_or_new_never_between(tmp_path, rng):
    path = tmp_path / "old.db"
    customers = _big_old_database(path)
    env = child_env(CRM_DB=str(path))
    reference = tmp_path / "ref.db"
    shutil.copyfile(path, reference)
    full = _timed("--db", str(reference), "customers", "--limit", "1", env=env)
    kills = []
    for _ in range(4 * ROUNDS):
        delay = rng.uniform(0.3 * full, 1.0 * full)
        kills.append((round(delay, 2), _kill_after(["customers", "--limit", "1"], delay, env)))
        where = f"seed {rng.seed_value}, kills {kills}"  # type: ignore[attr-defined]
        assert integrity(path) == "ok", where
        conn = sqlite3.connect(path)
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        conn.close()
        assert revision in ("0001", SCHEMA_HEAD), where
        assert count(path, "customer") == customers, where
        if revision == SCHEMA_HEAD:
            _whole_customers(path)
            break  # upgraded: later runs have nothing left to interrupt
    from tests.cli_runner import crm

    crm("--db", str(path), "customers", "--search", "13")
    _whole_customers(path)


def test_first_start_killed_leaves_nothing_half_made(tmp_path, rng, monkeypatch):
    from tests.cli_runner import crm_json

    full = _timed("add-customer", "First", env=child_env(CRM_DB=str(tmp_path / "ref" / "crm.db")))
    kills = []
    for round_ in range(4 * ROUNDS):
        folder = tmp_path / f"round{round_}"
        env = child_env(CRM_DB=str(folder / "crm.db"), CRM_DATA_DIR=str(folder))
        # the database is created in the second half of the run, after the imports
        delay = rng.uniform(0.4 * full, 1.0 * full)
        kills.append((round(delay, 2), _kill_after(["add-customer", "First"], delay, env)))
        where = f"seed {rng.seed_value}, kills {kills}"  # type: ignore[attr-defined]
        monkeypatch.setenv("CRM_DB", str(folder / "crm.db"))
        monkeypatch.setenv("CRM_DATA_DIR", str(folder))
        # A run killed before it made the file leaves no database, which reads now report as
        # missing (they never create one): that is "nothing half made" too.
        made = (folder / "crm.db").exists()
        names = [r["name"] for r in crm_json("customers")] if made else []
        assert names in ([], ["First"]), where
        if made:
            assert integrity(folder / "crm.db") == "ok", where
