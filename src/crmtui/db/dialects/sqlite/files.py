"""SQLite as files: online-backup copies, integrity checks, and scrubbing after a purge.

The callers (``services/maintenance``) still catch ``sqlite3.Error`` around these: a backup
of a file is a SQLite-only command; a server database is backed up with its own tools.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from crmtui.db.constants import BUSY_TIMEOUT_MS


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup API, created 0600.

    The copy is made under a hidden temporary name, made self-contained (rollback journal mode,
    so no -wal/-shm is needed beside it) and only then renamed, so a process killed at any point
    never leaves an empty, partial or journal file under a backup's name.
    """
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    _remove_with_journals(partial)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(partial, 0o600)
    try:
        src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
            src.close()
        os.replace(partial, target)
    finally:
        _remove_with_journals(partial)


def _remove_with_journals(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass


class SqliteFiles:
    def copy(self, source: Path, target: Path) -> None:
        copy_database(source, target)

    def copy_into(self, source: Path, target: Path) -> None:
        """Overwrite the live database ``target`` page by page through the backup API, so a
        connection that has it open sees the new content rather than a replaced file."""
        src = _read_only(source)
        dst = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            dst.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            src.backup(dst)
        finally:
            dst.close()
            src.close()

    def check(self, path: Path, *, full: bool) -> list[str]:
        """Raises ``sqlite3.DatabaseError`` when the file cannot even be opened as a database."""
        conn = _read_only(path)
        try:
            rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check")
            problems = [str(r[0]) for r in rows.fetchall()]
        finally:
            conn.close()
        return [] if problems == ["ok"] else problems

    def scrub(self, path: Path) -> bool:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
        return int(busy) == 0

    def forget_deleted_text(self, conn: Any) -> None:
        from sqlalchemy import text

        found = conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'"))
        if found.first() is not None:
            # Deleting from an FTS5 index only adds tombstones; merging the segments drops them.
            conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))

    def references(self, conn: Any, parents: tuple[str, ...]) -> list[tuple[str, str, str]]:
        """(table, column, parent) for every foreign key pointing at one of ``parents``."""
        from sqlalchemy import text

        found = []
        tables = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            )
        ]
        for table in tables:
            for fk in conn.exec_driver_sql(f'PRAGMA foreign_key_list("{table}")'):
                parent, column = fk[2], fk[3]
                if parent in parents:
                    found.append((table, column, parent))
        return found
