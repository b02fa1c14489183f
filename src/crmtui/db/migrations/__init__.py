"""Alembic migrations. Run automatically by ``crmtui.db.engine.open_database``."""
