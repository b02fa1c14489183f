"""Alembic environment: runs on the connection crmtui hands over, never from a URL in a file.

The connection comes with foreign keys OFF (set before any transaction, where SQLite honours
it), so batch migrations that copy and recreate a table cannot cascade-delete child rows. After
the upgrade, ``PRAGMA foreign_key_check`` proves nothing was orphaned.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from crmtui.db import tables  # noqa: F401  (registers the tables)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
if connection.dialect.name == "sqlite":
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration left {len(broken)} rows without their parent")
