"""After the sale: complaints and their steps, service plans and records, satisfaction ratings,
referrals.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29

New tables only: no existing table is rebuilt, so no row of an older database is touched. Each
new table moves the change counter like the tables of 0006 (the TUI refreshes on their writes).
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

from crmtui.db.dialects import change_triggers

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Frozen here: the tables this migration adds, watched by the change counter.
WATCHED = (
    "complaint",
    "complaint_step",
    "service_plan",
    "service_record",
    "satisfaction",
    "referral",
)


def _stamps() -> list[sa.Column[Any]]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _customer(table: str, column: str = "customer_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        ["customer.id"],
        name=op.f(f"fk_{table}_{column}_customer"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "referral",
        *_stamps(),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("referrer_id", sa.Integer(), nullable=False),
        _customer("referral"),
        _customer("referral", "referrer_id"),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_referral")),
    )
    op.create_index(op.f("ix_referral_referrer_id"), "referral", ["referrer_id"])
    op.create_table(
        "satisfaction",
        *_stamps(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("previous", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=20000), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _customer("satisfaction"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfaction")),
    )
    op.create_index("ix_satisfaction_at", "satisfaction", ["at"])
    op.create_index(op.f("ix_satisfaction_customer_id"), "satisfaction", ["customer_id"])
    op.create_table(
        "service_plan",
        *_stamps(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("every", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=1), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("product", sa.String(length=200), nullable=True),
        sa.Column("note", sa.String(length=20000), nullable=True),
        _customer("service_plan"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_plan")),
    )
    op.create_index(op.f("ix_service_plan_customer_id"), "service_plan", ["customer_id"])
    op.create_index("ix_service_plan_due", "service_plan", ["active", "next_due"])
    op.create_table(
        "complaint",
        *_stamps(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("severity", sa.String(length=20), nullable=False),
        sa.Column("said", sa.String(length=20000), nullable=False),
        sa.Column("promised_by", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_complaint_contact_id_contact"),
            ondelete="SET NULL",
        ),
        _customer("complaint"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint")),
    )
    op.create_index(op.f("ix_complaint_contact_id"), "complaint", ["contact_id"])
    op.create_index(op.f("ix_complaint_customer_id"), "complaint", ["customer_id"])
    op.create_index("ix_complaint_open", "complaint", ["closed_at", "severity"])
    op.create_index("ix_complaint_received", "complaint", ["received_at"])
    op.create_table(
        "service_record",
        *_stamps(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("done_by", sa.String(length=200), nullable=True),
        sa.Column("work", sa.String(length=20000), nullable=True),
        sa.Column("parts", sa.String(length=20000), nullable=True),
        sa.Column("cost", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        _customer("service_record"),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["service_plan.id"],
            name=op.f("fk_service_record_plan_id_service_plan"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_record")),
    )
    op.create_index(op.f("ix_service_record_customer_id"), "service_record", ["customer_id"])
    op.create_index("ix_service_record_done", "service_record", ["done_on"])
    op.create_index(op.f("ix_service_record_plan_id"), "service_record", ["plan_id"])
    op.create_table(
        "complaint_step",
        *_stamps(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.String(length=20000), nullable=True),
        sa.Column("by_date", sa.Date(), nullable=True),
        sa.Column("satisfaction", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaint.id"],
            name=op.f("fk_complaint_step_complaint_id_complaint"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_step")),
    )
    op.create_index(op.f("ix_complaint_step_complaint_id"), "complaint_step", ["complaint_id"])
    # PostgreSQL gets the triggers of these tables in 0015 (none of its databases had them).
    if op.get_bind().dialect.name == "sqlite":
        for statement in change_triggers("sqlite", WATCHED):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in change_triggers("sqlite", WATCHED, create=False):
            op.execute(statement)
    # children before their parents: a server database enforces the foreign keys on DROP
    for table in (
        "complaint_step",
        "service_record",
        "service_plan",
        "satisfaction",
        "referral",
        "complaint",
    ):
        op.drop_table(table)
