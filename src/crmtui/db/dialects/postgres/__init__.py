"""PostgreSQL goes here (team mode, a later issue): one module per concern, as in ``sqlite/``.

- ``search.py``     ``match_sql`` with ``pg_trgm`` (``text ILIKE``/``%`` over a GIN trigram index),
                    ``starts_with`` as ``position(needle in haystack) = 1``
- ``aggregate.py``  ``joined`` as ``string_agg(expr, sep)``
- ``files.py``      ``copy`` through ``pg_dump``; ``check`` and ``scrub`` as no-ops or ``VACUUM``
- ``changes.py``    one ``plpgsql`` function bumping ``change_counter``, a ``FOR EACH STATEMENT``
                    trigger per watched table

Until then the search and aggregation below work on any server; the rest is refused clearly.
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
    """Search and aggregation work today (portable SQL); files and change triggers wait for
    team mode, so live refresh there sees a counter that never moves, as before."""
    from crmtui.db.dialects import Dialect
    from crmtui.db.dialects.postgres.aggregate import PostgresAggregates
    from crmtui.db.dialects.postgres.search import PortableSearch

    return Dialect(
        name=name,
        search=PortableSearch(),
        aggregate=PostgresAggregates(),
        files=NotYet(name, "backup, check and scrub"),
        changes=NotYet(name, "change triggers"),
    )
