"""Item 3: a full disk and I/O errors. One clear message, a rollback, and crmtui keeps working.

Two simulations: ``PRAGMA max_page_count`` pinned at the current size (SQLite's own "database or
disk is full"), and a real process whose file size limit (RLIMIT_FSIZE) stops the operating
system from growing the write-ahead log (the write fails as it would on a full disk).
"""

from __future__ import annotations

import resource
import signal
import sqlite3
from pathlib import Path

import pytest

from crmtui.db import engine
from crmtui.errors import DatabaseProblem
from tests.cli_runner import crm, crm_json
from tests.helpers import add_customer
from tests.reliability.support import count, integrity, run_crm

BIG = "满" * 15_000  # a long note needs new pages


@pytest.fixture
def full_disk(monkeypatch):  # type: ignore[no-untyped-def]
    """Every new crmtui connection finds the database unable to grow; ``.lift()`` ends it."""
    real = engine.sqlite_pragmas

    def pinned(conn: sqlite3.Connection, *, foreign_keys: bool = True) -> None:
        real(conn, foreign_keys=foreign_keys)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")

    class Switch:
        def lift(self) -> None:
            monkeypatch.setattr(engine, "sqlite_pragmas", real)

    monkeypatch.setattr(engine, "sqlite_pragmas", pinned)
    return Switch()


def _counts(path: Path) -> dict[str, int]:
    tables = ("customer", "contact", "activity", "opportunity", "note", "tag", "search_doc")
    return {t: count(path, t) for t in tables}


WRITES = [
    ("add-customer", "Big Co", "--note", BIG, "--tag", "new"),
    ("edit-customer", "Acme", "--needs", BIG),
    ("add-contact", "Acme", "Bob", "--note", BIG),
    ("log", "Acme", "--note", BIG),
    ("follow-up", "Acme", "--at", "tomorrow", "--note", BIG),
    ("opp", "add", "Acme", "Deal", "--next-step", BIG),
    ("note", "add", BIG, "--customer", "Acme"),
]


@pytest.mark.parametrize("args", WRITES, ids=[a[0] if a[0] != "opp" else "opp" for a in WRITES])
def test_every_write_on_a_full_disk(db, full_disk, args):
    add_customer(db, "Acme", tags=["vip"])
    db.dispose()
    path = db.location.path
    before = _counts(path)
    result = crm(*args, ok=False)
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == (
        "error: the disk is full; nothing was saved. Free some space and retry"
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert _counts(path) == before
    assert integrity(path) == "ok"
    assert crm_json("customers")[0]["name"] == "Acme"  # reading still works
    full_disk.lift()
    crm(*args)
    assert integrity(path) == "ok"


def test_a_long_running_app_keeps_working_after_a_full_disk(db, monkeypatch):
    """The TUI keeps one Database for hours: a failed write must leave it usable."""
    from crmtui import clock
    from crmtui.services.customers.write import create_customer

    add_customer(db, "Acme")
    path = db.location.path
    with db.session() as s:  # the pool now holds a connection; pin it at its current size
        conn = s.connection().connection.driver_connection
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
    for _ in range(3):
        with pytest.raises(DatabaseProblem, match="disk is full"):
            with db.session() as s:
                create_customer(s, now=clock.now(), name="Too Big", notes=BIG)
    assert count(path, "customer") == 1
    with db.session() as s:  # space freed
        s.connection().connection.driver_connection.execute("PRAGMA max_page_count = 1073741823")
    with db.session() as s:
        create_customer(s, now=clock.now(), name="Fits Now", notes=BIG)
    assert count(path, "customer") == 2 and integrity(path) == "ok"


def _file_size_limit(limit: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.slow
def test_a_real_process_that_cannot_grow_its_files(db):
    add_customer(db, "Acme", notes="x")
    db.dispose()
    path = db.location.path
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _counts(path)
    limit = 40_000  # room for the 32 KB shared-memory file, not for a 45 KB note in the log
    for args in (["add-customer", "Huge", "--note", BIG], ["log", "Acme", "--note", BIG]):
        result = run_crm(*args, preexec=_file_size_limit(limit))
        err = result.stderr.decode()
        assert result.returncode == 1, (args, err)
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert "nothing was saved" in err, err
        assert integrity(path) == "ok"
        assert _counts(path) == before
    result = run_crm("add-customer", "Huge", "--note", BIG)
    assert result.returncode == 0, result.stderr
    assert count(path, "customer") == before["customer"] + 1


def test_demo_on_a_full_disk(db, full_disk):
    result = crm("demo", ok=False)
    assert result.exit_code == 1 and "disk is full" in result.stderr, repr(result.exception)
