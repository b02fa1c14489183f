"""The lean read path on PostgreSQL: psycopg directly, rows shaped like ``sqlite3.Row``.

The queries of the read path are written once with ``:name`` parameters (sqlite3's style); here
they are rewritten to psycopg's ``%(name)s`` once per query text. Rows index by position and by
column name and iterate over their values, as ``sqlite3.Row`` does, so services cannot tell the
two backends apart. SQLAlchemy is not imported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from crmtui.db.server_errors import classify
from crmtui.errors import DatabaseProblem

# ``:name`` but not ``::type`` casts nor digits after a colon inside a time literal ('10:30').
_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """``:name`` parameters → ``%(name)s``; a literal ``%`` (in LIKE patterns) doubled."""
    return _PARAM.sub(r"%(\1)s", sql.replace("%", "%%"))


class PgRow(tuple[Any, ...]):
    """A result row: ``row[0]``, ``row["name"]``, ``row.keys()``, ``dict(row)``."""

    _names: tuple[str, ...] = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._names.index(key))
            except ValueError:
                raise IndexError(f"No item with that key: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    names = tuple(d.name for d in cursor.description or ())
    row_type: type[PgRow] = type("Row", (PgRow,), {"_names": names, "__slots__": ()})

    def make(values: Sequence[Any]) -> PgRow:
        return row_type(values)

    return make


def connect(url: str) -> Any:
    """A psycopg connection for an SQLAlchemy-style URL (``postgresql+psycopg://...``)."""
    import psycopg

    conninfo = re.sub(r"^postgresql(\+\w+)?://", "postgresql://", url)
    try:
        conn = psycopg.connect(
            conninfo,
            row_factory=_row_factory,
            connect_timeout=10,
            options=session_options(psycopg.conninfo.conninfo_to_dict(conninfo).get("options")),
        )
    except psycopg.Error as exc:
        raise classify(exc) or DatabaseProblem("db-cannot-read", reason=_first_line(exc)) from exc
    # JSON columns come back as their text, as from SQLite: the services decode them.
    from psycopg.types.string import TextLoader

    for name in ("json", "jsonb"):
        conn.adapters.register_loader(name, TextLoader)
    # A reader never writes: the server refuses it, as SQLite's query_only does.
    conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    conn.commit()
    return conn


# crmtui's data is small beside a server's memory and read from its cache: a random read costs
# about what a sequential one does (the default 4 made the planner read all 100,000 customers
# rather than look up the 1,500 a search found), and compiling a query (JIT) costs more than
# any of its queries take. Options the URL gives come after these, so they win.
PLANNER_OPTIONS = "-c random_page_cost=1.1 -c jit=off"


def session_options(given: object = None) -> str:
    """The ``options`` of a crmtui connection: PLANNER_OPTIONS, then the URL's own."""
    return f"{PLANNER_OPTIONS} {given}" if given else PLANNER_OPTIONS


def run(conn: Any, sql: str, params: Any) -> list[Any]:
    import psycopg

    try:
        with conn.cursor() as cur:
            cur.execute(to_pyformat(sql), dict(params or {}))
            rows = list(cur.fetchall()) if cur.description else []
    except psycopg.errors.QueryCanceled as exc:  # interrupted (Reader.interrupt), as before
        _rollback_quietly(conn)
        raise DatabaseProblem("db-cannot-read", reason=_first_line(exc)) from exc
    except psycopg.Error as exc:
        _rollback_quietly(conn)
        problem = classify(exc)
        if problem is None:
            raise  # a mistake in the query: a bug, with its traceback
        raise problem from exc
    return rows


def _rollback_quietly(conn: Any) -> None:
    """End the failed transaction; on a connection the server dropped there is none to end."""
    import psycopg

    try:
        conn.rollback()
    except psycopg.Error:
        pass


def end_snapshot(conn: Any) -> None:
    """Close the read transaction so the next query sees what others committed since."""
    conn.rollback()


def cancel(conn: Any) -> None:
    """Abort the statement running on ``conn`` (safe from another thread)."""
    conn.cancel_safe()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def stored_server_revision(url: str) -> tuple[str | None, Any]:
    """The schema revision of a server database (None when it has no crmtui tables yet), and
    the open reading connection that asked, for the command's reader to use (a new connection
    costs the server a process): close it if it is not wanted."""
    import psycopg

    conn = connect(url)
    try:
        row = run(conn, "SELECT version_num FROM alembic_version", {})
    except psycopg.errors.UndefinedTable:
        conn.close()
        return None, None
    except BaseException:
        conn.close()
        raise
    end_snapshot(conn)
    return (str(row[0][0]) if row else None), conn


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)
