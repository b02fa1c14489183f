"""Team mode: owners, sharing, ownership history, duplicate keys, stable UUIDs, updated_by.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29

Every customer gets an owner (a PostgreSQL role name; None is the shared pool 公海) and the
time it was taken; ``credit_code`` (统一社会信用代码), ``name_key`` and ``phone_keys`` find
the same customer entered twice (``crmtui.db.dedupe_keys``; filled here for existing rows).
Customers, contacts, activities, opportunities and notes get a stable ``uuid`` and
``updated_by``. Two new tables: ``customer_share`` and ``ownership_change``, both watched by
the change counter. Plain ADD COLUMNs only: no table is rebuilt, so every trigger stays.

Row-level security, roles and grants are not made here but by ``crm team init``: they name
server roles, which belong to the cluster, not to the schema.
"""

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from crmtui.db.dedupe_keys import name_key, phone_key
from crmtui.db.dialects import change_triggers

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

RECORDS = ("customer", "contact", "activity", "opportunity", "note")
NEW_TABLES = ("customer_share", "ownership_change")
# A random version-4 UUID in SQLite's SQL (no uuid function there).
SQLITE_UUID = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "
    "substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
    "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
)
PG_STAMP = (
    "CREATE OR REPLACE FUNCTION crm_stamp_updated_by() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN NEW.updated_by := current_user; RETURN NEW; END $$"
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # Filling the new columns is no change to anyone's data: the counter stays where it was.
    counter = op.get_bind().execute(sa.text("SELECT value FROM change_counter WHERE id = 1"))
    before = counter.scalar_one()
    for table in RECORDS:
        if sqlite:
            op.add_column(table, sa.Column("uuid", sa.String(length=36), nullable=True))
            op.execute(f"UPDATE {table} SET uuid = {SQLITE_UUID}")
            # Rows inserted by plain SQL (bulk loads) get one too.
            op.execute(
                f'CREATE TRIGGER "{table}_uuid" AFTER INSERT ON "{table}" '
                f"WHEN new.uuid IS NULL BEGIN UPDATE {table} SET uuid = {SQLITE_UUID} "
                "WHERE id = new.id; END"
            )
        else:
            op.add_column(
                table,
                sa.Column(
                    "uuid",
                    sa.String(length=36),
                    nullable=True,
                    server_default=sa.text("gen_random_uuid()::text"),
                ),
            )
        op.add_column(table, sa.Column("updated_by", sa.String(length=63), nullable=True))
        op.create_index(f"ix_{table}_uuid", table, ["uuid"], unique=True)
        if not sqlite:
            op.execute(PG_STAMP)
            op.execute(
                f'CREATE TRIGGER "{table}_updated_by" BEFORE INSERT OR UPDATE ON "{table}" '
                "FOR EACH ROW EXECUTE FUNCTION crm_stamp_updated_by()"
            )

    op.add_column("customer", sa.Column("owner", sa.String(length=63), nullable=True))
    op.add_column("customer", sa.Column("owned_since", sa.DateTime(timezone=True), nullable=True))
    op.add_column("customer", sa.Column("credit_code", sa.String(length=32), nullable=True))
    op.add_column("customer", sa.Column("name_key", sa.String(), nullable=False, server_default=""))
    op.add_column(
        "customer", sa.Column("phone_keys", sa.String(), nullable=False, server_default="")
    )
    op.create_index("ix_customer_owner", "customer", ["owner"])
    op.create_index("ix_customer_credit_code", "customer", ["credit_code"])
    op.create_index("ix_customer_name_key", "customer", ["name_key"])
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name, company_name, phones FROM customer")).fetchall()
    if rows:
        conn.execute(
            sa.text("UPDATE customer SET name_key = :name, phone_keys = :phones WHERE id = :id"),
            [
                {
                    "id": r[0],
                    "name": name_key(r[2] or r[1]),
                    "phones": phone_keys(r[3]),
                }
                for r in rows
            ],
        )

    op.create_table(
        "customer_share",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=63), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_customer_share_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", "username", name=op.f("pk_customer_share")),
    )
    op.create_table(
        "ownership_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("from_owner", sa.String(length=63), nullable=True),
        sa.Column("to_owner", sa.String(length=63), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=63), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_ownership_change_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ownership_change")),
    )
    op.create_index(op.f("ix_ownership_change_customer_id"), "ownership_change", ["customer_id"])
    for statement in change_triggers(op.get_bind().dialect.name, NEW_TABLES):
        op.execute(statement)
    op.execute(sa.text(f"UPDATE change_counter SET value = {int(before)} WHERE id = 1"))


def phone_keys(phones: Any) -> str:
    """The keys of a stored phone list, space-separated with a space at each end."""
    values = json.loads(phones) if isinstance(phones, str) else (phones or [])
    keys = [phone_key(str(p)) for p in values]
    return " " + " ".join(k for k in keys if k) + " " if any(keys) else ""


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in NEW_TABLES:
        op.drop_table(table)
    for index in ("ix_customer_name_key", "ix_customer_credit_code", "ix_customer_owner"):
        op.drop_index(index, table_name="customer")
    for column in ("phone_keys", "name_key", "credit_code", "owned_since", "owner"):
        op.drop_column("customer", column)
    for table in RECORDS:
        if sqlite:
            op.execute(f'DROP TRIGGER IF EXISTS "{table}_uuid"')
        else:
            op.execute(f'DROP TRIGGER IF EXISTS "{table}_updated_by" ON "{table}"')
        op.drop_index(f"ix_{table}_uuid", table_name=table)
        op.drop_column(table, "updated_by")
        op.drop_column(table, "uuid")
    if not sqlite:
        op.execute("DROP FUNCTION IF EXISTS crm_stamp_updated_by()")
