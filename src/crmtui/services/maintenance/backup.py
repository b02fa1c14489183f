"""Backups, restores and the health check behind ``crm backup``, ``crm restore`` and ``crm doctor``.

* A backup is SQLite's online backup (``db/dialects/sqlite/files.py``): a consistent snapshot even
  while the TUI writes, created 0600, then checked. Automatic backups go to the data folder's
  ``backups/`` (0700) as ``<db name>-<UTC time>.db``; only the newest ``backups_keep`` are kept.
* A restore first proves the file is a sound crmtui database (``PRAGMA integrity_check``,
  foreign keys, a schema revision this crmtui knows), keeps a copy of the database it replaces,
  then copies the backup in through the same backup API, so a TUI that has the database open
  sees the restored data rather than a file pulled from under it.
* The doctor only reads: it opens the file read-only and never migrates it.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from crmtui import paths
from crmtui.db.constants import BUSY_TIMEOUT_MS
from crmtui.db.engine import KNOWN_REVISIONS, SCHEMA_HEAD
from crmtui.db.location import Location, looks_like_sqlite, prepare_new_file
from crmtui.errors import DatabaseProblem, InvalidInput
from crmtui.services.maintenance.types import (
    BackupResult,
    DoctorReport,
    FileFacts,
    RestoreResult,
)

if TYPE_CHECKING:
    from crmtui.db.dialects.files import DatabaseFiles

STAMP = "%Y%m%dT%H%M%S"
TABLES = ("customer", "contact", "activity", "opportunity", "note", "tag", "summary_note")


def _sqlite_path(location: Location) -> Path:
    if location.path is None:
        raise InvalidInput("backup-sqlite-only")
    return location.path


def _restore_target(location: Location) -> Path:
    if location.path is None:  # a server database: say what to use instead
        raise InvalidInput("restore-sqlite-only")
    return location.path


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime(STAMP)


def _backup_name(stem: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(stem)}-(\d{{8}}T\d{{6}})(?:-(\d+))?\.db$")


def _unique(folder: Path, stem: str, now: datetime) -> Path:
    base = f"{stem}-{_stamp(now)}"
    target, n = folder / f"{base}.db", 2
    while target.exists():
        target, n = folder / f"{base}-{n}.db", n + 1
    return target


def list_backups(db_path: Path, folder: Path | None = None) -> list[Path]:
    """The automatic backups of ``db_path`` in ``folder``, oldest first."""
    folder = folder or paths.backup_dir()
    pattern = _backup_name(db_path.stem)
    found = []
    if folder.is_dir():
        for entry in folder.iterdir():
            m = pattern.match(entry.name)
            if m and entry.is_file():
                found.append(((m.group(1), int(m.group(2) or 1)), entry))
    return [p for _, p in sorted(found)]


def _files() -> DatabaseFiles:
    """Backups are copies of a database file: the SQLite pieces of the database seam."""
    from crmtui.db.dialects import dialect_for

    return dialect_for("sqlite").files


def quick_check(path: Path, *, full: bool = False) -> str:
    """``ok`` or the first problem SQLite's integrity check finds (read-only)."""
    try:
        problems = _files().check(path, full=full)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return "; ".join(problems[:5]) if problems else "ok"


def backup(
    location: Location,
    *,
    now: datetime,
    target: Path | None = None,
    keep: int = 10,
    force: bool = False,
) -> BackupResult:
    """Copy the database; without ``target`` into the backups folder, pruning to ``keep``."""
    source = _sqlite_path(location)
    if not source.exists():
        raise InvalidInput("backup-no-database", source=source)
    pruned: list[str] = []
    if target is None or target.is_dir():
        folder = target or paths.ensure_private_dir(paths.backup_dir())
        out = _unique(folder, source.stem, now)
    else:
        out = target.expanduser().absolute()
        if out.exists() and not force:
            raise InvalidInput("backup-exists", out=out)
        if not out.parent.is_dir():
            raise InvalidInput("no-such-folder", folder=out.parent)
    if out.resolve() == source.resolve():
        raise InvalidInput("backup-over-database")
    try:
        _files().copy(source, out)
    except sqlite3.Error as exc:
        _remove(out)
        raise DatabaseProblem("backup-failed", reason=exc) from exc
    except OSError as exc:
        _remove(out)
        raise InvalidInput("cannot-write-file", path=out, reason=exc.strerror) from exc
    check = quick_check(out)
    if check != "ok":
        _remove(out)
        raise DatabaseProblem("backup-check-failed", check=check)
    if target is None:
        for old in list_backups(source)[:-keep] if keep > 0 else []:
            _remove(old)
            pruned.append(str(old))
    return {"path": str(out), "bytes": out.stat().st_size, "check": check, "pruned": pruned}


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass


