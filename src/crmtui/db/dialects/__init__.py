"""The database seam: the few pieces of SQL and file handling that differ between backends.

One interface module per concern, each a small ``Protocol``:

- ``search``     text search (``match_sql``) and substring tests used in ordering
- ``aggregate``  SQL for "comma-joined names" and other aggregates
- ``files``      backup copies, integrity checks and scrubbing the files after a purge
- ``changes``    the change counter the TUI polls for live refresh (migration 0006)

Each backend implements all of them in its own subpackage: ``sqlite/`` now, ``postgres/`` for
team mode (a later issue; its ``__init__`` says what goes there). Services never test the
dialect name themselves: they ask :func:`dialect_for` once, from the database they were given
(``Database.dialect`` or ``Reader.dialect``), and call what it returns.

Nothing here imports SQLAlchemy, so the lean read path (``crm today``) can use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from crmtui.db.dialects.aggregate import Aggregates
from crmtui.db.dialects.changes import ChangeDetection
from crmtui.db.dialects.files import DatabaseFiles
from crmtui.db.dialects.search import TextSearch


@dataclass(frozen=True)
class Dialect:
    """Everything backend-specific, for one backend."""

    name: str
    search: TextSearch
    aggregate: Aggregates
    files: DatabaseFiles
    changes: ChangeDetection


@cache
def dialect_for(name: str) -> Dialect:
    """The implementation for a SQLAlchemy dialect name (``"sqlite"``, ``"postgresql"``...)."""
    if name == "sqlite":
        from crmtui.db.dialects import sqlite

        return sqlite.DIALECT
    from crmtui.db.dialects import postgres

    return postgres.dialect(name)


def change_triggers(
    dialect_name: str, tables: Iterable[str], *, create: bool = True, replace: bool = False
) -> list[str]:
    """The statements a migration runs so that ``tables`` move the change counter (0006):
    ``create`` makes the triggers, ``create=False`` drops them, ``replace=True`` drops then
    makes them (after SQLite rebuilt a table, or to be sure on a server that may lack them).

    One place for what every migration adding a user table repeated; on SQLite it gives the
    very statements those migrations always ran.
    """
    changes = dialect_for(dialect_name).changes
    out: list[str] = []
    for table in tables:
        if replace or not create:
            out += changes.drop_triggers(table)
        if create:
            out += changes.create_triggers(table)
    return out
