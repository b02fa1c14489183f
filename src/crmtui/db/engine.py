"""Opening a database: checks, automatic migrations, the SQLAlchemy engine and sessions.

Nothing happens at import time. SQLAlchemy and SQLModel are imported only when a session or a
migration is needed, so read-only commands can use the lean reader (``crmtui.db.reader``).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmtui.db.location import Location, prepare_new_file, resolve, stored_revision
from crmtui.db.reader import Reader
from crmtui.errors import DatabaseProblem

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

# The newest migration; tests check it equals the head of db/migrations/versions.
SCHEMA_HEAD = "0002"
KNOWN_REVISIONS = ("0001", "0002")
BUSY_TIMEOUT_MS = 5000


def sqlite_pragmas(conn: sqlite3.Connection, *, foreign_keys: bool = True) -> None:
    """Settings every crmtui connection to an SQLite file gets."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    # Deleted personal data is overwritten, not left in free pages.
    conn.execute("PRAGMA secure_delete = ON")


def make_engine(location: Location, *, foreign_keys: bool = True) -> Engine:
    """An engine whose write transactions start with BEGIN IMMEDIATE on SQLite.

    Taking the write lock at BEGIN means a transaction that read stale data can never fail later
    with SQLITE_BUSY_SNAPSHOT; it waits (busy_timeout) instead. Bound values are kept out of
    error messages because they hold personal data.
    """
    from sqlalchemy import create_engine, event

    if not location.is_sqlite:
        return create_engine(location.url, hide_parameters=True, pool_pre_ping=True)
    engine = create_engine(
        location.url,
        hide_parameters=True,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        sqlite_pragmas(dbapi_conn, foreign_keys=foreign_keys)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class Database:
    """An opened, up-to-date crmtui database."""

    def __init__(self, location: Location):
        self.location = location

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.location)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One user action = one transaction: committed on success, rolled back on error."""
        from sqlalchemy.exc import OperationalError
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                raise _friendly(exc) from exc
            except BaseException:
                session.rollback()
                raise

    def reader(self) -> Reader:
        """A lean read-only connection (no SQLAlchemy import on SQLite)."""
        return Reader.open(self.location)

    def dispose(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()


def _friendly(exc: Exception) -> DatabaseProblem:
    text = str(getattr(exc, "orig", exc))
    if "locked" in text or "busy" in text:
        return DatabaseProblem("the database is busy in another crm window; try again")
    if "full" in text:
        return DatabaseProblem("the disk is full; nothing was saved. Free some space and retry")
    if "readonly" in text or "read-only" in text:
        return DatabaseProblem("the database file is read-only; nothing was saved")
    return DatabaseProblem(f"database error: {text}; nothing was saved")


def open_database(db_option: str | None = None) -> Database:
    """Resolve, check, create or upgrade, and return the database the user asked for."""
    location = resolve(db_option)
    if location.path is None:
        _migrate(location)  # server databases: alembic decides what to do
        return Database(location)
    path = location.path
    if not path.exists():
        prepare_new_file(path)
        try:
            _migrate(location)
        except BaseException:
            _remove_quietly(path)
            raise
        return Database(location)
    revision = stored_revision(path)
    if revision == SCHEMA_HEAD:
        return Database(location)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseProblem(
            f"{path} was written by a newer crmtui (schema {revision}); upgrade crmtui to open it"
        )
    if revision is not None:
        backup_before_migration(path, revision)
    _migrate(location, reindex=revision is not None)
    return Database(location)


def backup_before_migration(path: Path, revision: str) -> Path:
    """Copy the database beside itself before changing its schema."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.schema-{revision}-{stamp}.bak")
    copy_database(path, target)
    return target


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup API, created 0600."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(target, 0o600)
    src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _migrate(location: Location, *, reindex: bool = False) -> None:
    """Upgrade to the newest schema; after upgrading old data, rebuild its search text."""
    from alembic import command
    from alembic.config import Config

    from crmtui.db import migrations

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    engine = make_engine(location, foreign_keys=False)
    try:
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()  # ends the read that env.py's foreign-key check started
            if reindex:
                from crmtui.db.reindex import rebuild_search

                with conn.begin():
                    rebuild_search(conn)
    except Exception as exc:
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            raise _friendly(exc) from exc
        raise
    finally:
        engine.dispose()


def _remove_quietly(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass
