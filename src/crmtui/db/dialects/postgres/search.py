"""PostgreSQL text search: ``LIKE '%term%'`` over a ``pg_trgm`` GIN index on ``search_doc``.

The search text is already lower case (``db/search_text.py``), so a plain ``LIKE`` matches as
SQLite's trigram index does. The ``pg_trgm`` GIN index (migration 0002) answers terms of three or
more characters; a two-character term (张伟, ``zw``) is found through the index of two-character
pieces (``crm_bigrams``, migration 0019), as SQLite finds it through its trigram vocabulary; a
one-character term scans, as on SQLite.
"""

from __future__ import annotations

from typing import Any


def _contains(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class PostgresSearch:
    def match_sql(self, terms: list[str], *, prefix: str) -> tuple[str, dict[str, str]]:
        params: dict[str, Any] = {}
        conditions = []
        pieces: list[str] = []
        for i, term in enumerate(terms):
            params[f"{prefix}{i}"] = _contains(term)
            conditions.append(f"d.text LIKE :{prefix}{i} ESCAPE '\\'")
            if len(term) == 2 and params[f"{prefix}{i}"] == f"%{term}%":
                # the expression of ix_search_doc_bigram, so the planner reads that index; the
                # term is the pattern without its % (a term LIKE must escape just scans)
                pieces.append(
                    f"crm_bigrams(d.text) @> ARRAY[substr(CAST(:{prefix}{i} AS text), 2, 2)]"
                )
        where = " AND ".join(conditions + pieces) or "TRUE"
        return f"SELECT d.customer_id, d.contact_id FROM search_doc d WHERE {where}", params

    def starts_with(self, haystack: str, needle: str) -> str:
        return f"position({needle} in {haystack}) = 1"

    def pause_index(self, conn: Any) -> None:
        pass  # the GIN index takes bulk inserts well enough (fastupdate)

    def rebuild_index(self, conn: Any) -> None:
        pass
