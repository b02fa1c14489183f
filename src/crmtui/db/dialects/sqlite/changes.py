"""SQLite change counter: three row triggers per watched table.

SQLite has no statement triggers, so a bulk statement bumps the counter once per row; that is
one in-page update each, cheap next to the row itself (measured on ``crm demo --size 20000``).
"""

from __future__ import annotations

_EVENTS = {"ai": "INSERT", "au": "UPDATE", "ad": "DELETE"}
BUMP = "UPDATE change_counter SET value = value + 1 WHERE id = 1"


class SqliteChanges:
    def create_triggers(self, table: str) -> list[str]:
        return [
            f'CREATE TRIGGER "change_counter_{table}_{suffix}" AFTER {event} ON "{table}" '
            f"BEGIN {BUMP}; END"
            for suffix, event in _EVENTS.items()
        ]

    def drop_triggers(self, table: str) -> list[str]:
        return [f'DROP TRIGGER IF EXISTS "change_counter_{table}_{suffix}"' for suffix in _EVENTS]

    def bump(self) -> str:
        return BUMP
