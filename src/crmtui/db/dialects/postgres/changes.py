"""PostgreSQL change counter: one function, one statement-level trigger per watched table.

A statement trigger moves the counter once per INSERT/UPDATE/DELETE statement, however many rows
it touched. The function is ``SECURITY DEFINER`` so that in team mode a salesperson's role, which
may not write ``change_counter`` itself, still moves it through any table it may write.
"""

from __future__ import annotations

FUNCTION = "crm_bump_change_counter"
BUMP = "UPDATE change_counter SET value = value + 1 WHERE id = 1"
CREATE_FUNCTION = (
    f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql "
    f"SECURITY DEFINER SET search_path = public AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
)
DROP_FUNCTION = f"DROP FUNCTION IF EXISTS {FUNCTION}()"


class PostgresChanges:
    def create_triggers(self, table: str) -> list[str]:
        return [
            CREATE_FUNCTION,
            f'CREATE TRIGGER "change_counter_{table}" AFTER INSERT OR UPDATE OR DELETE '
            f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()',
        ]

    def drop_triggers(self, table: str) -> list[str]:
        return [f'DROP TRIGGER IF EXISTS "change_counter_{table}" ON "{table}"']

    def bump(self) -> str:
        return BUMP
