"""After the sale with the money module: a complaint or a service plan may name an order
(migration 0013), and the after-sale rows of an 0008 database survive the upgrade."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.aftersale.test_aftersale_cli import _refused
from tests.cli_runner import crm, crm_json

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"


@pytest.fixture
def ordered() -> None:
    crm("add-customer", "宏达")
    crm("add-customer", "Acme")
    crm("order", "add", "宏达", "--line", "数控机床/CK6140 1 x 110000", "--confirm")
    crm("order", "add", "Acme", "--line", "车床 1 x 5000", "--confirm")


@pytest.mark.both_backends
def test_a_complaint_and_a_plan_name_their_order(ordered):
    crm("complaint", "add", "宏达", "--said", "主轴异响", "--order", "SO-2026-0001")
    crm("service", "plan", "宏达", "--kind", "maintenance", "--every", "6m", "--order", "1")
    shown = crm_json("complaint", "show", "1")
    assert (shown["order_id"], shown["order_number"]) == (1, "SO-2026-0001")
    assert "order SO-2026-0001" in crm("complaint", "show", "1").stdout
    [plan] = crm_json("services")
    assert plan["order_number"] == "SO-2026-0001"
    crm("complaint", "add", "Acme", "--said", "no order named")
    assert crm_json("complaint", "show", "2")["order_id"] is None


@pytest.mark.both_backends
def test_an_order_of_another_customer_or_none_is_refused(ordered):
    _refused("complaint", "add", "宏达", "--said", "x", "--order", "2", says="another customer")
    _refused(
        "service",
        "plan",
        "宏达",
        "--kind",
        "training",
        "--every",
        "1y",
        "--order",
        "9",
        says="no order 9",
    )


@pytest.mark.both_backends
def test_the_export_keeps_the_order_link(ordered, isolated):
    """The full export carries the orders, so a complaint's order follows it into the restore."""
    crm("complaint", "add", "宏达", "--said", "主轴异响", "--order", "1")
    number = crm_json("order", "show", "1")["number"]
    dump = isolated / "all.json"
    crm("export", "contacts", "--format", "json", "-o", str(dump))
    assert json.loads(dump.read_text(encoding="utf-8"))["complaints"][0]["order_id"] == 1
    other = str(isolated / "restored.db")
    crm("--db", other, "import", str(dump))
    restored = json.loads(crm("--db", other, "complaint", "show", "1", "--json").stdout)
    assert restored["said"] == "主轴异响"
    linked = json.loads(
        crm("--db", other, "order", "show", str(restored["order_id"]), "--json").stdout
    )
    assert linked["number"] == number


# SQLite only: the fixture is a SQLite file of release 0008
def test_after_sale_rows_of_an_0008_database_survive_the_upgrade(tmp_path, monkeypatch):
    path = tmp_path / "crm.db"
    shutil.copyfile(FIXTURES / "schema-0008.db", path)
    monkeypatch.setenv("CRM_DB", str(path))
    shown = crm_json("complaint", "show", "1")
    assert (shown["said"], shown["status"], shown["order_id"]) == ("机器停机", "acknowledged", None)
    assert [e["step"] for e in shown["entries"]] == [1, 2]
    card = crm_json("show", "1")["service"]
    assert card["plans"][0]["last_done"] == "2026-02-10"
    assert [r["name"] for r in card["referred"]] == ["Acme Tools"]
    crm("complaint", "step", "1", "3", "--note", "facts after the upgrade")
    assert crm_json("complaint", "show", "1")["status"] == "investigating"
