"""Team mode for the tables added after it: the change counter and row-level security on
PostgreSQL, and an owner for the personal ones.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30

The money, after-sale and office tables (0007-0010) made their change-counter triggers on
SQLite only; here every one of them gets PostgreSQL's statement trigger (dropped first, so a
server database that has it already is unharmed). ``expense_claim`` and ``saved_query`` are
a salesperson's own: they get an ``owner`` column, which PostgreSQL stamps with the role that
inserts the row (SQLite, one user, leaves it empty). When the database is already a team
database (``crm team init`` ran), the new tables' policies are installed as well; ``crm team
init`` installs them on any other. Plain ADD COLUMNs: no table is rebuilt, no row changes,
and the change counter stays where it was.
"""

import sqlalchemy as sa
from alembic import op

from crmtui.db.dialects import change_triggers

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# Frozen here: the tables 0007-0010 added, all watched by the change counter.
TABLES = (
    "product",
    "credit_review",
    "payment",
    "sales_order",
    "order_line",
    "payment_allocation",
    "complaint",
    "complaint_step",
    "service_plan",
    "service_record",
    "satisfaction",
    "referral",
    "announcement",
    "competitor",
    "event",
    "expense_claim",
    "event_invitee",
    "expense_line",
    "opportunity_competitor",
    "saved_query",
)
PERSONAL = ("expense_claim", "saved_query")
PG_STAMP_OWNER = (
    "CREATE OR REPLACE FUNCTION crm_stamp_owner() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN NEW.owner := coalesce(NEW.owner, current_user); RETURN NEW; END $$"
)
TEAM_READY = (
    "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'crm_sales') AND "
    "to_regprocedure('crm_can_see(integer)') IS NOT NULL"
)


def upgrade() -> None:
    bind = op.get_bind()
    for table in PERSONAL:
        op.add_column(table, sa.Column("owner", sa.String(length=63), nullable=True))
    if bind.dialect.name != "postgresql":
        return
    before = bind.execute(sa.text("SELECT value FROM change_counter WHERE id = 1")).scalar_one()
    for statement in change_triggers(bind.dialect.name, TABLES, replace=True):
        op.execute(statement)
    op.execute(PG_STAMP_OWNER)
    for table in PERSONAL:
        op.execute(
            f'CREATE TRIGGER "{table}_owner" BEFORE INSERT ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION crm_stamp_owner()"
        )
    # Saved queries are each salesperson's own: two may both save one called "mine". (SQLite,
    # one user, keeps the one-name constraint: changing it there would rebuild the table.)
    op.drop_constraint("uq_saved_query_name", "saved_query", type_="unique")
    op.execute(
        "CREATE UNIQUE INDEX uq_saved_query_owner_name ON saved_query (coalesce(owner, ''), name)"
    )
    if bind.execute(sa.text(TEAM_READY)).scalar_one():
        from crmtui.db.dialects.postgres.team import later_policies

        for statement in later_policies():
            op.execute(statement)
    op.execute(sa.text(f"UPDATE change_counter SET value = {int(before)} WHERE id = 1"))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP POLICY IF EXISTS crm_team ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for table in PERSONAL:
            op.execute(f'DROP TRIGGER IF EXISTS "{table}_owner" ON "{table}"')
        op.execute("DROP FUNCTION IF EXISTS crm_stamp_owner()")
        op.execute("DROP INDEX IF EXISTS uq_saved_query_owner_name")
        op.create_unique_constraint("uq_saved_query_name", "saved_query", ["name"])
        for statement in change_triggers(bind.dialect.name, TABLES, create=False):
            op.execute(statement)
    for table in PERSONAL:
        op.drop_column(table, "owner")
