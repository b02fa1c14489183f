"""The stored day plan is never stale: after every kind of write, and as the clock moves, the
next ``crm plan`` equals a plan computed from scratch (on a copy of the database, which has no
stored plans), and the cache is really used when nothing changed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from crmtui.services.planning.plan_cache import store_file
from tests.cli_runner import crm, crm_json
from tests.counting import count_calls

NOW = datetime.fromisoformat("2026-11-23T10:00:00+08:00")
_FRESH: list[bool] = []  # non-empty while from_scratch runs: its computing is not counted


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a plan was computed (not read from the cache)."""
    from crmtui.services.planning import day_plan

    return count_calls(monkeypatch, day_plan, "planned_day", unless=lambda: bool(_FRESH))


@pytest.fixture
def memos(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The slot-search memos of the plans computed (not from scratch), in order: each says
    which customers it searched again rather than read back."""
    from crmtui.services.planning.planner.memo import SearchMemo

    made: list[Any] = []
    original = SearchMemo.__init__

    def recording(self: SearchMemo, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if not _FRESH:
            made.append(self)

    monkeypatch.setattr(SearchMemo, "__init__", recording)
    return made


@pytest.fixture
def demo(isolated: Path) -> Path:
    crm("demo", "--size", "300")
    return isolated / "data" / "crm.db"


def from_scratch(path: Path, *args: str) -> Any:
    """``crm plan --json`` on a copy of the database (another file: no stored plans)."""
    copy = path.with_name("fresh.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    source, target = sqlite3.connect(path), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    store = store_file(str(copy))
    store.unlink(missing_ok=True)
    _FRESH.append(True)
    try:
        return crm_json("--db", str(copy), "plan", *args)
    finally:
        _FRESH.clear()
        store.unlink(missing_ok=True)


def cached_rows(path: Path) -> int:
    conn = sqlite3.connect(store_file(str(path)))
    try:
        return int(conn.execute("SELECT count(*) FROM plan").fetchone()[0])
    finally:
        conn.close()


def test_the_plan_is_computed_once_and_shared(demo: Path, computed: list[int]) -> None:
    first = crm_json("plan")
    assert first["calls"], "the demo data has calls to plan"
    assert crm_json("plan") == first
    today = crm_json("today")
    assert [c["customer_id"] for c in today["today_calls"]] == [
        c["customer_id"] for c in first["calls"]
    ]
    assert len(computed) == 1
    assert cached_rows(demo) == 3  # the plan, the desktop's month figures, the 80/20 count
    assert from_scratch(demo) == first


def _first_call(plan: Any) -> int:
    return int(plan["calls"][0]["customer_id"])


def _another_process(path: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_")}
    env |= {
        "CRM_DB": str(path),
        "CRM_NOW": os.environ["CRM_NOW"],
        "CRM_TZ": "Asia/Shanghai",
        "CRM_CONFIG": os.environ["CRM_CONFIG"],
        "CRM_DATA_DIR": os.environ["CRM_DATA_DIR"],
    }
    done = subprocess.run(
        [sys.executable, "-m", "crmtui", *args], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def _import(path: Path, plan: Any) -> None:
    csv = path.with_name("new.csv")
    csv.write_text("name,phone,stage\n华东新客户有限公司,+86 21 5555 0199,potential\n")
    crm("import", str(csv))


WRITES: dict[str, Callable[[Path, Any], None]] = {
    "log": lambda path, plan: crm("log", str(_first_call(plan)), "--outcome", "reached"),
    "follow-up": lambda path, plan: crm(
        "follow-up", str(plan["not_placed"][0]["customer_id"]), "--at", "2026-11-23 17:45"
    ),
    "edit": lambda path, plan: crm(
        "edit-customer", str(_first_call(plan)), "--timezone", "America/New_York"
    ),
    "import": _import,
    "delete": lambda path, plan: crm("delete-customer", str(_first_call(plan))),
    "another process": lambda path, plan: _another_process(
        path, "log", str(_first_call(plan)), "--outcome", "reached"
    ),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_after_each_kind_of_write_the_plan_is_current(
    demo: Path, computed: list[int], memos: list[Any], write: str
) -> None:
    before = crm_json("plan")
    assert crm_json("plan") == before and len(computed) == 1  # cached
    WRITES[write](demo, before)
    after = crm_json("plan")
    assert after != before, f"{write} changes the plan, so a stale one would be caught"
    assert after == from_scratch(demo)
    assert len(computed) == 2
    # the per-customer path: the searches of customers the write left alone were read back
    first, again = memos
    assert first.searched and len(again.searched) < len(first.searched), write


def test_after_a_write_only_the_customers_touched_are_planned_again(
    demo: Path, computed: list[int], memos: list[Any]
) -> None:
    """A call logged with a customer who is not on today's plan (as ``crm log`` after a
    visit): the plan is computed again, every slot search is read back, and it is the plan
    computed from scratch."""
    before = crm_json("plan")
    planned = {c["customer_id"] for key in ("calls", "not_placed", "nurture") for c in before[key]}
    other = next(c["id"] for c in crm_json("customers", "--limit", "500") if c["id"] not in planned)
    crm("log", str(other), "--outcome", "no-answer")
    after = crm_json("plan")
    assert len(computed) == 2
    assert after == from_scratch(demo)
    first, again = memos
    assert first.searched and again.searched == []
    # logging with a planned customer searches that customer again (and whoever's place moved)
    called = _first_call(after)
    crm("log", str(called), "--outcome", "no-answer")
    assert crm_json("plan") == from_scratch(demo)
    assert called in memos[-1].searched
    assert len(memos[-1].searched) < len(first.searched)


def test_the_plan_follows_the_clock(
    demo: Path, computed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same database seen at later times: on and between the planner's 15-minute grid."""
    seen = []
    for minutes in (0, 0, 1, 7, 14, 15, 15, 16, 44, 180, 185):
        monkeypatch.setenv("CRM_NOW", (NOW + timedelta(minutes=minutes)).isoformat())
        plan = crm_json("plan")
        assert plan == from_scratch(demo), f"at +{minutes} min"
        seen.append(plan)
    assert seen[0] != seen[-1]
    # computed at +0, +1 (held up to +15), +16, +44, +180 and +185: each starts a new grid step
    assert len(computed) == 6


