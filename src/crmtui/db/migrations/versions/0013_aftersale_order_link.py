"""After the sale, linked to the money module: a complaint or a service plan may name an order.

Revision ID: 0013
Revises: 0011
Create Date: 2026-11-29

A nullable ``order_id`` on each, referring to ``sales_order`` (deleting an order leaves the
complaint or plan without it). SQLite rebuilds the two tables (a batch copy keeping every row),
so their change-counter triggers are made again here.
"""

import sqlalchemy as sa
from alembic import op

from crmtui.db.dialects import change_triggers

revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = ("complaint", "service_plan")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        # SQLite cannot add a named constraint to a table: the batch copies it with the new
        # column and its reference, then the table's change-counter triggers are made again
        with op.batch_alter_table(table, recreate="auto") as batch:
            batch.add_column(sa.Column("order_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(
                f"fk_{table}_order_id_sales_order",
                "sales_order",
                ["order_id"],
                ["id"],
                ondelete="SET NULL",
            )
            batch.create_index(f"ix_{table}_order_id", ["order_id"])
        if sqlite:
            for statement in change_triggers("sqlite", [table], replace=True):
                op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        with op.batch_alter_table(table, recreate="auto") as batch:
            batch.drop_index(f"ix_{table}_order_id")
            batch.drop_constraint(f"fk_{table}_order_id_sales_order", type_="foreignkey")
            batch.drop_column("order_id")
        if sqlite:
            for statement in change_triggers("sqlite", [table], replace=True):
                op.execute(statement)
