"""A change counter in the database: live refresh that sees every writer, on any backend.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

The TUI learned of other processes' writes from SQLite's ``PRAGMA data_version``, which no
server database has. Now one row, ``change_counter(id = 1, value)``, moves on every insert,
update and delete of a user table, kept by triggers so that bulk imports, the demo loader and
other processes are seen as well as the app's own sessions. No existing row is touched.

Later migrations that rebuild a watched table (a batch copy-and-rename) must recreate its
triggers: ``crmtui.db.dialects`` holds the statements.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Frozen here (the live list may grow with later migrations): the tables 0006 watches.
WATCHED = (
    "customer",
    "contact",
    "activity",
    "opportunity",
    "tag",
    "customertag",
    "note",
    "timeslot",
    "change",
    "search_doc",
    "summary_note",
)
BUMP = "UPDATE change_counter SET value = value + 1 WHERE id = 1"
EVENTS = {"ai": "INSERT", "au": "UPDATE", "ad": "DELETE"}
PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION crm_bump_change_counter() RETURNS trigger LANGUAGE plpgsql "
    f"SECURITY DEFINER SET search_path = public AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
)


def upgrade() -> None:
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_counter")),
    )
    op.execute("INSERT INTO change_counter (id, value) VALUES (1, 0)")
    if op.get_bind().dialect.name == "sqlite":
        for table in WATCHED:
            for suffix, event in EVENTS.items():
                op.execute(
                    f'CREATE TRIGGER "change_counter_{table}_{suffix}" AFTER {event} '
                    f'ON "{table}" BEGIN {BUMP}; END'
                )
    elif op.get_bind().dialect.name == "postgresql":
        # One statement trigger per table; the function is made once (no PostgreSQL database
        # could reach this revision before team mode, so none lacks these triggers).
        op.execute(PG_FUNCTION)
        for table in WATCHED:
            op.execute(
                f'CREATE TRIGGER "change_counter_{table}" AFTER INSERT OR UPDATE OR DELETE '
                f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION crm_bump_change_counter()'
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in WATCHED:
            for suffix in EVENTS:
                op.execute(f'DROP TRIGGER IF EXISTS "change_counter_{table}_{suffix}"')
    elif op.get_bind().dialect.name == "postgresql":
        for table in WATCHED:
            op.execute(f'DROP TRIGGER IF EXISTS "change_counter_{table}" ON "{table}"')
        op.execute("DROP FUNCTION IF EXISTS crm_bump_change_counter()")
    op.drop_table("change_counter")
