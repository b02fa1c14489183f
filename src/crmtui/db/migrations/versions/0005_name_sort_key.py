"""A stored sort key for customer names: Chinese characters as pinyin, so 上海 sorts under S.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

``crm customers --sort name`` used to order by the characters' code points, which puts 上海
before 北京. The key is computed when a customer is written (pypinyin is too slow to import on
every read) and indexed over live rows, so the first page of the list still reads an index.
The upgrade fills the key of every existing customer; no other column is touched.
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Frozen here (the live code in services/common/names.py may change): the key as 0005 defines it.
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")


def _key(name: str) -> str:
    text = _SPACES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", name))).strip()
    text = unicodedata.normalize("NFKC", text).casefold()
    if not _CJK.search(text):
        return text
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text, errors=lambda other: other)).casefold()


def upgrade() -> None:
    # a plain ADD COLUMN: a batch (copy and rename) would rebuild the table and its triggers
    op.add_column("customer", sa.Column("sort_key", sa.String(), nullable=False, server_default=""))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name FROM customer")).fetchall()
    if rows:
        conn.execute(
            sa.text("UPDATE customer SET sort_key = :key WHERE id = :id"),
            [{"id": row[0], "key": _key(row[1])} for row in rows],
        )
    op.execute(
        "CREATE INDEX ix_customer_sort_live ON customer (sort_key, id) WHERE deleted_at IS NULL"
    )


def downgrade() -> None:
    op.drop_index("ix_customer_sort_live", table_name="customer")
    op.drop_column("customer", "sort_key")
