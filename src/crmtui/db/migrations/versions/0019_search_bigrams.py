"""PostgreSQL: two-character searches read an index instead of every search text.

Revision ID: 0019
Revises: 0017
Create Date: 2026-11-30

``pg_trgm`` (0002) answers ``LIKE '%term%'`` for terms of three or more characters only; a
two-character term (a Chinese given name like 张伟, pinyin initials like ``zw``) scanned all of
``search_doc`` — on 100,000 customers that made ``crm customers --search 张伟`` more than twice
as slow as on SQLite, whose trigram vocabulary answers two characters (see the SQLite search
dialect). Here ``crm_bigrams(text)`` lists every two-character piece of a search text (pieces
with a space left out: search terms never hold one) and a GIN index over it finds the rows
holding a given piece. SQLite is unchanged. Index and function only: no row changes.
"""

from alembic import op

revision = "0019"
down_revision = "0017"
branch_labels = None
depends_on = None

BIGRAMS = """
CREATE OR REPLACE FUNCTION crm_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT g), '{}')
    FROM (SELECT substr(t, i, 2) AS g FROM generate_series(1, length(t) - 1) AS i) AS pieces
    WHERE g !~ '\\s'
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(BIGRAMS)
    op.execute("CREATE INDEX ix_search_doc_bigram ON search_doc USING gin (crm_bigrams(text))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_search_doc_bigram")
    op.execute("DROP FUNCTION IF EXISTS crm_bigrams(text)")
