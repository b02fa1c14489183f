"""``crm customers --query`` and ``crm query ...`` as a user runs them: hostile input is one
line and exit 1, never a traceback, and nothing is written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends

HOSTILE = [
    "'; DROP TABLE customer; --",
    "foo:bar",
    "city:上海)",
    '"',
    ";",
    "grade:A;DELETE FROM customer",
    "x" * 10_000,
    "(" * 5000,
    "created:>9999999d",
    "credit:1e308",
    "is:over-credit' OR '1'='1",
    "\x1b[31mred",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_are_one_line(people: dict[str, int], text: str) -> None:
    result = crm("customers", "--query", text, ok=False)
    assert result.exit_code in (0, 1)
    if result.exit_code == 1:
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("error: ")
        assert "Traceback" not in result.output
    assert len(crm_json("customers")) == len(people), "nothing was written"


def test_a_real_process_prints_one_line_and_exits_1(people: dict[str, int]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "crmtui", "customers", "--query", "x" * 10_000],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr == "error: the query is too long (10000 characters; at most 2000)\n"
    assert done.stdout == ""


def test_customers_query_lists_like_customers(people: dict[str, int]) -> None:
    rows = crm_json("customers", "--query", "城市：上海　等级：Ａ")
    assert [r["name"] for r in rows] == ["上海宏达机械有限公司"]
    assert set(rows[0]) == set(crm_json("customers")[0])  # the same JSON keys
    table = crm("customers", "-q", "city:上海").stdout
    assert "上海宏达机械有限公司" in table and "张伟" in table


def test_query_and_the_old_filters_are_not_mixed(people: dict[str, int]) -> None:
    result = crm("customers", "--query", "city:上海", "--grade", "A", ok=False)
    assert result.exit_code == 1
    assert "--query holds every condition" in result.stderr


def test_save_list_run_delete(people: dict[str, int], isolated: Path) -> None:
    crm("query", "save", "上海客户", "城市:上海 sort:name", "--columns", "id,name,city,tags")
    assert crm_json("query", "list") == [
        {
            "id": 1,
            "name": "上海客户",
            "query": "城市:上海 sort:name",
            "columns": ["id", "name", "city", "tags"],
            "pinned": False,
            "target": "customers",
        }
    ]
    assert [r["name"] for r in crm_json("query", "run", "上海客户")] == [
        "上海宏达机械有限公司",
        "张伟",
    ]
    out = crm("query", "run", "上海客户", "--csv").stdout.splitlines()
    assert out[0] == "id,name,city,tags"
    assert out[1] == f"{people['hongda']},上海宏达机械有限公司,上海,vip"
    taken = crm("query", "save", "上海客户", "city:北京", ok=False)
    assert taken.exit_code == 1 and "--replace" in taken.stderr
    crm("query", "save", "上海客户", "city:北京", "--replace")
    assert [r["name"] for r in crm_json("query", "run", "上海客户")] == ["北京德润物流"]
    crm("query", "delete", "上海客户")
    assert crm_json("query", "list") == []
    gone = crm("query", "run", "上海客户", ok=False)
    assert gone.exit_code == 1 and "no saved query" in gone.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("query", "save", "bad", "grade:Z"), "grade takes one of"),
        (("query", "save", "123", "grade:A"), "cannot be all digits"),
        (("query", "save", "ok", "grade:A", "--columns", "id,colour"), "unknown column"),
    ],
)
def test_a_query_that_could_not_run_is_not_saved(
    people: dict[str, int], args: tuple[str, ...], says: str
) -> None:
    result = crm(*args, ok=False)
    assert result.exit_code == 1 and says in result.stderr
    assert crm_json("query", "list") == []


def test_csv_cells_cannot_become_formulas(db: Any) -> None:
    from tests.helpers import add_customer

    add_customer(db, "=HYPERLINK(1)")
    crm("query", "save", "all", "")
    assert crm("query", "run", "all", "--csv").stdout.splitlines()[1].startswith("1,'=HYPERLINK")
