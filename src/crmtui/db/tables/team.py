"""Team mode tables: customers shared with other salespeople, and every change of owner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer, String
from sqlmodel import Field, SQLModel

from crmtui.db.tables.base import foreign_key


class CustomerShare(SQLModel, table=True):
    """``username`` may see and change ``customer_id`` although someone else owns it."""

    __tablename__ = "customer_share"
    customer_id: int = Field(
        sa_column=Column(Integer, ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    )
    username: str = Field(sa_column=Column(String(63), primary_key=True))


class OwnershipChange(SQLModel, table=True):
    """人走客不走: a customer moved from one salesperson to another (or claimed from the pool)."""

    __tablename__ = "ownership_change"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    from_owner: str | None = Field(default=None, max_length=63)
    to_owner: str | None = Field(default=None, max_length=63)
    at: datetime
    by: str = Field(max_length=63)
