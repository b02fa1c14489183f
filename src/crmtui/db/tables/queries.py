"""The saved_query table: named custom queries (自定义查询) a user saves and runs again."""

from __future__ import annotations

from sqlmodel import Field

from crmtui.db.constants import NAME_MAX
from crmtui.db.tables.base import Timestamps


class SavedQuery(Timestamps, table=True):
    """A query by name: its text in the query language and the columns a table shows."""

    __tablename__ = "saved_query"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(min_length=1, max_length=NAME_MAX, unique=True)
    query: str = Field(max_length=2000)
    columns: str | None = Field(default=None, max_length=1000)  # comma-separated, or default
    pinned: bool = False  # shown as a desktop panel
    # what it runs over: customers, contacts, opportunities, orders or activities (0017)
    target: str = Field(
        default="customers", max_length=20, sa_column_kwargs={"server_default": "customers"}
    )
    # the role that saved it, stamped by PostgreSQL in team mode (0015); empty on SQLite
    owner: str | None = Field(default=None, max_length=63)
