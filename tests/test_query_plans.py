"""Every query behind the today desktop, the customer card and the customer list is answered
from an index: checked with ``EXPLAIN QUERY PLAN`` on a small demo database.

The plans are those of a 100,000-customer database: without ``sqlite_stat1`` (crmtui never runs
ANALYZE) SQLite assumes about a million rows per table whatever the size, so a plan chosen on
300 customers is the plan chosen on 100,000.

The queries are not listed here: they are recorded while the real commands run (``crm today``,
``crm show``, ``crm customers``), so a new panel or a rewritten query is checked too. A plan is
refused when it reads a whole big table:

* ``SCAN t`` of a big table, unless it walks an index in ``ORDER BY`` order and stops at a
  ``LIMIT`` (no temporary B-tree anywhere in the plan);
* ``SEARCH t USING INDEX ix (deleted_at=?)`` and the like — an index whose only constraints are
  columns almost every row shares (``deleted_at IS NULL`` is true of every live row) is a full
  scan in disguise, with the same exception for an ordered walk up to a ``LIMIT``;
* an automatic index or a Bloom filter built over a big table (both read all of it).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import crm

BIG = {"customer", "contact", "activity", "opportunity", "note"}
# Columns whose value nearly every row shares: an index constrained only by them selects all.
UNSELECTIVE = {
    "deleted_at",
    "pinned",
    "is_person",
    "kind",
    "stage",
    "grade",
    "decision_maker",
    "birthday_lunar",
    "currency",
}
_KEYWORDS = {
    "where",
    "join",
    "left",
    "inner",
    "cross",
    "on",
    "group",
    "order",
    "limit",
    "using",
    "union",
    "natural",
    "outer",
    "as",
    "indexed",
    "not",
    "set",
    "values",
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from zoneinfo import ZoneInfo

    from crmtui import clock
    from crmtui.db.engine import open_database
    from crmtui.services.demo.build import build_demo

    path = tmp_path_factory.mktemp("plans") / "crm.db"
    tz = ZoneInfo("Asia/Shanghai")
    db = open_database(str(path))
    build_demo(
        db, size=300, seed=7, now=clock.parse_instant("2026-11-23T10:00:00+08:00", tz), tz=tz
    )
    db.dispose()
    conn = sqlite3.connect(path)
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone(), (
        "the test needs a database without ANALYZE statistics, as users have"
    )
    conn.close()
    return path


@pytest.fixture
def recorded(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, Any]]]:
    """Every statement the lean reader runs while the test runs commands."""
    from crmtui.db.reader import Reader

    monkeypatch.setenv("CRM_DB", str(demo_db))
    seen: list[tuple[str, Any]] = []
    original = Reader.rows

    def rows(self: Reader, sql: str, params: Any = None) -> Any:
        seen.append((sql, dict(params or {})))
        return original(self, sql, params)

    monkeypatch.setattr(Reader, "rows", rows)
    yield seen


def aliases(sql: str) -> dict[str, str]:
    """Alias (or bare name) → table, for the big tables named in FROM/JOIN clauses."""
    found = {}
    for table, alias in re.findall(r"\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", sql, re.I):
        if table.lower() in BIG:
            found[table.lower()] = table.lower()
            if alias and alias.lower() not in _KEYWORDS:
                found[alias] = table.lower()
    return found


def problems(conn: sqlite3.Connection, sql: str, params: dict[str, Any]) -> list[str]:
    """What in this statement's plan reads a whole big table (empty when all is indexed)."""
    plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    names = aliases(sql)
    ordered_walk = re.search(r"\bLIMIT\b", sql, re.I) and not any("TEMP B-TREE" in p for p in plan)
    found = []
    for step in plan:
        m = re.match(
            r"(SCAN|SEARCH) (\S+)(?: USING (?:COVERING )?INDEX (\S+)(?: \((.*)\))?)?", step
        )
        if m and m.group(2) in names:
            verb, _name, index, constraint = m.groups()
            columns = set(re.findall(r"(\w+)[=<>]", constraint or ""))
            if verb == "SCAN" and not (index and ordered_walk):
                found.append(step)
            elif verb == "SEARCH" and columns and columns <= UNSELECTIVE and not ordered_walk:
                found.append(f"{step}  ← selects every live row")
        hit = re.match(
            r"(?:BLOOM FILTER ON|AUTOMATIC (?:PARTIAL )?(?:COVERING )?INDEX ON) (\w+)", step
        )
        if hit and hit.group(1) in names:
            found.append(f"{step}  ← built by reading the whole table")
    if found:
        return [" ".join(sql.split()), *(f"    {s}" for s in found), "  plan: " + " / ".join(plan)]
    return []


