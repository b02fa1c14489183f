"""Opening a database: checks, automatic migrations, the SQLAlchemy engine and sessions.

Nothing happens at import time. SQLAlchemy and SQLModel are imported only when a session or a
migration is needed, so read-only commands can use the lean reader (``crmtui.db.reader``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmtui.db.constants import BUSY_TIMEOUT_MS
from crmtui.db.dialects import dialect_for
from crmtui.db.location import (
    Location,
    missing,
    prepare_new_file,
    resolve,
    stored_revision,
)
from crmtui.db.reader import Reader
from crmtui.db.server_errors import server_problem
from crmtui.errors import DatabaseProblem

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from crmtui.db.dialects import Dialect

# The newest migration; tests check it equals the head of db/migrations/versions.
SCHEMA_HEAD = "0019"
KNOWN_REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0013",
    "0014",
    "0015",
    "0016",
    "0017",
    "0019",
)
# Schemas older than the search index: upgrading them builds every customer's search text.
WITHOUT_SEARCH_TEXT = ("0001",)
# A writer that held the lock for a while pauses after committing (at most this long), so a
# bulk writer committing batch after batch cannot starve the app or a `crm` command: SQLite's
# busy handler retries about every 100 ms and would otherwise keep missing the gaps.
YIELD_AFTER_S = 0.02
MAX_YIELD_S = 0.1
_lock_taken = threading.local()  # when this thread's write transaction got the lock


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
        from sqlalchemy.engine import make_url

        from crmtui.db.pg_reader import session_options

        given = make_url(location.url).query.get("options")
        return create_engine(
            location.url,
            hide_parameters=True,
            pool_pre_ping=True,
            connect_args={"options": session_options(given)},
        )
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
        _lock_taken.at = time.monotonic()

    return engine


class Database:
    """An opened, up-to-date crmtui database."""

    def __init__(self, location: Location, *, spare: Any = None):
        self.location = location
        # the server connection open_database read the schema version on: the first reader's
        self._spare: list[Any] = [spare] if spare is not None else []
        if spare is not None:
            # a command that never reads (a write) leaves it unused: closed with the Database
            weakref.finalize(self, _close_all, self._spare)

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.location)

    @property
    def dialect(self) -> Dialect:
        """The backend-specific pieces (search, aggregation, files, change counter)."""
        from crmtui.db.dialects import dialect_for

        return dialect_for(self.location.dialect_name)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One user action = one transaction: committed on success, rolled back on error."""
        from sqlalchemy.exc import DBAPIError
        from sqlmodel import Session

        _lock_taken.at = None
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except DBAPIError as exc:
                problem = server_problem(exc)
                if problem is not None:
                    # the server may have dropped the connection: nothing left to roll back
                    _rollback_quietly(session)
                    raise problem from exc
                session.rollback()
                if _environmental(exc):
                    raise friendly_error(exc) from exc
                raise
            except BaseException:
                session.rollback()
                raise
        taken, _lock_taken.at = _lock_taken.at, None
        held = time.monotonic() - taken if taken is not None else 0.0
        if held > YIELD_AFTER_S:
            time.sleep(min(held, MAX_YIELD_S))

    def reader(self) -> Reader:
        """A lean read-only connection (no SQLAlchemy import on SQLite)."""
        try:
            conn = self._spare.pop()  # atomic: two threads never get the same one
        except IndexError:
            conn = None
        return Reader.open(self.location, conn=conn)

    def dispose(self) -> None:
        _close_all(self._spare)
        if "engine" in self.__dict__:
            self.engine.dispose()


def _close_all(connections: list[Any]) -> None:
    while connections:
        connections.pop().close()


def _rollback_quietly(session: Session) -> None:
    try:
        session.rollback()
    except Exception:  # noqa: BLE001 (the connection is gone; so is its transaction)
        pass


def _environmental(exc: Exception) -> bool:
    """True for errors the machine causes (lock, disk, damage), not a mistake in the SQL."""
    from sqlalchemy.exc import OperationalError

    orig = getattr(exc, "orig", exc)
    return isinstance(exc, OperationalError) or type(orig) in (
        sqlite3.OperationalError,
        sqlite3.DatabaseError,
    )


