"""PostgreSQL aggregates."""

from __future__ import annotations


class PostgresAggregates:
    def joined(self, expression: str, separator: str = ",") -> str:
        quoted = separator.replace("'", "''")
        return f"string_agg({expression}, '{quoted}')"
