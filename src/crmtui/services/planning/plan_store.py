"""The file the plan cache keeps its plans in (``plan_cache``): one small SQLite file per
database in the data folder, private like the database. Every failure to read or write it is a
miss: a busy, damaged or unwritable file only means computing again.

Besides the plans it holds the slot searches of the last plans (``planner.memo``, keyed on all
their inputs) and the working-day tables (``planner.workdays``), so that a plan computed again
after a write searches only the customers the write touched and need not load ``holidays``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crmtui.services.planning.planner.memo import SearchMemo

_TABLE = (
    "CREATE TABLE IF NOT EXISTS plan (key TEXT PRIMARY KEY, changes INTEGER NOT NULL, "
    "valid_from TEXT NOT NULL, valid_until TEXT NOT NULL, body TEXT NOT NULL)"
)
# The slot searches of the last plans (planner.memo): keyed on all their inputs, never stale.
_SEARCHES = (
    "CREATE TABLE IF NOT EXISTS search (key TEXT PRIMARY KEY, stamp INTEGER NOT NULL, "
    "body TEXT NOT NULL)"
)
# The working-day tables of planner.workdays, so that a process need not load ``holidays``.
_HOLIDAYS = "CREATE TABLE IF NOT EXISTS holiday (key TEXT PRIMARY KEY, body TEXT NOT NULL)"
# Searches not used by any of the last this many computed plans are dropped.
# the counter value of what is held until its time is up, whatever is written meanwhile
ANY_CHANGES = -1
SEARCH_GENERATIONS = 4


class PlanStore:
    """The plan file of one database; every failure to read or write it is a miss."""

    def __init__(self, path: Path, identity: str):
        self.path = path
        self.identity = identity
        self.memo: SearchMemo | None = None  # the searches of the plan being computed
        self._holidays: str | None = None  # the key of the working-day tables read

    def find(self, key: str, changes: int, at: str) -> str | None:
        if not self.path.exists():
            return None
        try:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=0.5)
            try:
                row = conn.execute(
                    "SELECT body FROM plan WHERE key = ? AND changes = ? "
                    "AND valid_from <= ? AND valid_until >= ?",
                    (key, changes, at, at),
                ).fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return None
        return str(row[0]) if row else None

    def searches(self, workdays: ModuleType) -> dict[str, str]:
        """The slot searches kept from the last plans, by key; the working-day tables kept
        under the current key are read back into ``workdays`` (planner.workdays)."""
        self._holidays = workdays.tables_key()
        if not self.path.exists():
            return {}
        try:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=0.5)
            try:
                found = {str(k): str(b) for k, b in conn.execute("SELECT key, body FROM search")}
                row = conn.execute(
                    "SELECT body FROM holiday WHERE key = ?", (self._holidays,)
                ).fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return {}
        if row:
            workdays.import_tables(str(row[0]))
        return found

    def keep_work(self, plan: tuple[str, int, str, str, str] | None) -> None:
        """Store, in one transaction (one sync of the file): the searches a plan made (those it
        read back marked as used; those no recent plan used dropped, they hold names and
        numbers), the plan itself (:meth:`keep`'s values) and new working-day tables."""
        from crmtui.services.planning.planner import workdays

        memo = self.memo
        if memo is None:
            return
        holidays = None
        if workdays.new_tables() and self._holidays is not None:
            holidays = (self._holidays, workdays.export_tables())
        try:
            conn = self._open()
            try:
                for table in (_TABLE, _SEARCHES, _HOLIDAYS):
                    conn.execute(table)
                conn.execute("BEGIN IMMEDIATE")
                stamp = int(
                    conn.execute("SELECT coalesce(max(stamp), 0) + 1 FROM search").fetchone()[0]
                )
                conn.executemany(
                    "INSERT OR REPLACE INTO search VALUES (?, ?, ?)",
                    [(key, stamp, body) for key, body in memo.fresh.items()],
                )
                conn.executemany(
                    "UPDATE search SET stamp = ? WHERE key = ?",
                    [(stamp, key) for key in memo.used - memo.fresh.keys()],
                )
                conn.execute("DELETE FROM search WHERE stamp <= ?", (stamp - SEARCH_GENERATIONS,))
                if holidays is not None:
                    conn.execute("DELETE FROM holiday")  # of another holidays or locale
                    conn.execute("INSERT INTO holiday VALUES (?, ?)", holidays)
                if plan is not None:
                    self._put(conn, *plan)
                conn.execute("COMMIT")
            finally:
                conn.close()
        except (sqlite3.Error, OSError):
            return  # a busy or unwritable cache: the next command computes again

    def _open(self) -> sqlite3.Connection:
        from crmtui import paths

        paths.ensure_private_dir(self.path.parent)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
            os.chmod(self.path, 0o600)
        conn = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        conn.execute("PRAGMA secure_delete = ON")  # replaced rows hold personal data
        return conn

    def keep(self, key: str, changes: int, at: str, until: str, body: str) -> None:
        try:
            conn = self._open()
            try:
                conn.execute(_TABLE)
                conn.execute("BEGIN IMMEDIATE")
                self._put(conn, key, changes, at, until, body)
                conn.execute("COMMIT")
            finally:
                conn.close()
        except (sqlite3.Error, OSError):
            return  # a busy or unwritable cache: the next command computes again

    @staticmethod
    def _put(
        conn: sqlite3.Connection, key: str, changes: int, at: str, until: str, body: str
    ) -> None:
        # plans of an older counter can never be read again; what is held whatever is written
        # (ANY_CHANGES) goes only when its time is up
        if changes == ANY_CHANGES:
            conn.execute("DELETE FROM plan WHERE valid_until < ?", (at,))
        else:
            conn.execute(
                "DELETE FROM plan WHERE (changes <> ? AND changes <> ?) OR valid_until < ?",
                (changes, ANY_CHANGES, at),
            )
        conn.execute(
            "INSERT OR REPLACE INTO plan VALUES (?, ?, ?, ?, ?)", (key, changes, at, until, body)
        )
