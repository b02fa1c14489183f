"""SQLite aggregates."""

from __future__ import annotations


class SqliteAggregates:
    def joined(self, expression: str, separator: str = ",") -> str:
        quoted = separator.replace("'", "''")
        return f"group_concat({expression}, '{quoted}')"

    def utc_hour(self, column: str) -> str:
        return f"substr({column}, 1, 13)"  # instants are stored as naive UTC text

    def utc_day(self, column: str) -> str:
        return f"substr({column}, 1, 10)"  # naive UTC text; dates are ISO text

    def month_of_date(self, column: str) -> str:
        return f"substr({column}, 1, 7)"  # dates are stored as ISO text
