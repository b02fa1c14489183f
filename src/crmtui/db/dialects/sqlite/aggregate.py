"""SQLite aggregates."""

from __future__ import annotations


class SqliteAggregates:
    def joined(self, expression: str, separator: str = ",") -> str:
        quoted = separator.replace("'", "''")
        return f"group_concat({expression}, '{quoted}')"
