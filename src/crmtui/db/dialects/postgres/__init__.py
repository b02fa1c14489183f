"""The PostgreSQL implementation (team mode): one module per concern, as in ``sqlite/``.

- ``search.py``     ``match_sql`` as ``LIKE`` over a ``pg_trgm`` GIN index on ``search_doc``
- ``aggregate.py``  ``joined`` as ``string_agg(expr, sep)``
- ``changes.py``    one ``plpgsql`` function bumping ``change_counter``, a ``FOR EACH STATEMENT``
                    trigger per watched table

Files (backup copies, integrity checks, scrubbing) have no counterpart: a server database is
backed up with ``crm export --format json`` or the server's own tools, so those commands say
so in one line (``NotYet``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from crmtui.errors import DatabaseProblem

if TYPE_CHECKING:
    from crmtui.db.dialects import Dialect


class NotYet:
    """Stands in for a concern team mode has not built yet: any use is refused clearly."""

    def __init__(self, name: str, concern: str):
        self._name, self._concern = name, concern

    def __getattr__(self, _attr: str) -> Any:
        return self._refuse

    def _refuse(self, *_args: Any, **_kwargs: Any) -> NoReturn:
        raise DatabaseProblem("db-not-on-backend", concern=self._concern, backend=self._name)


def dialect(name: str) -> Dialect:
    """Search, aggregation and the change counter; the file concerns are refused clearly."""
    from crmtui.db.dialects import Dialect
    from crmtui.db.dialects.postgres.aggregate import PostgresAggregates
    from crmtui.db.dialects.postgres.changes import PostgresChanges
    from crmtui.db.dialects.postgres.search import PostgresSearch

    return Dialect(
        name=name,
        search=PostgresSearch(),
        aggregate=PostgresAggregates(),
        files=NotYet(name, "backup, restore, integrity check and scrub"),
        changes=PostgresChanges(),
    )
