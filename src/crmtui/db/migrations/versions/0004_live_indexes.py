"""Partial indexes over live (not trashed) rows, and an index for one- and two-letter searches.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

The (deleted_at, ...) indexes are replaced by indexes restricted to live rows: SQLite chose the
old ones for "deleted_at IS NULL" and read every row. For searches of one or two characters
(张伟, zw) the trigram index is reached through its vocabulary (``search_vocab``): the trigrams
that start with the term. The search text gets two trailing spaces so that a term at its very
end still starts a trigram.
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_customer_live_updated", table_name="customer")
    op.drop_index("ix_customer_live_name", table_name="customer")
    op.drop_index("ix_contact_live_updated", table_name="contact")
    sqlite = op.get_bind().dialect.name == "sqlite"
    name_key = "name COLLATE NOCASE" if sqlite else "lower(name)"
    op.execute(
        f"CREATE INDEX ix_customer_name_live ON customer ({name_key}, id) WHERE deleted_at IS NULL"
    )
    op.execute(
        "CREATE INDEX ix_customer_updated_live ON customer (updated_at) WHERE deleted_at IS NULL"
    )
    op.execute(
        "CREATE INDEX ix_contact_updated_live ON contact (updated_at) WHERE deleted_at IS NULL"
    )
    if sqlite:
        op.execute("UPDATE search_doc SET text = text || '  ' WHERE text NOT LIKE '%  '")
        op.execute("CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, row)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_vocab")
    op.drop_index("ix_contact_updated_live", table_name="contact")
    op.drop_index("ix_customer_updated_live", table_name="customer")
    op.drop_index("ix_customer_name_live", table_name="customer")
    op.create_index("ix_customer_live_updated", "customer", ["deleted_at", "updated_at"])
    op.create_index("ix_customer_live_name", "customer", ["deleted_at", "name"])
    op.create_index("ix_contact_live_updated", "contact", ["deleted_at", "updated_at"])
