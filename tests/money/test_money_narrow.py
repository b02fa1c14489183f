"""The money tables at 80 columns, in English and Chinese: every line fits, one line per order or
customer, and no amount is wrapped or cut (``crm orders``, ``receivables``, ``product list``,
``credit`` on the demo data)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from rich.cells import cell_len


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("narrow")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "CRM_DATABASE_URL"}
    }
    env.update(
        CRM_NOW="2026-11-23T10:00:00+08:00",
        CRM_TZ="Asia/Shanghai",
        CRM_DB=str(folder / "crm.db"),
        CRM_CONFIG=str(folder / "config.toml"),
        CRM_DATA_DIR=str(folder / "data"),
        HOME=str(folder),
        NO_COLOR="1",
        COLUMNS="80",
        LANG="C.UTF-8",
    )
    run(env, "demo", "--size", "40", "--seed", "7")
    run(
        env,
        *(
            "product",
            "add",
            "A very long product name that goes on and on",
            "--price",
            "1234567.89",
        ),
        *("--model", "MODEL-WITH-A-VERY-LONG-NAME-2026"),
    )
    return env


def run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "crmtui", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _grouped(text: str) -> str:
    """A JSON decimal string as the narrow tables write it: ``1,234.50``, ``20,400``."""
    minor = int(Decimal(text) * 100)
    units, cents = divmod(minor, 100)
    return f"{units:,}" if not cents else f"{units:,}.{cents:02d}"


def _fit(text: str) -> list[str]:
    lines = text.splitlines()
    assert lines and all(cell_len(line.rstrip()) <= 80 for line in lines), text
    return lines


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_orders_are_one_line_each_with_whole_amounts(demo, lang):
    orders = json.loads(run(demo, "orders", "--json"))
    lines = _fit(run(demo, "--lang", lang, "orders"))
    for order in orders:
        (line,) = [x for x in lines if order["number"] in x]
        assert _grouped(order["total"]) in line and _grouped(order["outstanding"]) in line


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_receivables_by_customer_one_line_each(demo, lang):
    report = json.loads(run(demo, "receivables", "--json"))
    lines = _fit(run(demo, "--lang", lang, "receivables"))
    for total in report["totals"]:
        assert any(_grouped(total["total"]) in line for line in lines)
    for row in report["customers"][:30]:
        found = [x for x in lines if x.lstrip().startswith(f"{row['customer_id']} ")]
        assert len(found) == 1 and _grouped(row["total"]) in found[0], lines


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_product_list_and_credit_fit(demo, lang):
    products = json.loads(run(demo, "product", "list", "--json"))
    lines = _fit(run(demo, "--lang", lang, "product", "list"))
    assert len([x for x in lines if "1,234,567.89" in x]) == 1
    assert len(lines) == len(products) + 2  # the header and its rule, then one line each
    _fit(run(demo, "--lang", lang, "credit", "1"))


def test_a_wide_terminal_keeps_the_full_table(demo):
    wide = run({**demo, "COLUMNS": "200"}, "orders")
    assert "┃" in wide and "amounts in" not in wide


def test_a_few_rows_of_long_numbers_turn_to_fit():
    from rich.console import Console

    from crmtui.cli.render import FIXED, NUMBER, fitted

    amounts = ["3,152,496,997", "525,615,331", "230,212,079", "211,083,729", "4,598,118,567"]
    columns = [("currency", FIXED), *((f"b{n}", NUMBER) for n in range(6))]
    grid = fitted("totals", columns, [("CNY", *amounts, "8,717,526,703")], width=80)
    console = Console(width=80, record=True, color_system=None)
    console.print(grid)
    text = console.export_text()
    assert all(cell_len(line.rstrip()) <= 80 for line in text.splitlines())
    for amount in [*amounts, "8,717,526,703"]:
        assert amount in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_saved_query_over_orders_fits_like_the_orders_list(demo, lang):
    """``crm query run`` printed its rows as a plain table that wrapped order numbers, dates and
    amounts at 80 columns; now the same fitting as ``crm orders``: one line per order."""
    run(
        demo,
        "query",
        "save",
        "unpaid-narrow",
        "is:unpaid sort:-total",
        "--over",
        "orders",
        "--replace",
    )
    orders = json.loads(run(demo, "query", "run", "unpaid-narrow", "--json"))
    assert orders
    lines = _fit(run(demo, "--lang", lang, "query", "run", "unpaid-narrow"))
    for order in orders:
        (line,) = [x for x in lines if order["number"] in x]
        assert _grouped(order["total"]) in line and order["ordered_on"] in line


def test_a_saved_query_keeps_the_full_table_on_a_wide_terminal(demo):
    run(demo, "query", "save", "unpaid-wide", "is:unpaid", "--over", "orders")
    wide = run({**demo, "COLUMNS": "200"}, "query", "run", "unpaid-wide")
    assert "┃" in wide
