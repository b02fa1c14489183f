"""The SQLite implementation of every concern in ``crmtui.db.dialects`` (the embedded default)."""

from __future__ import annotations

from crmtui.db.dialects import Dialect
from crmtui.db.dialects.sqlite.aggregate import SqliteAggregates
from crmtui.db.dialects.sqlite.changes import SqliteChanges
from crmtui.db.dialects.sqlite.files import SqliteFiles
from crmtui.db.dialects.sqlite.search import SqliteSearch

DIALECT = Dialect(
    name="sqlite",
    search=SqliteSearch(),
    aggregate=SqliteAggregates(),
    files=SqliteFiles(),
    changes=SqliteChanges(),
)
