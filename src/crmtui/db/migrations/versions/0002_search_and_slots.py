"""Search index, pinyin, calling windows, change history and value checks on customers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

The customer table is rebuilt (SQLite cannot add CHECK constraints in place). The migration
runs with foreign keys off, so rebuilding it cannot cascade-delete contacts or activities.
"""

from typing import Literal

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STAGE_CHECK = "stage IN ('potential', 'prospect', 'customer', 'dormant', 'lost')"
GRADE_CHECK = "grade IS NULL OR grade IN ('A', 'B', 'C')"


def _rebuild() -> Literal["always", "auto"]:
    """SQLite rebuilds the table to add check constraints; a server database alters it."""
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def upgrade() -> None:
    with op.batch_alter_table("customer", recreate=_rebuild()) as batch_op:
        batch_op.add_column(sa.Column("pinyin", sa.String(), nullable=False, server_default=""))
        batch_op.create_check_constraint("stage", STAGE_CHECK)
        batch_op.create_check_constraint("grade", GRADE_CHECK)
        batch_op.create_index("ix_customer_created", ["created_at"])
    with op.batch_alter_table("contact") as batch_op:
        batch_op.add_column(sa.Column("pinyin", sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("activity") as batch_op:
        batch_op.drop_index("ix_activity_done_at")
        batch_op.create_index("ix_activity_done_kind", ["done_at", "kind", "outcome"])

    op.create_table(
        "change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("old", sa.String(), nullable=True),
        sa.Column("new", sa.String(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change")),
    )
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.create_index("ix_change_at", ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "search_doc",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_search_doc_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_search_doc_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_doc")),
    )
    with op.batch_alter_table("search_doc", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_search_doc_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_search_doc_customer_id"), ["customer_id"], unique=False
        )

    op.create_table(
        "timeslot",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("end_minute", sa.Integer(), nullable=False),
        sa.Column("inferred", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contact.id"],
            name=op.f("fk_timeslot_contact_id_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_timeslot_customer_id_customer"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timeslot")),
    )
    with op.batch_alter_table("timeslot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_timeslot_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_timeslot_customer_id"), ["customer_id"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        # The SQL of the read path says COLLATE NOCASE (SQLite's); the same name here sorts
        # and compares ignoring case. pg_trgm answers LIKE '%term%' from a GIN index.
        op.execute(
            "CREATE COLLATION IF NOT EXISTS nocase "
            "(provider = icu, locale = 'und-u-ks-level2', deterministic = false)"
        )
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_search_doc_trgm ON search_doc USING gin (text gin_trgm_ops)")
    if op.get_bind().dialect.name == "sqlite":
        # Trigram index for substrings of 3+ characters; shorter queries scan search_doc.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "text, content='search_doc', content_rowid='id', tokenize='trigram')"
        )
        # The index follows search_doc by itself, whoever writes it.
        op.execute(
            "CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN "
            "INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text); "
            "END"
        )
        op.execute(
            "CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text); "
            "INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_doc_trgm")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("search_doc_ai", "search_doc_ad", "search_doc_au"):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE search_fts")
    for table in ("timeslot", "search_doc", "change"):
        op.drop_table(table)
    with op.batch_alter_table("activity") as batch_op:
        batch_op.drop_index("ix_activity_done_kind")
        batch_op.create_index("ix_activity_done_at", ["done_at"])
    with op.batch_alter_table("contact") as batch_op:
        batch_op.drop_column("pinyin")
    with op.batch_alter_table("customer", recreate=_rebuild()) as batch_op:
        batch_op.drop_constraint("ck_customer_grade", type_="check")
        batch_op.drop_constraint("ck_customer_stage", type_="check")
        batch_op.drop_column("pinyin")