def friendly_error(exc: Exception) -> DatabaseProblem:
    """One line for the user; the SQLite message only (never the statement or its values)."""
    text = str(getattr(exc, "orig", exc))
    if "locked" in text or "busy" in text:
        return DatabaseProblem("db-busy")
    if "full" in text:
        return DatabaseProblem("db-disk-full")
    if "readonly" in text or "read-only" in text:
        return DatabaseProblem("db-read-only")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DatabaseProblem("db-damaged", text=text)
    if "I/O" in text:
        return DatabaseProblem("db-cannot-write", text=text)
    return DatabaseProblem("db-error", text=text)


def open_database(db_option: str | None = None, *, create: bool = True) -> Database:
    """Resolve, check, create or upgrade, and return the database the user asked for.

    With ``create=False`` (read commands) a missing file is an error: a mistyped ``--db`` must
    not leave folders and an empty database behind.
    """
    location = resolve(db_option)
    if location.path is None:
        # A server database at the newest schema opens without Alembic (or SQLAlchemy): one
        # query on the lean connection, as for a file.
        from crmtui.db.pg_reader import redacted, stored_server_revision

        revision, conn = stored_server_revision(location.url)
        if revision == SCHEMA_HEAD:
            return Database(location, spare=conn)
        if conn is not None:
            conn.close()
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise DatabaseProblem("db-newer-schema", path=redacted(location.url), revision=revision)
        try:
            _migrate(location)
        except DatabaseProblem as problem:
            # a salesperson's role may not change the tables: the owner upgrades them
            if revision is not None and problem.code == "db-server-denied":
                raise DatabaseProblem(
                    "db-server-upgrade-by-owner", revision=revision, head=SCHEMA_HEAD
                ) from problem
            raise
        return Database(location)
    path = location.path
    if not path.exists():
        if not create:
            raise missing(path)
        _create(path)
        return Database(location)
    revision = stored_revision(path)
    if revision == SCHEMA_HEAD:
        return Database(location)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseProblem("db-newer-schema", path=path, revision=revision)
    if revision is not None:
        backup_before_migration(path, revision)
    _migrate(location, reindex=revision in WITHOUT_SEARCH_TEXT)
    return Database(location)


def _create(path: Path) -> None:
    """Build a new database beside ``path`` and put it in place only when it is complete.

    A process killed while creating leaves no half-made file at ``path`` (which every later run
    would refuse as damaged), and two processes creating the same database at once both end up
    using the one that was linked in first.
    """
    draft = path.with_name(f"{path.name}.creating-{os.getpid()}")
    _remove_quietly(draft)
    prepare_new_file(draft)
    try:
        _migrate(Location(url=f"sqlite:///{draft}", path=draft))
        if Path(f"{draft}-wal").exists():  # every connection is closed: fold the log in
            conn = sqlite3.connect(draft)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
        try:
            os.link(draft, path)  # atomic, and never replaces a database created meanwhile
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(draft, path)
    finally:
        _remove_quietly(draft)


def backup_before_migration(path: Path, revision: str) -> Path:
    """Copy the database beside itself before changing its schema."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.schema-{revision}-{stamp}.bak")
    dialect_for("sqlite").files.copy(path, target)
    return target


def _migrate(location: Location, *, reindex: bool = False) -> None:
    """Upgrade to the newest schema; after upgrading old data, rebuild its search text."""
    from alembic import command
    from alembic.config import Config

    from crmtui.db import migrations

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    engine = make_engine(location, foreign_keys=False)
    try:
        # One transaction for every step and the search rebuild: a process killed or failing
        # half-way leaves the old schema and data as they were, and the next open starts over.
        with engine.connect() as conn, conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            if reindex:
                from crmtui.db.reindex import rebuild_search

                rebuild_search(conn)
    except Exception as exc:
        problem = server_problem(exc)
        if problem is not None:
            raise problem from exc
        if _environmental(exc):
            raise friendly_error(exc) from exc
        raise
    finally:
        engine.dispose()


def _remove_quietly(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass
