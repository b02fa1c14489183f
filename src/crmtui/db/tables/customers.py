"""Customer tables: the customer itself, its tags and the tag links."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Index, Integer, text
from sqlmodel import Field, SQLModel

from crmtui.db.constants import NAME_MAX, TEXT_MAX
from crmtui.db.tables.base import LIVE, BirthdayFields, Synced, Timestamps


class CustomerBase(BirthdayFields):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    is_person: bool = False
    company_name: str | None = Field(default=None, max_length=NAME_MAX)
    stage: str = "potential"
    grade: str | None = None
    man_money: str = "unknown"
    man_authority: str = "unknown"
    man_need: str = "unknown"
    industry: str | None = Field(default=None, max_length=NAME_MAX)
    source: str | None = Field(default=None, max_length=NAME_MAX)
    motive: str | None = None
    address: str | None = Field(default=None, max_length=1000)
    city: str | None = Field(default=None, max_length=NAME_MAX)
    country: str | None = Field(default=None, max_length=2)
    timezone: str | None = Field(default=None, max_length=64)
    email: str | None = Field(default=None, max_length=320)
    website: str | None = Field(default=None, max_length=1000)
    personality: str | None = Field(default=None, max_length=TEXT_MAX)
    needs: str | None = Field(default=None, max_length=TEXT_MAX)
    preferences: str | None = Field(default=None, max_length=TEXT_MAX)
    notes: str | None = Field(default=None, max_length=TEXT_MAX)
    credit_limit: int | None = Field(default=None, ge=0)
    credit_days: int | None = Field(default=None, ge=0)
    credit_rating: str | None = Field(default=None, max_length=20)
    credit_rated_on: date | None = None
    satisfaction: int | None = Field(default=None, ge=1, le=5)


class Customer(CustomerBase, Timestamps, Synced, table=True):
    __table_args__ = (
        # Partial indexes over live rows: a trashed customer costs nothing, and SQLite cannot
        # mistake "deleted_at IS NULL" (true of almost every row) for a selective condition.
        Index("ix_customer_name_live", text("name COLLATE NOCASE"), "id", **LIVE),
        Index("ix_customer_updated_live", "updated_at", **LIVE),
        Index("ix_customer_sort_live", "sort_key", "id", **LIVE),
        Index("ix_customer_created", "created_at"),
        # the planner's credit-review touch: customers rated six months ago or more (0007)
        Index("ix_customer_credit_rated", "credit_rated_on"),
        # the 80/20 suggestion and the reports count grades without reading whole rows (0010)
        # (grade_locked first, so that a list filtered by grade keeps walking its sort order)
        Index("ix_customer_grade_live", "grade_locked", "grade", **LIVE),
        # the few customers in the trash, left out of the receivables' sums (0016)
        Index(
            "ix_customer_trashed",
            "deleted_at",
            sqlite_where=text("deleted_at IS NOT NULL"),
            postgresql_where=text("deleted_at IS NOT NULL"),
        ),
        CheckConstraint(
            "stage IN ('potential', 'prospect', 'customer', 'dormant', 'lost')", name="stage"
        ),
        CheckConstraint("grade IS NULL OR grade IN ('A', 'B', 'C')", name="grade"),
    )
    id: int | None = Field(default=None, primary_key=True)
    phones: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Full pinyin and initials of the name and company, for search.
    pinyin: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # The name as --sort name orders it (Chinese as pinyin): services.common.names.sort_key.
    sort_key: str = Field(default="", sa_column_kwargs={"server_default": ""})
    last_contact_at: datetime | None = Field(default=None, index=True)
    deleted_at: datetime | None = None
    # A grade set by hand with --lock: the 80/20 suggestion never changes it (migration 0010).
    grade_locked: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # Team mode (0011): whose customer this is (a PostgreSQL role name; None = nobody's, the
    # shared pool 公海) and since when; the keys that find the same customer entered twice.
    owner: str | None = Field(default=None, max_length=63, index=True)
    owned_since: datetime | None = None
    credit_code: str | None = Field(default=None, max_length=32, index=True)
    name_key: str = Field(default="", sa_column_kwargs={"server_default": ""}, index=True)
    phone_keys: str = Field(default="", sa_column_kwargs={"server_default": ""})


class Tag(Timestamps, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)


class CustomerTag(SQLModel, table=True):
    customer_id: int = Field(
        sa_column=Column(Integer, ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True)
    )
    tag_id: int = Field(
        sa_column=Column(Integer, ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True)
    )
