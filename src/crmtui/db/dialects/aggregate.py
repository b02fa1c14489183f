"""Interface: aggregate functions whose spelling differs between backends."""

from __future__ import annotations

from typing import Protocol


class Aggregates(Protocol):
    def joined(self, expression: str, separator: str = ",") -> str:
        """SQL aggregating ``expression`` over a group into one ``separator``-joined string
        (order unspecified; NULL for an empty group)."""
        ...

    def utc_hour(self, column: str) -> str:
        """SQL giving the UTC hour of the instant ``column`` as text ``2026-11-23 04``: reports
        group by it and place each hour in the user's local day or month."""
        ...

    def utc_day(self, column: str) -> str:
        """SQL giving the UTC day of the instant ``column``, comparable with a date column."""
        ...

    def month_of_date(self, column: str) -> str:
        """SQL giving the month of the plain date ``column`` as text ``2026-11``."""
        ...
