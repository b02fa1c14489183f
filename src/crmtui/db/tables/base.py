"""What every table module shares: the constraint naming convention and common column groups.

Conventions: instants are naive UTC datetimes (see ``crmtui.clock``); money is integer minor
units (cents/fen); enumerations are short lower-case strings checked by the services; every table
has ``created_at`` and ``updated_at``. Customers and contacts are soft-deleted (``deleted_at``).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, text
from sqlmodel import Field, SQLModel

# Named constraints, so SQLite batch migrations can find and recreate them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Index(**LIVE): dialect keyword arguments, which Index takes as **dialect_kw: Any
LIVE: dict[str, Any] = {
    "sqlite_where": text("deleted_at IS NULL"),
    "postgresql_where": text("deleted_at IS NULL"),
}


def foreign_key(target: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Column[int]:
    """An indexed integer column referring to ``target`` (``"table.id"``)."""
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


class Timestamps(SQLModel):
    created_at: datetime
    updated_at: datetime


def new_uuid() -> str:
    return str(uuid.uuid4())


class Synced(SQLModel):
    """What a later sync between databases needs (migration 0011): a stable id that survives
    export and import, and who changed the record last (a PostgreSQL trigger sets it from the
    connected role; on SQLite the session does, from the local user name)."""

    uuid: str | None = Field(default_factory=new_uuid, max_length=36, index=True, unique=True)
    updated_by: str | None = Field(default=None, max_length=63)


class BirthdayFields(SQLModel):
    """Month and day are required for a birthday; the year is optional; lunar is 农历."""

    birthday_month: int | None = Field(default=None, ge=1, le=12)
    birthday_day: int | None = Field(default=None, ge=1, le=31)
    birthday_year: int | None = Field(default=None, ge=1900, le=2100)
    birthday_lunar: bool = False
    # MMDD of the solar birthday (or of the lunar month/day when lunar): indexable look-ups.
    birthday_key: int | None = Field(default=None, index=True)
