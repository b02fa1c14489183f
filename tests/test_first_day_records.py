"""Issue 10, a first day: what the card and the lists show, and what adding records refuses."""

from __future__ import annotations

import json

import pytest

from tests.cli_runner import crm, crm_json
from tests.helpers import add_contact, add_customer

# --- names are stored in one normal form ------------------------------------------------------

TYPED = {
    "Acme\nTrading": "Acme Trading",
    "Acme\u200b Trading": "Acme Trading",
    "  Acme \t  Trading\r\n": "Acme Trading",
    "Cafe\u0301 Bleu": "Café Bleu",
    "\ufeff北京\u200d宏达": "北京宏达",
    "Acme\u3000Trading": "Acme Trading",
}


@pytest.mark.parametrize(("typed", "stored"), TYPED.items())
def test_customer_names_are_normalised_on_add_and_found_again(db, typed, stored):
    crm("add-customer", typed)
    card = crm_json("show", stored)
    assert card["name"] == stored


def test_names_are_normalised_on_every_write_path(db, isolated):
    cid = add_customer(db, "Old")
    crm("edit-customer", str(cid), "--name", "New\u200b\nName")
    assert crm_json("show", str(cid))["name"] == "New Name"
    crm("add-contact", str(cid), "Zhang\u200bSan\n")
    pid = add_contact(db, cid, "Li\r\nSi")
    names = sorted(c["name"] for c in crm_json("contacts"))
    assert names == ["Li Si", "ZhangSan"]
    from crmtui.services.contacts import update_contact
    from tests.helpers import now

    with db.session() as session:
        update_contact(session, now=now(), contact_id=pid, changes={"name": "Wang\u00a0\u00a0Wu"})
    assert "Wang Wu" in [c["name"] for c in crm_json("contacts")]


def test_imported_names_are_normalised(db, isolated):
    source = isolated / "people.csv"
    source.write_text('name,phone\n"Acme\nTrading",13812345678\nBeta\u200bCo,13912345678\n')
    crm("import", str(source))
    names = sorted(c["name"] for c in crm_json("customers"))
    assert names == ["Acme Trading", "BetaCo"]
    doc = json.loads(crm("export", "contacts", "--format", "json").stdout)
    doc["customers"][0]["name"] = "Gamma\u200b\nGroup"
    for key in ("customers",):
        for row in doc[key]:
            row["name"] = row["name"] + "\u200b"
    other = isolated / "dump.json"
    other.write_text(json.dumps(doc), encoding="utf-8")
    crm("--db", str(isolated / "fresh.db"), "import", str(other))
    fresh = crm("--db", str(isolated / "fresh.db"), "customers", "--json").stdout
    assert sorted(c["name"] for c in json.loads(fresh)) == ["BetaCo", "Gamma Group"]
