"""PostgreSQL aggregates."""

from __future__ import annotations


class PostgresAggregates:
    def joined(self, expression: str, separator: str = ",") -> str:
        quoted = separator.replace("'", "''")
        return f"string_agg({expression}, '{quoted}')"

    def utc_hour(self, column: str) -> str:
        return f"to_char({column}, 'YYYY-MM-DD HH24')"  # timestamps without zone, in UTC

    def utc_day(self, column: str) -> str:
        # whatever the session's TimeZone: the day of the instant in UTC, as SQLite has it
        return f"CAST({column} AT TIME ZONE 'UTC' AS date)"

    def month_of_date(self, column: str) -> str:
        return f"to_char({column}, 'YYYY-MM')"
