"""The lean read path: parameterised SQL on a plain DB-API connection.

Read-heavy commands (``crm today``, ``crm customers``, ``crm show``) and the TUI's screens run their
queries here. On SQLite that is the standard library's ``sqlite3``, on PostgreSQL psycopg
(``db/pg_reader.py``), so those commands start without importing SQLAlchemy (a quarter of a
second on a laptop). The SQL uses ``:name`` parameters, sqlite3's style, which the PostgreSQL
path rewrites once per query: one copy of each query for both backends.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from crmtui.db.dialects.changes import READ_SQL as CHANGE_COUNT_SQL
from crmtui.errors import DatabaseProblem

if TYPE_CHECKING:
    from crmtui.db.dialects import Dialect
    from crmtui.db.location import Location

Row = Mapping[str, Any]


def in_list(prefix: str, values: Iterable[Any]) -> tuple[str, dict[str, Any]]:
    """Placeholders for ``IN (...)``: returns ``":p0, :p1"`` and the matching parameters."""
    params = {f"{prefix}{i}": v for i, v in enumerate(values)}
    return ", ".join(f":{k}" for k in params) or "NULL", params


class Reader:
    """A read-only connection. Use as a context manager or call :meth:`close`."""

    def __init__(
        self,
        conn: Any,
        *,
        is_sqlite: bool,
        dialect_name: str | None = None,
        path: str | None = None,
        url: str | None = None,
    ):
        self._conn = conn
        self.url = url  # the server database's URL (None for a file)
        self.is_sqlite = is_sqlite
        self.dialect_name = dialect_name or ("sqlite" if is_sqlite else "postgresql")
        self.path = path  # the SQLite file, when known (the plan cache is kept per file)

    @property
    def dialect(self) -> Dialect:
        """The backend-specific SQL pieces for this connection's database."""
        from crmtui.db.dialects import dialect_for

        return dialect_for(self.dialect_name)

    @classmethod
    def open(cls, location: Location, *, conn: Any = None) -> Reader:
        """A reader of ``location``; on a server, on ``conn`` when given (an open reading
        connection to it, see ``pg_reader.stored_server_revision``)."""
        if location.path is not None:
            try:
                conn = sqlite3.connect(location.path, timeout=5, check_same_thread=False)
                conn.row_factory = sqlite3.Row
                conn.execute("PRAGMA busy_timeout = 5000")
                conn.execute("PRAGMA query_only = ON")
            except sqlite3.Error as exc:
                raise DatabaseProblem("cannot-read-file", path=location.path, reason=exc) from exc
            return cls(conn, is_sqlite=True, path=str(location.path))
        from crmtui.db import pg_reader

        return cls(
            conn if conn is not None else pg_reader.connect(location.url),
            is_sqlite=False,
            dialect_name=location.dialect_name,
            url=location.url,
        )

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """All rows of a query, as mappings."""
        try:
            if self.is_sqlite:
                return list(self._conn.execute(sql, params or {}).fetchall())
            from crmtui.db import pg_reader

            return pg_reader.run(self._conn, sql, params)
        except sqlite3.DatabaseError as exc:
            # OperationalError (busy, I/O) and DatabaseError itself (a damaged file); the
            # subclasses that mean a bug in the query (ProgrammingError...) propagate.
            if type(exc) not in (sqlite3.OperationalError, sqlite3.DatabaseError):
                raise
            raise _read_error(exc) from exc

    def one(self, sql: str, params: Mapping[str, Any] | None = None) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        row = self.one(sql, params)
        if row is None:
            return None
        return cast(sqlite3.Row, row)[0]  # both backends' rows index by position

    def column(self, sql: str, params: Mapping[str, Any] | None = None) -> Sequence[Any]:
        return [cast(sqlite3.Row, r)[0] for r in self.rows(sql, params)]

    def ts(self, value: datetime) -> Any:
        """An aware instant as a query parameter, in the form the database stores (naive UTC)."""
        naive = value.astimezone(UTC).replace(tzinfo=None)
        return naive.strftime("%Y-%m-%d %H:%M:%S.%f") if self.is_sqlite else value

    def data_version(self) -> int:
        """Changes whenever another connection commits (SQLite only; 0 elsewhere)."""
        if not self.is_sqlite:
            return 0
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def server_identity(self) -> str | None:
        """What tells a server database apart for what is kept beside it (the day plan): the
        URL without its password, the database's oid (one dropped and made again is another),
        since when the server runs (a restore by the server's tools restarts it) and the user
        asking (row-level security shows each their own rows). None for a file."""
        if self.is_sqlite or self.url is None:
            return None
        from crmtui.db.pg_reader import redacted

        row = self.one(
            "SELECT current_user AS who, d.oid AS db, pg_postmaster_start_time() AS up "
            "FROM pg_database d WHERE d.datname = current_database()"
        )
        if row is None:
            return None
        return f"{redacted(self.url)}|{row['who']}|{row['db']}|{row['up']}"

    def file_identity(self) -> str | None:
        """What tells the SQLite database in this file apart from another one later at the
        same path, for what is kept beside it (the day plan): the device and inode, the random
        id every new database gets when it is created (``user_version``, engine._create) and
        the schema cookie, which a restore through the backup API moves past the replaced
        database's (and no write but a schema change moves). Both are read through SQLite, so
        they are the database's own, whether or not its log is folded into the file yet: a
        checkpoint, which rewrites the file (its bytes and ctime) and changes nothing, keeps
        the identity. None for a server database or a file that is gone."""
        if not self.is_sqlite or self.path is None:
            return None
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        row = cast(
            sqlite3.Row,
            self.one(
                "SELECT u.user_version, s.schema_version "
                "FROM pragma_user_version u, pragma_schema_version s"
            ),
        )
        return f"{st.st_dev}:{st.st_ino}:{row[0]}:{row[1]}"

    def change_count(self) -> int:
        """The database's change counter: it moves on every committed write to user data, by
        any process, on any backend (migration 0006). Live refresh polls it."""
        if not self.is_sqlite:
            from crmtui.db import pg_reader

            # A server connection must not sit in one snapshot between polls.
            pg_reader.end_snapshot(self._conn)
        value = self.scalar(CHANGE_COUNT_SQL)
        return int(value or 0)

    def interrupt(self) -> None:
        """Abort the statement running on this connection (safe from any thread).

        The aborted query raises ``DatabaseProblem`` in its own thread.
        """
        if self.is_sqlite:
            self._conn.interrupt()
        else:
            from crmtui.db import pg_reader

            pg_reader.cancel(self._conn)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read_error(exc: sqlite3.DatabaseError) -> DatabaseProblem:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return DatabaseProblem("db-busy")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DatabaseProblem("db-read-damaged", reason=text)
    return DatabaseProblem("db-cannot-read", reason=text)