def test_a_customer_crossing_its_cadence_joins_the_cached_plan(
    computed: list[int], monkeypatch: pytest.MonkeyPatch, isolated: Path
) -> None:
    """Within one grid step a grade-A customer falls due (14 days without a touch): the plan
    stored a few minutes earlier must not hide them."""
    crm("add-customer", "Quiet Ltd", "--phone", "+86 21 5555 0111", "--grade", "A")
    crm("edit-customer", "Quiet", "--stage", "customer")
    touched = NOW - timedelta(days=14) + timedelta(minutes=5)
    crm("log", "Quiet", "--kind", "visit", "--at", touched.isoformat())
    monkeypatch.setenv("CRM_NOW", (NOW + timedelta(minutes=1)).isoformat())
    assert crm_json("plan")["calls"] == []
    monkeypatch.setenv("CRM_NOW", (NOW + timedelta(minutes=6)).isoformat())
    later = crm_json("plan")
    assert [c["customer"] for c in later["calls"]] == ["Quiet Ltd"]
    assert later == from_scratch(isolated / "data" / "crm.db")
    assert len(computed) == 2


def test_a_call_leaving_the_history_window_is_seen(
    computed: list[int], monkeypatch: pytest.MonkeyPatch, isolated: Path
) -> None:
    """Six unanswered calls put a customer on the nurture list; a few minutes later the oldest
    is past the 120-day history the planner reads, and the customer is called again."""
    crm("add-customer", "Silent Ltd", "--phone", "+86 21 5555 0122")
    first = NOW - timedelta(days=120) + timedelta(minutes=5)
    for at in [first] + [NOW - timedelta(days=d) for d in (30, 20, 10, 5, 3)]:
        crm("log", "Silent", "--outcome", "no-answer", "--at", at.isoformat())
    crm("follow-up", "Silent", "--at", "2026-11-23 15:00")
    monkeypatch.setenv("CRM_NOW", (NOW + timedelta(minutes=1)).isoformat())
    before = crm_json("plan")
    assert [n["customer"] for n in before["nurture"]] == ["Silent Ltd"]
    monkeypatch.setenv("CRM_NOW", (NOW + timedelta(minutes=6)).isoformat())
    later = crm_json("plan")
    assert [c["customer"] for c in later["calls"]] == ["Silent Ltd"]
    assert later == from_scratch(isolated / "data" / "crm.db")
    assert len(computed) == 2


def test_a_damaged_cache_means_computing(demo: Path, computed: list[int]) -> None:
    first = crm_json("plan")
    store_file(str(demo)).write_bytes(b"not a database")
    assert crm_json("plan") == first
    assert crm_json("plan") == first
    assert len(computed) == 3  # not stored over a damaged file, and no error either


def test_reading_never_changes_the_database_file(demo: Path) -> None:
    crm_json("plan")  # the first run may fold the demo's log into the file
    before = demo.read_bytes()
    crm_json("plan")
    crm("today")
    crm("plan", "--date", "2026-11-24")
    assert demo.read_bytes() == before
    assert oct(store_file(str(demo)).stat().st_mode & 0o777) == "0o600"
    assert oct(store_file(str(demo)).parent.stat().st_mode & 0o777) == "0o700"


def test_a_purged_customer_leaves_no_stored_plan(demo: Path) -> None:
    """The stored plans hold names and numbers: a purge deletes them."""
    call = crm_json("plan")["calls"][0]
    assert cached_rows(demo) == 1
    crm("delete-customer", str(call["customer_id"]))
    crm("purge", str(call["customer_id"]), "--yes")
    assert not store_file(str(demo)).exists()


