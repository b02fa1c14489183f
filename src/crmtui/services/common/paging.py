"""One page of a list, and how many rows matched in all, so no list ever stops silently.

A list query selects ``TOTAL_SQL`` next to its columns: the window count is taken before LIMIT,
so one query gives both the page and the number of rows that matched. ``Page`` is a plain list
(every caller keeps working) that also carries that number.
"""

from __future__ import annotations

from typing import TypeVar, cast

RowT = TypeVar("RowT")

TOTAL_SQL = "count(*) OVER () AS matched_total"


class Page(list[RowT]):
    """Rows of one page (typed records); ``total`` is how many matched without the limit."""

    total: int = 0

    @property
    def more(self) -> int:
        """How many matching rows are not in this page."""
        return max(self.total - len(self), 0)


def page(rows: list[RowT]) -> Page[RowT]:
    """Rows that carry ``matched_total`` as a Page (the column itself is dropped)."""
    out: Page[RowT] = Page()
    for row in rows:
        # the count column is in no record type: it is taken out here, before the row is shown
        out.total = int(cast("dict[str, int | None]", row).pop("matched_total", 0) or 0)
        out.append(row)
    return out


def limit_sql(limit: int | None, offset: int = 0) -> str:
    """The LIMIT/OFFSET clause; none at all when every row is wanted."""
    if limit is None:
        if offset:  # SQLite and PostgreSQL spell "no limit" differently; pages always have one
            raise ValueError("an offset needs a limit")
        return ""
    return " LIMIT :limit OFFSET :offset" if offset else " LIMIT :limit"
