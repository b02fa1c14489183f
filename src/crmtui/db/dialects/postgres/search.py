"""Server text search, as crmtui has always done it off SQLite: ``position`` over the doc text.

Team mode replaces the scan with a ``pg_trgm`` index; the SQL shape stays.
"""

from __future__ import annotations

from typing import Any


class PortableSearch:
    def match_sql(self, terms: list[str], *, prefix: str) -> tuple[str, dict[str, str]]:
        params: dict[str, Any] = {}
        conditions = []
        for i, term in enumerate(terms):
            params[f"{prefix}{i}"] = term
            conditions.append(f"position(:{prefix}{i} in d.text) > 0")
        where = " AND ".join(conditions)
        return f"SELECT d.customer_id, d.contact_id FROM search_doc d WHERE {where}", params

    def starts_with(self, haystack: str, needle: str) -> str:
        return f"position({needle} in {haystack}) = 1"

    def pause_index(self, conn: Any) -> None:
        pass  # no index of its own to pause: the scan reads search_doc

    def rebuild_index(self, conn: Any) -> None:
        pass