@dataclass(frozen=True)
class Inspection:
    revision: str | None
    integrity: str
    foreign_key_problems: int
    counts: dict[str, int]


def inspect(path: Path, *, full: bool = True) -> Inspection:
    """Read a database file without changing it; raises DatabaseProblem if it is not SQLite."""
    if not path.is_file():
        raise InvalidInput("not-a-file", path=path)
    if not looks_like_sqlite(path):
        raise DatabaseProblem("not-sqlite", path=path)
    integrity = quick_check(path, full=full)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in names:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = str(row[0]) if row else None
            fk = len(conn.execute("PRAGMA foreign_key_check").fetchall())
            counts = {
                t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in TABLES
                if t in names
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return Inspection(None, integrity if integrity != "ok" else str(exc), 0, {})
    return Inspection(revision, integrity, fk, counts)


def check_restorable(location: Location, source: Path) -> Inspection:
    """Prove ``source`` is a sound crmtui database this crmtui can restore; change nothing."""
    target = _restore_target(location)
    source = source.expanduser().absolute()
    if target.exists() and source.resolve() == target.resolve():
        raise InvalidInput("restore-from-database")
    found = inspect(source)
    if found.integrity != "ok":
        raise DatabaseProblem("restore-damaged", source=source, integrity=found.integrity)
    if found.revision is None:
        raise DatabaseProblem("restore-not-crmtui", source=source)
    if found.revision not in KNOWN_REVISIONS:
        raise DatabaseProblem("restore-newer-schema", source=source, revision=found.revision)
    if found.foreign_key_problems:
        raise DatabaseProblem(
            "restore-orphan-rows", source=source, count=found.foreign_key_problems
        )
    return found


def holdings(location: Location) -> dict[str, int]:
    """What the database holds now (rows per table, only tables with rows); {} if none."""
    path = _restore_target(location)
    if not path.exists():
        return {}
    try:
        found = inspect(path, full=False)
    except (DatabaseProblem, InvalidInput):
        found = None
    if found is None or (not found.counts and found.integrity != "ok"):
        return {"unreadable data": 1}  # a damaged file still holds something to lose
    return {table: n for table, n in found.counts.items() if n}


def restore(location: Location, source: Path, *, now: datetime) -> RestoreResult:
    """Replace the database by the backup ``source`` after checking it; keep the old one."""
    target = _restore_target(location)
    source = source.expanduser().absolute()
    found = check_restorable(location, source)
    kept = None
    if target.exists():
        folder = paths.ensure_private_dir(paths.backup_dir())
        keep = _reserve(folder, f"{target.stem}-before-restore-{_stamp(now)}")
        try:
            kept = _keep_copy(target, keep)
        except BaseException:
            _remove(keep)  # the claimed name, still empty: nothing was replaced yet
            raise
    else:
        prepare_new_file(target)
    try:
        _copy_into(source, target)
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            raise DatabaseProblem("restore-busy") from exc
        if quick_check(target) == "ok":
            raise DatabaseProblem("restore-failed", text=text) from exc
        # The live file is too damaged to write through SQLite: a copy of it was kept above,
        # so it is replaced by a fresh file.
        _remove(target)
        prepare_new_file(target)
        _copy_into(source, target)
    check = quick_check(target)
    if check != "ok":
        raise DatabaseProblem("restore-check-failed", check=check, kept=kept)
    upgraded = found.revision != SCHEMA_HEAD
    if upgraded:
        from crmtui.db.engine import open_database

        open_database(str(target)).dispose()
    return {
        "restored_from": str(source),
        "database": str(target),
        "replaced_copy": kept,
        "revision": SCHEMA_HEAD if upgraded else found.revision,
        "upgraded": upgraded,
        "counts": inspect(target, full=False).counts,
    }


def _reserve(folder: Path, base: str) -> Path:
    """Claim a new file ``base.db`` (or ``base-2.db``, ...) in ``folder``.

    The name is taken with O_EXCL, so two restores in the same second, even in two processes,
    can never write their safety copies to the same file, and no existing file is replaced.
    """
    n = 1
    while True:
        candidate = folder / (f"{base}.db" if n == 1 else f"{base}-{n}.db")
        try:
            os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            n += 1
            continue
        return candidate


def _keep_copy(target: Path, keep: Path) -> str:
    try:
        _files().copy(target, keep)
    except sqlite3.DatabaseError:
        # A damaged database cannot be read page by page: keep its raw bytes instead.
        for suffix in ("", "-wal"):
            if Path(f"{target}{suffix}").exists():
                fd = os.open(f"{keep}{suffix}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "wb") as out, open(f"{target}{suffix}", "rb") as src:
                    shutil.copyfileobj(src, out)
    return str(keep)


def _copy_into(source: Path, target: Path) -> None:
    _files().copy_into(source, target)


def _mode(path: Path) -> str | None:
    try:
        return oct(stat.S_IMODE(path.stat().st_mode))
    except OSError:
        return None


def doctor(location: Location) -> DoctorReport:
    """Integrity, schema revision, file permissions and sizes; ``problems`` lists what is wrong."""
    if location.path is None:
        raise InvalidInput("doctor-sqlite-only")
    path = location.path
    report: DoctorReport = {"database": str(path), "exists": path.exists(), "problems": []}
    problems: list[str] = report["problems"]
    if not path.exists():
        problems.append(
            "the database file does not exist yet; create it with crm init (or crm demo)"
        )
        return report
    files: dict[str, FileFacts] = {}
    for suffix in ("", "-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            mode = _mode(side)
            files[side.name] = {"bytes": side.stat().st_size, "mode": mode}
            if mode and int(mode, 8) & 0o077:
                problems.append(f"{side.name} is readable by others ({mode}); chmod 600 {side}")
    folder_mode = _mode(path.parent)
    report["files"] = files
    report["folder"] = {"path": str(path.parent), "mode": folder_mode}
    if path.parent == paths.data_dir() and folder_mode and int(folder_mode, 8) & 0o077:
        problems.append(f"the data folder is open to others ({folder_mode}); chmod 700 it")
    try:
        found = inspect(path)
    except (DatabaseProblem, InvalidInput, OSError) as exc:
        problems.append(str(exc))
        return report
    report["integrity"] = found.integrity
    report["foreign_key_problems"] = found.foreign_key_problems
    report["schema_revision"] = found.revision
    report["schema_head"] = SCHEMA_HEAD
    report["counts"] = found.counts
    if found.integrity != "ok":
        problems.append(f"integrity check failed: {found.integrity}; crm restore a backup")
    if found.foreign_key_problems:
        problems.append(f"{found.foreign_key_problems} rows point to missing parents")
    if found.revision is None:
        problems.append("not a crmtui database (no schema revision)")
    elif found.revision not in KNOWN_REVISIONS:
        problems.append(f"schema {found.revision} is newer than this crmtui ({SCHEMA_HEAD})")
    elif found.revision != SCHEMA_HEAD:
        report["note"] = f"schema {found.revision} will be upgraded to {SCHEMA_HEAD} when opened"
    backups = list_backups(path)
    report["backups"] = {
        "folder": str(paths.backup_dir()),
        "count": len(backups),
        "latest": str(backups[-1]) if backups else None,
        "bytes": sum(b.stat().st_size for b in backups),
    }
    return report