def check(demo_db: Path, statements: list[tuple[str, Any]]) -> None:
    assert statements, "no query was recorded: does the command still use the lean reader?"
    conn = sqlite3.connect(demo_db)
    try:
        bad = [line for sql, params in statements for line in problems(conn, sql, params)]
    finally:
        conn.close()
    assert not bad, "queries that read a whole table:\n" + "\n".join(bad)


def test_the_rule_itself_catches_scans(demo_db: Path) -> None:
    conn = sqlite3.connect(demo_db)
    assert problems(conn, "SELECT * FROM activity WHERE note = :n", {"n": "x"})
    assert problems(conn, "SELECT count(*) FROM customer WHERE deleted_at IS NULL", {})
    assert problems(
        conn, "SELECT c.id FROM customer c WHERE c.deleted_at IS NULL ORDER BY c.city LIMIT 50", {}
    )
    assert not problems(
        conn,
        "SELECT id FROM customer WHERE deleted_at IS NULL "
        "ORDER BY deleted_at, updated_at DESC LIMIT 8",
        {},
    )
    assert not problems(conn, "SELECT * FROM activity WHERE customer_id = :c", {"c": 1})
    conn.close()


def _without_the_daily_80_20_pass() -> None:
    """The monthly grade reminder ranks every customer by sales, a whole-table pass by nature,
    worked out once a day and kept until midnight (tests/query/test_pinned.py); with this month's
    reminder dismissed, what is checked is what every run of the command does."""
    crm("grade", "dismiss")


def test_today_desktop_queries_use_indexes(demo_db: Path, recorded: list[tuple[str, Any]]) -> None:
    """``crm today`` runs the same service calls as the TUI's first screen."""
    _without_the_daily_80_20_pass()
    crm("today", "--json")
    check(demo_db, recorded)


def test_customer_card_queries_use_indexes(demo_db: Path, recorded: list[tuple[str, Any]]) -> None:
    crm("show", "1", "--json")
    check(demo_db, recorded)


def test_customer_list_first_page_uses_an_index(
    demo_db: Path, recorded: list[tuple[str, Any]]
) -> None:
    """The TUI's customer list opens on this query (sorted by name, one page)."""
    crm("customers", "--limit", "50", "--json")
    check(demo_db, recorded)


def test_day_plan_and_its_cache_checks_use_indexes(
    demo_db: Path, recorded: list[tuple[str, Any]]
) -> None:
    """``crm plan`` computed (nothing stored yet): the planner's feed, and the queries that say
    how long the plan and the month figures hold (next keep-in-touch customer, oldest call in
    the history window, next row dated after now)."""
    _without_the_daily_80_20_pass()
    crm("plan", "--json")
    crm("today", "--json")
    sql = [" ".join(s.split()) for s, _ in recorded]
    assert any("c.last_contact_at >= :cutoff" in s for s in sql)
    assert any(s.startswith("SELECT min(done_at) FROM activity") for s in sql)
    assert any("WHERE created_at > :now" in s for s in sql)
    check(demo_db, recorded)


@pytest.mark.parametrize("term", ["z", "zh", "张"])
@pytest.mark.parametrize("window", [10_000, 50])
def test_short_search_first_page_walks_the_name_index_without_sorting(
    demo_db: Path,
    recorded: list[tuple[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    term: str,
    window: int,
) -> None:
    """A 1-3 letter search reads its first page along ix_customer_sort_live and stops at the
    LIMIT: no temporary B-tree sorts the thousands of matches (customers/short_search.py).
    With a window shorter than the table, the walk stops at its bound."""
    from crmtui.services.customers import short_search

    monkeypatch.setattr(short_search, "DENSE", 0)  # the demo is small: walk whatever the term
    monkeypatch.setattr(short_search, "WINDOW", window)
    crm("customers", "--search", term, "--limit", "50", "--json")
    walks = [(s, p) for s, p in recorded if s.startswith("SELECT c.id FROM customer c WHERE")]
    walks = [(s, p) for s, p in walks if "ORDER BY c.sort_key, c.id LIMIT :need" in s]
    assert walks, "the short search did not walk"
    conn = sqlite3.connect(demo_db)
    try:
        for sql, params in walks:
            plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
            assert not any("TEMP B-TREE" in step for step in plan), plan
            assert any("USING INDEX ix_customer_sort_live" in step for step in plan), plan
            assert (":bound" in sql) == (window < 300)
        # the names that start with the term, through the name index
        front = [(s, p) for s, p in recorded if "c.name COLLATE NOCASE >= :q" in s]
        for sql, params in front:
            plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
            assert any("USING INDEX ix_customer_name_live" in step for step in plan), plan
    finally:
        conn.close()
    assert front
    check(demo_db, recorded)
