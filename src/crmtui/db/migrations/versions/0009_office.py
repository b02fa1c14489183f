"""The rest of the office: marketing events, expense claims, competitors and announcements.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29

New tables only; no existing row is touched. Each new table joins the change counter (0006), so
the TUI sees writes to them from other processes.
"""

import sqlalchemy as sa
from alembic import op

from crmtui.db.dialects import change_triggers

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Frozen here: the tables this revision adds, in an order where parents come first.
TABLES = (
    "announcement",
    "competitor",
    "event",
    "expense_claim",
    "event_invitee",
    "expense_line",
    "opportunity_competitor",
)


def upgrade() -> None:
    op.create_table(
        "announcement",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.String(length=20000), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcement")),
    )
    op.create_index(
        "ix_announcement_pinned", "announcement", ["pinned", "updated_at"], unique=False
    )
    op.create_table(
        "competitor",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("products", sa.String(length=20000), nullable=True),
        sa.Column("price_level", sa.String(), nullable=True),
        sa.Column("strengths", sa.String(length=20000), nullable=True),
        sa.Column("weaknesses", sa.String(length=20000), nullable=True),
        sa.Column("notes", sa.String(length=20000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competitor")),
        sa.UniqueConstraint("name", name=op.f("uq_competitor_name")),
    )
    op.create_table(
        "event",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("budget", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("partners", sa.String(length=20000), nullable=True),
        sa.Column("notes", sa.String(length=20000), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('planning', 'open', 'held', 'closed', 'cancelled')",
            name=op.f("ck_event_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    op.create_index("ix_event_starts", "event", ["starts_on"], unique=False)
    op.create_table(
        "expense_claim",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("reject_reason", sa.String(length=20000), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reimbursed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'rejected', 'reimbursed')",
            name=op.f("ck_expense_claim_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expense_claim")),
    )
    op.create_index(
        "ix_expense_claim_status", "expense_claim", ["status", "updated_at"], unique=False
    )
    op.create_table(
        "event_invitee",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.Column("lead", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "status IN ('invited', 'registered', 'declined')", name=op.f("ck_event_invitee_status")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_event_invitee_contact_id_contact"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_event_invitee_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_invitee_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_invitee")),
    )
    op.create_index(
        op.f("ix_event_invitee_contact_id"), "event_invitee", ["contact_id"], unique=False
    )
    op.create_index(
        op.f("ix_event_invitee_customer_id"), "event_invitee", ["customer_id"], unique=False
    )
    op.create_index(op.f("ix_event_invitee_event_id"), "event_invitee", ["event_id"], unique=False)
    op.create_table(
        "expense_line",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("receipt", sa.String(length=1000), nullable=True),
        sa.Column("note", sa.String(length=20000), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("opportunity_id", sa.Integer(), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["expense_claim.id"],
            name=op.f("fk_expense_line_claim_id_expense_claim"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_expense_line_customer_id_customer"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_expense_line_event_id_event"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_expense_line_opportunity_id_opportunity"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expense_line")),
    )
    op.create_index(op.f("ix_expense_line_claim_id"), "expense_line", ["claim_id"], unique=False)
    op.create_index(
        op.f("ix_expense_line_customer_id"), "expense_line", ["customer_id"], unique=False
    )
    op.create_index(op.f("ix_expense_line_event_id"), "expense_line", ["event_id"], unique=False)
    op.create_index(
        op.f("ix_expense_line_opportunity_id"), "expense_line", ["opportunity_id"], unique=False
    )
    op.create_index("ix_expense_line_spent", "expense_line", ["spent_on"], unique=False)
    op.create_table(
        "opportunity_competitor",
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("competitor_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('competing', 'lost-to')", name=op.f("ck_opportunity_competitor_role")
        ),
        sa.ForeignKeyConstraint(
            ["competitor_id"],
            ["competitor.id"],
            name=op.f("fk_opportunity_competitor_competitor_id_competitor"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunity.id"],
            name=op.f("fk_opportunity_competitor_opportunity_id_opportunity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "opportunity_id", "competitor_id", name=op.f("pk_opportunity_competitor")
        ),
    )
    op.create_index(
        op.f("ix_opportunity_competitor_competitor_id"),
        "opportunity_competitor",
        ["competitor_id"],
        unique=False,
    )
    # PostgreSQL gets the triggers of these tables in 0015 (none of its databases had them).
    if op.get_bind().dialect.name == "sqlite":
        for statement in change_triggers("sqlite", TABLES):
            op.execute(statement)


def downgrade() -> None:
    for table in reversed(TABLES):
        if op.get_bind().dialect.name == "sqlite":
            for statement in change_triggers("sqlite", [table], create=False):
                op.execute(statement)
        op.drop_table(table)
