"""Interface: text search over ``search_doc`` and substring tests in SQL."""

from __future__ import annotations

from typing import Any, Protocol


class TextSearch(Protocol):
    def match_sql(self, terms: list[str], *, prefix: str) -> tuple[str, dict[str, str]]:
        """SQL yielding ``d.customer_id, d.contact_id`` of the ``search_doc d`` rows that
        contain every one of ``terms`` (non-empty, already case-folded), and its parameters
        (named ``prefix`` + a number)."""
        ...

    def starts_with(self, haystack: str, needle: str) -> str:
        """A boolean SQL expression: the text ``haystack`` begins with ``needle`` (both SQL)."""
        ...

    def pause_index(self, conn: Any) -> None:
        """Before a bulk load on the DB-API connection ``conn`` (in its transaction): stop
        indexing new ``search_doc`` rows one by one."""
        ...

    def rebuild_index(self, conn: Any) -> None:
        """After the bulk load: index every ``search_doc`` row at once and resume as before."""
        ...
