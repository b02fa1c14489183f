"""The contact table: people at a customer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field

from crmtui.db.constants import NAME_MAX, TEXT_MAX
from crmtui.db.tables.base import LIVE, BirthdayFields, Synced, Timestamps, foreign_key


class ContactBase(BirthdayFields):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    role: str | None = Field(default=None, max_length=NAME_MAX)
    decision_maker: bool = False
    email: str | None = Field(default=None, max_length=320)
    timezone: str | None = Field(default=None, max_length=64)
    notes: str | None = Field(default=None, max_length=TEXT_MAX)


class Contact(ContactBase, Timestamps, Synced, table=True):
    __table_args__ = (Index("ix_contact_updated_live", "updated_at", **LIVE),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    phones: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    pinyin: str = Field(default="", sa_column_kwargs={"server_default": ""})
    deleted_at: datetime | None = None
