"""The reflection note kept with a weekly or monthly summary (工作总结).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

A new table only: no existing table is rebuilt, so no row of an older database is touched.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "summary_note",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("body", sa.String(length=20000), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_summary_note")),
        sa.UniqueConstraint("period", name=op.f("uq_summary_note_period")),
    )


def downgrade() -> None:
    op.drop_table("summary_note")
