"""Which database to use and whether the file there is one crmtui may open.

The checks read only the file header and ``sqlite_master`` through a read-only connection, so a
foreign or damaged file is refused byte-for-byte untouched and no schema is ever created in it.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from crmtui import paths
from crmtui.errors import DatabaseProblem


@dataclass(frozen=True)
class Location:
    """A database as the user named it: an SQLAlchemy URL, and the file for SQLite."""

    url: str
    path: Path | None  # None for server databases

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def dialect_name(self) -> str:
        """SQLAlchemy's name for the backend (``sqlite``, ``postgresql``...), from the URL."""
        if self.path is not None:
            return "sqlite"
        return self.url.split(":", 1)[0].split("+", 1)[0]


def resolve(db_option: str | None = None) -> Location:
    """``--db PATH|URL`` > ``CRM_DATABASE_URL`` > ``CRM_DB`` > the platform data folder."""
    if db_option:
        return _from_url(db_option) if is_url(db_option) else _from_path(db_option)
    url = os.environ.get("CRM_DATABASE_URL")
    if url:
        return _from_url(url)
    env_path = os.environ.get("CRM_DB")
    if env_path:
        return _from_path(env_path)
    return _from_path(str(paths.default_db_file()))


def is_url(text: str) -> bool:
    """A server URL (``postgresql+psycopg://...``, ``sqlite:///...``), not a file name."""
    scheme, sep, _ = text.partition("://")
    return bool(sep) and scheme.replace("+", "").isalnum()


def _from_url(url: str) -> Location:
    if url.startswith("sqlite:///"):
        return _from_path(url.removeprefix("sqlite:///"))
    return Location(url=url, path=None)


def _from_path(text: str) -> Location:
    path = Path(text).expanduser().absolute()
    return Location(url=f"sqlite:///{path}", path=path)


def missing(path: Path) -> DatabaseProblem:
    """The error for reading a database file that is not there (reads never create one)."""
    blocker = next((p for p in path.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        return DatabaseProblem("db-missing-blocked", path=path, blocker=blocker)
    return DatabaseProblem("db-missing", path=path)


def require_existing(location: Location) -> None:
    """Refuse a missing SQLite file (and its folder) before anything could create it."""
    if location.path is not None and not location.path.exists():
        raise missing(location.path)


def looks_like_sqlite(path: Path) -> bool:
    """Whether SQLite recognises the file (read-only; see ``stored_revision`` on plain open())."""
    if path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return "not a database" not in str(exc)  # damaged, but SQLite's
    return True


def stored_revision(path: Path) -> str | None:
    """The schema revision in an existing SQLite file; None when it holds no tables at all.

    Raises DatabaseProblem for anything that is not a crmtui database.
    """
    restore_hint = "restore a backup (crm restore FILE) or point --db at another file"
    if path.is_dir():
        raise DatabaseProblem("db-is-folder", path=path, restore_hint=restore_hint)
    # No plain open() of the file here: closing any descriptor of a database file drops every
    # POSIX lock this process holds on it, including those of SQLite connections already open
    # (a documented way to corrupt a database). SQLite reads the header itself, read-only.
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DatabaseProblem("cannot-read-file", path=path, reason=exc.strerror) from exc
    if size == 0:
        raise DatabaseProblem("db-empty-file", path=path, restore_hint=restore_hint)
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not names:
                return None
            if "alembic_version" not in names:
                raise DatabaseProblem("db-foreign-sqlite", path=path)
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise DatabaseProblem(
                "db-not-sqlite-hint", path=path, restore_hint=restore_hint
            ) from exc
        raise DatabaseProblem(
            "db-file-damaged", path=path, reason=exc, restore_hint=restore_hint
        ) from exc
    if row is None:
        raise DatabaseProblem("db-no-schema-version", path=path, restore_hint=restore_hint)
    return str(row[0])


def prepare_new_file(path: Path) -> None:
    """Create an empty database file, private (0600), in a private data folder."""
    parent = path.parent
    try:
        if parent == paths.data_dir() or not parent.exists():
            paths.ensure_private_dir(parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise DatabaseProblem("db-cannot-create", parent=parent, reason=exc.strerror) from exc
