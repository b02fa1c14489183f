"""The database layer: engine and connection setup, tables, migrations and the lean read path."""
