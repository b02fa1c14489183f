"""Expense claims (费用报销) and their lines."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field

from crmtui.db.constants import NAME_MAX, TEXT_MAX
from crmtui.db.tables.base import Timestamps, foreign_key


class ExpenseClaim(Timestamps, table=True):
    """One claim: draft → submitted → approved | rejected → reimbursed (approved ones only)."""

    __tablename__ = "expense_claim"
    __table_args__ = (
        Index("ix_expense_claim_status", "status", "updated_at"),
        CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'rejected', 'reimbursed')",
            name="status",
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    title: str | None = Field(default=None, max_length=NAME_MAX)
    status: str = "draft"
    reject_reason: str | None = Field(default=None, max_length=TEXT_MAX)
    submitted_at: datetime | None = None
    decided_at: datetime | None = None
    reimbursed_at: datetime | None = None
    # the role that made it, stamped by PostgreSQL in team mode (0015); empty on SQLite
    owner: str | None = Field(default=None, max_length=63)


class ExpenseLine(Timestamps, table=True):
    """What was spent, on what day, for which customer, opportunity or event."""

    __tablename__ = "expense_line"
    __table_args__ = (Index("ix_expense_line_spent", "spent_on"),)
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(sa_column=foreign_key("expense_claim.id"))
    spent_on: date
    category: str = "other"
    amount: int = Field(default=0, ge=0)  # minor units
    currency: str = "CNY"
    receipt: str | None = Field(default=None, max_length=1000)
    note: str | None = Field(default=None, max_length=TEXT_MAX)
    customer_id: int | None = Field(
        default=None, sa_column=foreign_key("customer.id", nullable=True, ondelete="SET NULL")
    )
    opportunity_id: int | None = Field(
        default=None, sa_column=foreign_key("opportunity.id", nullable=True, ondelete="SET NULL")
    )
    event_id: int | None = Field(
        default=None, sa_column=foreign_key("event.id", nullable=True, ondelete="SET NULL")
    )
