"""Query plans of the query language and of the reports, checked like tests/test_query_plans.py:
no statement reads a whole big table, except where reading every customer is the point (the
customer breakdowns of ``crm report customers``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import crm
from tests.test_query_plans import check, demo_db, problems, recorded  # noqa: F401 (fixtures)


@pytest.mark.parametrize(
    "query",
    [
        "city:上海 grade:A",
        "城市:上海 last:>14d",
        "is:overdue",
        "is:birthday-week",
        "last:<7d sort:-last",
        "created:<30d sort:-created",
        "宏达 -stage:lost",
        "tag:vip grade:A,B",
        "man:MAN",
        "-is:no-order-90d",
    ],
)
def test_customer_queries_use_indexes(
    demo_db: Path,  # noqa: F811
    recorded: list[tuple[str, Any]],  # noqa: F811
    query: str,
) -> None:
    crm("customers", "--query", query, "--limit", "50", "--json")
    check(demo_db, recorded)


def test_a_saved_query_uses_indexes(
    demo_db: Path,  # noqa: F811
    recorded: list[tuple[str, Any]],  # noqa: F811
) -> None:
    crm("query", "save", "plans", "city:上海 grade:A last:>14d", "--replace")
    recorded.clear()
    crm("query", "run", "plans", "--limit", "50", "--json")
    check(demo_db, recorded)


@pytest.mark.parametrize("name", ["pareto", "funnel", "lost", "activity"])
def test_reports_use_indexes(
    demo_db: Path,  # noqa: F811
    recorded: list[tuple[str, Any]],  # noqa: F811
    name: str,
) -> None:
    crm("report", name, "--format", "json")
    # how many customers there are needs every customer: counted from the smallest index
    everyone = "SELECT count(*) FROM customer WHERE deleted_at IS NULL"
    check(demo_db, [(sql, params) for sql, params in recorded if sql != everyone])


def test_the_customer_report_reads_every_customer_once(
    demo_db: Path,  # noqa: F811
    recorded: list[tuple[str, Any]],  # noqa: F811
) -> None:
    import sqlite3

    crm("report", "customers", "--format", "json")
    conn = sqlite3.connect(demo_db)
    scans = [sql for sql, params in recorded if problems(conn, sql, params)]
    conn.close()
    assert len(scans) == 1, scans  # the breakdowns, all in one GROUP BY
    assert "GROUP BY stage, grade, city, source" in scans[0]
