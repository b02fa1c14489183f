"""Interface: aggregate functions whose spelling differs between backends."""

from __future__ import annotations

from typing import Protocol


class Aggregates(Protocol):
    def joined(self, expression: str, separator: str = ",") -> str:
        """SQL aggregating ``expression`` over a group into one ``separator``-joined string
        (order unspecified; NULL for an empty group)."""
        ...
