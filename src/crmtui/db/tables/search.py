"""The search_doc table: the text search looks in, one row per customer or contact."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from crmtui.db.tables.base import foreign_key


class SearchDoc(SQLModel, table=True):
    """One row per customer or contact: the text that search looks in (kept by the services)."""

    __tablename__ = "search_doc"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(sa_column=foreign_key("customer.id"))
    contact_id: int | None = Field(default=None, sa_column=foreign_key("contact.id", nullable=True))
    text: str = ""
