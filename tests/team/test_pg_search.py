"""Search on PostgreSQL: a two-character term (a Chinese given name, pinyin initials) is found
through the index of two-character pieces (migration 0019), not by reading every search text."""

from __future__ import annotations

import psycopg
import pytest

from crmtui.db.dialects.postgres.search import PostgresSearch
from tests.cli_runner import crm, crm_json


@pytest.fixture
def server_db(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CRM_DATABASE_URL", pg_url)
    crm("add-customer", "张伟明", "--phone", "+86 139 0000 0001")
    crm("add-customer", "上海宏达机械有限公司")
    crm("add-customer", "Zoe Wang")
    return pg_url.replace("postgresql+psycopg://", "postgresql://")


def test_two_character_terms_find_exactly_the_texts_holding_them(server_db):
    def names(term: str) -> list[str]:
        return sorted(c["name"] for c in crm_json("customers", "--search", term))

    assert names("张伟") == ["张伟明"]
    assert names("伟明") == ["张伟明"]
    assert names("张明") == []  # both characters, but not side by side
    assert names("宏达") == ["上海宏达机械有限公司"]
    assert names("zw") == ["张伟明"]  # pinyin initials
    assert names("oe") == ["Zoe Wang"]
    assert names("张伟 hd") == []
    assert names("上海 hd") == ["上海宏达机械有限公司"]


def test_a_two_character_term_reads_the_bigram_index(server_db):
    sql, params = PostgresSearch().match_sql(["张伟"], prefix="q")
    from crmtui.db.pg_reader import to_pyformat

    with psycopg.connect(server_db, autocommit=True) as conn:
        # a table of three rows is read whole anyway: forbid that to see which index serves
        conn.execute("SET enable_seqscan = off")
        plan = "\n".join(r[0] for r in conn.execute("EXPLAIN " + to_pyformat(sql), params))
    assert "ix_search_doc_bigram" in plan, plan


def test_the_bigrams_of_a_text_leave_out_pieces_with_a_space(server_db):
    with psycopg.connect(server_db) as conn:
        row = conn.execute("SELECT crm_bigrams('张伟 zw  ')").fetchone()
    assert row is not None
    assert sorted(row[0]) == ["zw", "张伟"]
