"""The change counter: one row whose value moves whenever any user table is written.

Triggers keep it (migration 0006), so every writer is seen: the app's own sessions, bulk
imports, the demo loader and other processes alike. The TUI polls it for live refresh through
``crmtui.db.dialects`` (reading one integer works on any backend, unlike SQLite's
``PRAGMA data_version``).
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class ChangeCounter(SQLModel, table=True):
    __tablename__ = "change_counter"
    id: int = Field(primary_key=True)  # always 1
    value: int = 0
