"""The full JSON export carries the money tables and ``crm import`` restores them: into an empty
database exactly, into one with data once (a second import adds no order or payment twice)."""

from __future__ import annotations

import json

import pytest

from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends


def _money() -> None:
    crm("add-customer", "宏达机械")
    crm("product", "add", "数控机床", "--code", "P-100", "--price", "120000.50")
    crm("credit", "宏达机械", "--limit", "500000", "--rating", "A", "--days", "45")
    crm("order", "add", "宏达机械", "--line", "P-100 2", "--line", "Spare 1 x 99.99", "--confirm")
    crm("order", "ship", "1")
    crm("order", "add", "宏达机械", "--line", "P-100 1")
    crm("pay", "宏达机械", "1000.25", "--ref", "BANK-1")


def test_money_tables_round_trip(isolated):
    _money()
    first = isolated / "all.json"
    crm("export", "contacts", "--format", "json", "-o", str(first))
    data = json.loads(first.read_text(encoding="utf-8"))
    assert [p["price"] for p in data["products"]] == ["120000.50"]
    assert [o["total"] for o in data["orders"]] == ["240100.99", "120000.50"]
    assert len(data["order_lines"]) == 3 and data["payments"][0]["amount"] == "1000.25"
    assert data["payment_allocations"][0] == {
        "id": 1,
        "payment_id": 1,
        "order_id": 1,
        "amount": "1000.25",
    }
    assert data["credit_reviews"][0]["credit_limit"] == "500000.00"
    other = str(isolated / "restored.db")
    crm("--db", other, "import", str(first))
    second = isolated / "again.json"
    crm("--db", other, "export", "contacts", "--format", "json", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()
    shown = crm_json("--db", other, "order", "show", "SO-2026-0001")
    assert (shown["paid"], shown["outstanding"]) == ("1000.25", "239100.74")


def test_a_second_import_adds_no_money_twice(isolated):
    _money()
    dump = isolated / "all.json"
    crm("export", "contacts", "--format", "json", "-o", str(dump))
    crm("import", str(dump), "--on-duplicate", "update")
    assert len(crm_json("orders")) == 2
    assert len(crm_json("payments")) == 1
    assert len(crm_json("product", "list")) == 1
    credit = crm_json("credit", "宏达机械")
    assert credit["outstanding"] == "239100.74"
    assert len(credit["reviews"]) == 1
