"""Product news: `crm product buyers PRODUCT [--plan call|letter --note TEXT]` lists who bought a
product or model and plans a call or letter to each of them, once."""

from __future__ import annotations

import pytest

from tests.aftersale.test_aftersale_cli import _refused
from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends


@pytest.fixture
def sold() -> None:
    for name in ("宏达", "Acme", "Bolt", "Cobalt"):
        crm("add-customer", name)
    crm("product", "add", "数控机床", "--model", "CK6140", "--code", "CNC1", "--price", "120000")
    crm("product", "add", "车床", "--model", "C620", "--price", "50000")
    crm("order", "add", "宏达", "--line", "CNC1 2", "--confirm")
    crm("order", "add", "Acme", "--line", "数控机床/CK6140 1 x 110000", "--confirm")
    crm("order", "add", "Bolt", "--line", "CNC1 1")  # a draft: not sold
    crm("order", "add", "Cobalt", "--line", "车床/C620 1 x 50000", "--confirm")


def test_buyers_by_product_id_code_name_or_model(sold):
    for ref in ("1", "CNC1", "数控机床", "ck6140"):
        buyers = crm_json("product", "buyers", ref)["buyers"]
        assert [(b["customer"], b["quantity"]) for b in buyers] == [("宏达", 2), ("Acme", 1)], ref
    assert [b["customer"] for b in crm_json("product", "buyers", "C620")["buyers"]] == ["Cobalt"]
    assert crm_json("product", "buyers", "nothing")["buyers"] == []
    assert "nobody has bought" in crm("product", "buyers", "nothing").stdout


def test_plan_a_letter_to_every_buyer_once(sold):
    out = crm_json("product", "buyers", "CK6140", "--plan", "letter", "--note", "新的保养手册")
    assert len(out["planned"]) == 2 and out["already"] == []
    actions = crm_json("actions", "--all")
    assert sorted((a["customer"], a["kind"], a["note"]) for a in actions) == [
        ("Acme", "letter", "新的保养手册"),
        ("宏达", "letter", "新的保养手册"),
    ]
    again = crm_json("product", "buyers", "CK6140", "--plan", "letter", "--note", "新的保养手册")
    assert again["planned"] == [] and len(again["already"]) == 2
    assert len(crm_json("actions", "--all")) == 2


def test_plan_refusals_write_nothing(sold):
    _refused("product", "buyers", "1", "--plan", "call", says="--plan needs --note")
    _refused("product", "buyers", "1", "--plan", "fax", "--note", "x", says="unknown --plan")
    _refused("product", "buyers", "99", says="no product with id 99")


def test_the_referrers_card_shows_what_the_referred_bought(sold):
    crm("edit-customer", "宏达", "--referred-by", "Cobalt")
    crm("edit-customer", "Bolt", "--referred-by", "Cobalt")
    referred = crm_json("show", "Cobalt")["service"]["referred"]
    assert [(r["name"], r["bought"]) for r in referred] == [("Bolt", []), ("宏达", ["数控机床"])]
