"""Item 1: two writers at once. The app open and writing while `crm` commands write.

Writers run as separate processes (tests/reliability/writers.py) side by side for a few seconds
and until each has done enough to mean something, however slow the machine; every write a
writer reports as done must be in the database exactly once, and none may be refused.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from crmtui.db import engine
from tests.cli_runner import crm, crm_json
from tests.helpers import add_customer
from tests.reliability.support import child_env, count, integrity, run_crm

WRITERS = Path(__file__).with_name("writers.py")
# The writers write side by side for at least SECONDS, and on until each has done ENOUGH (its
# acknowledged actions: a slow machine needs longer for the same work), at most DEADLINE.
SECONDS = 3.0
DEADLINE = 120.0
ENOUGH = {"app": 3, "cli": 1, "slow": 1}
WRITER_PREFIXES = (("app", "app"), ("cli", "cli"), ("slow", "imp"))
_reported = threading.Condition()  # notified whenever a writer reports an action


class _Writer:
    """A writer process, loaded and waiting for the word to go; its reports read as they come."""

    def __init__(self, kind: str, prefix: str) -> None:
        self.kind = kind
        self._err = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITERS), kind, prefix, str(DEADLINE)],
            env=child_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._err,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert json.loads(line or "{}").get("ready"), self._stderr() or line
        self.events: list[dict[str, Any]] = []
        self.ended = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.strip():
                with _reported:
                    self.events.append(json.loads(line))
                    _reported.notify_all()
        with _reported:
            self.ended = True  # it exited (or failed): waiting for more is pointless
            _reported.notify_all()

    def _stderr(self) -> str:
        self._err.seek(0)
        return self._err.read()

    def go(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def enough(self) -> bool:
        return len([e for e in self.events if "ok" in e]) >= ENOUGH[self.kind]

    def stop(self) -> tuple[list[dict[str, Any]], str]:
        """Tell it to finish the action under way and end; every event it reported."""
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write("stop\n")
            self.proc.stdin.close()
        except BrokenPipeError:
            pass  # it has ended already: its exit status and stderr say why
        self.proc.wait(timeout=120)
        self._reader.join(timeout=120)
        err = self._stderr()
        assert self.proc.returncode == 0, err[-2000:]
        return self.events, err


@pytest.mark.slow
def test_app_and_cli_writing_at_once_lose_nothing_and_never_refuse(db):
    add_customer(db, "Base Customer")
    db.dispose()
    procs = {kind: _Writer(kind, prefix) for kind, prefix in WRITER_PREFIXES}
    # and real `crm` processes alongside, the way a user types them
    real: list[subprocess.CompletedProcess[bytes]] = []

    def shell_loop() -> None:
        for i in range(2):
            real.append(run_crm("add-customer", f"shell-{i}", "--tag", "shell"))

    shell = threading.Thread(target=shell_loop)
    for proc in procs.values():
        proc.go()
    started = time.monotonic()
    shell.start()
    with _reported:
        # a condition, not a count of what fitted in a fixed time: a busy machine waits longer
        _reported.wait_for(
            lambda: all(p.enough() for p in procs.values()) or any(p.ended for p in procs.values()),
            timeout=DEADLINE,
        )
    time.sleep(max(0.0, started + SECONDS - time.monotonic()))
    results = {name: proc.stop() for name, proc in procs.items()}
    shell.join(timeout=120)

    errors = [e for events, _ in results.values() for e in events if "error" in e]
    assert errors == [], errors[:5]
    for r in real:
        assert r.returncode == 0, r.stderr.decode()
    path = db.location.path
    conn = sqlite3.connect(path)
    names = [n for (n,) in conn.execute("SELECT name FROM customer")]
    notes = [n for (n,) in conn.execute("SELECT note FROM activity")]
    stray = conn.execute(
        "SELECT a.id, a.kind, a.outcome, a.done_at, a.due_at, c.name FROM activity a "
        "JOIN customer c ON c.id = a.customer_id WHERE a.note IS NULL"
    ).fetchall()
    conn.close()
    assert stray == [], f"activities written without their note: {stray}"
    assert len(names) == len(set(names)), "a write is present twice"
    done = {e["ok"] for events, _ in results.values() for e in events if "ok" in e}
    expected = {n for n in done if not n.startswith(("log ", "imp-"))}
    expected |= {f"shell-{i}" for i in range(2)} | {"Base Customer"}
    batches = [e for e in results["slow"][0] if "ok" in e]
    expected |= {f"{e['ok']}-{j}" for e in batches for j in range(e["size"])}
    assert set(names) == expected, "every acknowledged write is there, and nothing else"
    logs = {n for n in done if n.startswith("log ")}  # the CLI's `crm log` runs
    logs |= {f"log {n}" for n in done if n.startswith("app-")}  # same transaction as the customer
    assert sorted(notes) == sorted(logs)
    # enough happened for this to mean something
    # (modest numbers: CI machines are small and busy)
    assert len([n for n in done if n.startswith("app-")]) >= 3
    assert len([n for n in done if n.startswith("cli-")]) >= 1
    assert len(batches) >= 1
    assert integrity(path) == "ok"
    # search and tags agree with the rows
    assert count(path, "search_doc", "contact_id IS NULL") == len(names)
    assert len(crm_json("customers", "--tag", "shell")) == 2


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE customer SET updated_at = updated_at")
    return other


def _table_counts(path: Path) -> dict[str, int]:
    return {
        t: count(path, t)
        for t in (
            "customer",
            "tag",
            "customertag",
            "search_doc",
            "activity",
            "contact",
            "opportunity",
            "note",
        )
    }


WRITES = [
    ("add-customer", "Late Co", "--tag", "newtag", "--phone", "+86 21 5555 0101"),
    ("log", "Acme", "--note", "called", "--outcome", "reached"),
    ("add-contact", "Acme", "Bob"),
    ("follow-up", "Acme", "--at", "tomorrow 10:00"),
    ("opp", "add", "Acme", "Deal", "--amount", "100"),
    ("note", "add", "remember", "--customer", "Acme"),
    ("edit-customer", "Acme", "--grade", "A", "--tag", "x"),
    ("delete-customer", "Acme"),
]


@pytest.mark.parametrize("args", WRITES, ids=[" ".join(a[:1]) for a in WRITES])
def test_a_lock_that_outlasts_the_timeout(db, monkeypatch, args):
    """One clear line, nothing half-written, reads still work, and the retry succeeds."""
    add_customer(db, "Acme", tags=["vip"])
    path = db.location.path
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    before = _table_counts(path)
    other = _hold_write_lock(path)
    try:
        result = crm(*args, ok=False)
        assert result.exit_code == 1, result.output
        assert (
            result.stderr.strip() == "error: the database is busy in another crm window; try again"
        )
        assert _table_counts(path) == before
        assert crm_json(
            "customers",
            "--trash" if args[0] == "undelete" else "--limit",
            *([] if args[0] == "undelete" else ["10"]),
        )  # reads are not blocked by a writer
    finally:
        other.rollback()
        other.close()
    crm(*args)
    assert _table_counts(path) != before or args[0] in ("edit-customer", "delete-customer")
    assert integrity(path) == "ok"


def test_demo_under_a_held_lock_says_busy(db, monkeypatch):
    path = db.location.path
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    other = _hold_write_lock(path)
    try:
        result = crm("demo", ok=False)
    finally:
        other.rollback()
        other.close()
    assert result.exit_code == 1 and "busy" in result.stderr, repr(result.exception)


@pytest.mark.slow
def test_first_start_in_two_processes_at_once(tmp_path):
    """The app and a command started together on a new machine both get the one database."""
    env = child_env(CRM_DB=str(tmp_path / "new" / "crm.db"), CRM_DATA_DIR=str(tmp_path / "new"))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "crmtui", "add-customer", f"First {i}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(2)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    path = tmp_path / "new" / "crm.db"
    assert count(path, "customer") == 2 and integrity(path) == "ok"
    assert sorted(p.name for p in path.parent.iterdir()) == ["crm.db"]