def test_the_month_figures_are_kept_and_never_stale(
    isolated: Path, computed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desktop's month is stored too: still right after a write, and when the clock
    reaches a row dated later than the time it was counted at (here a customer added at 10:30,
    counted first at 10:00)."""
    from crmtui.services.desktop import read

    counted = count_calls(monkeypatch, read, "_month_summary")
    path = isolated / "data" / "crm.db"
    monkeypatch.setenv("CRM_NOW", (NOW + timedelta(minutes=30)).isoformat())
    crm("add-customer", "Later Co", "--stage", "prospect")
    monkeypatch.setenv("CRM_NOW", NOW.isoformat())
    first = crm_json("today")["month"]
    assert crm_json("today")["month"] == first and len(counted) == 1
    assert first["new_customers"] == {}
    monkeypatch.setenv("CRM_NOW", (NOW + timedelta(minutes=45)).isoformat())
    later = crm_json("today")["month"]
    assert later["new_customers"] == {"prospect": 1}
    crm("log", "Later", "--outcome", "reached")
    after = crm_json("today")["month"]
    assert after["calls"] == 1
    _FRESH.append(True)
    try:
        copy = path.with_name("copy.db")
        source, target = sqlite3.connect(path), sqlite3.connect(copy)
        source.backup(target)
        source.close()
        target.close()
        assert crm_json("--db", str(copy), "today")["month"] == after
    finally:
        _FRESH.clear()
    assert len(counted) == 4


def test_a_plan_computed_again_reads_the_working_days_back(
    demo: Path, computed: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loading ``holidays`` and working out a year costs more than a cached plan: a later
    process reads the tables the first one kept, and plans the same."""
    from crmtui.services.planning.planner import workdays

    crm_json("plan")
    crm("log", str(_first_call(crm_json("plan"))), "--outcome", "no-answer")
    # as in a new process: nothing worked out or read back yet
    workdays._year.cache_clear()
    monkeypatch.setattr(workdays, "_SHELF", {})
    monkeypatch.setattr(workdays, "_MADE", {})

    def refused(*args: Any) -> Any:
        raise AssertionError(f"worked out again: {args}")

    working_out = workdays._compute_year
    monkeypatch.setattr(workdays, "_compute_year", refused)
    after = crm_json("plan")
    assert len(computed) == 2
    monkeypatch.setattr(workdays, "_compute_year", working_out)
    monkeypatch.setattr(workdays, "_SHELF", {})
    workdays._year.cache_clear()
    assert after == from_scratch(demo)


def _counter(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT value FROM change_counter").fetchone()[0])
    finally:
        conn.close()


def test_a_checkpoint_is_not_a_change(demo: Path, computed: list[int]) -> None:
    """SQLite folding its log into the file (a checkpoint: the last connection to close does
    it, whichever process that is) changes the file's bytes and ctime, not the database: the
    stored plan is still used, and still the plan."""
    holder = sqlite3.connect(demo)  # open, so that no command below folds the log in
    holder.execute("SELECT count(*) FROM customer").fetchone()
    try:
        crm("log", "1", "--outcome", "no-answer")  # its pages wait in crm.db-wal
        first = crm_json("plan")
        before = os.stat(demo).st_ctime_ns
        time.sleep(0.05)  # past the file system's clock tick, so a write shows in the ctime
        busy, _, _ = holder.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        holder.close()
    assert busy == 0 and os.stat(demo).st_ctime_ns != before, "the file was written"
    assert crm_json("plan") == first
    assert len(computed) == 1
    assert first == from_scratch(demo)


def test_a_restored_database_is_never_taken_for_the_one_it_replaced(
    demo: Path, computed: list[int]
) -> None:
    """A backup restored into the same file, then written to: its change counter can come back
    to the value a stored plan of the replaced database was kept under, yet it is another
    database, and the plan is computed again."""
    plan = crm_json("plan")
    backup = demo.with_name("before.db")
    crm("backup", str(backup))
    first, second = (c["customer_id"] for c in plan["calls"][:2])
    crm("edit-customer", str(first), "--timezone", "America/New_York")
    old = crm_json("plan")
    kept_at = _counter(demo)
    crm("restore", str(backup), "--yes")
    # the same writes, with another customer
    crm("edit-customer", str(second), "--timezone", "America/New_York")
    assert _counter(demo) == kept_at, "the restored database reached the same counter value"
    fresh = from_scratch(demo)
    assert fresh != old, "a stale plan would be caught"
    assert crm_json("plan") == fresh


def test_every_new_database_has_its_own_identity(tmp_path: Path) -> None:
    """A database made later at the same path may get the old file's inode number, and has the
    same schema: the random id each new database is given tells them apart."""
    from crmtui.db.engine import open_database

    ids = []
    for name in ("one.db", "two.db"):
        open_database(str(tmp_path / name)).dispose()
        conn = sqlite3.connect(tmp_path / name)
        ids.append(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.close()
    assert 0 not in ids and ids[0] != ids[1]
