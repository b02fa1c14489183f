"""Credit control for a customer with orders in several currencies: the limit is in the default
currency, money owed in others counts at the rates set with ``crm config set rate.USD 7.1``,
and without a rate the order is refused with the rate to set (or confirmed with --force)."""

from __future__ import annotations

from decimal import Decimal

from crmtui.services.money.rules import converted, exposure
from tests.cli_runner import crm, crm_json


def test_converted_rounds_up_and_exposure_names_the_missing_rates():
    assert converted(1000, Decimal("7.1")) == 7100
    assert converted(1, Decimal("0.5")) == 1  # never counted below its value
    owed = {"CNY": 50_000, "USD": 1000, "EUR": 10, "JPY": 0}
    assert exposure(owed, "CNY", {"USD": Decimal("7.1")}) == (57_100, ("EUR",))
    assert exposure(owed, "CNY", {"USD": Decimal("7.1"), "EUR": Decimal("7.75")}) == (
        57_178,
        (),
    )


def _refused(*args: str) -> str:
    result = crm(*args, ok=False)
    assert result.exit_code == 1 and result.stdout == "", result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


def test_money_owed_in_another_currency_counts_against_the_limit():
    crm("add-customer", "宏达机械", "--stage", "customer")
    crm("credit", "宏达", "--limit", "100000")
    usd = ("order", "add", "宏达", "--currency", "USD", "--line", "Parts 1 x 10000", "--confirm")
    line = _refused(*usd)
    assert "no rate" in line and "crm config set rate.USD RATE" in line and "CNY" in line
    assert crm_json("orders") == []  # nothing written
    assert crm("config", "set", "rate.usd", "7.1").stdout == "rate.USD = 7.1\n"
    crm(*usd)
    # 10,000 USD at 7.1 is 71,000 CNY of the 100,000 limit: 40,000 more is 11,000 over
    line = _refused("order", "add", "宏达", "--line", "Tools 1 x 40000", "--confirm")
    assert "111,000 CNY" in line and "11,000 CNY over" in line
    assert len(crm_json("orders")) == 1
    made = crm_json("order", "add", "宏达", "--line", "Tools 1 x 29000", "--confirm")
    assert made["status"] == "confirmed"  # 71,000 + 29,000 is the limit, not over it
    status = crm_json("credit", "宏达")
    assert status["used"] == "100000.00" and status["available"] == "0.00"
    assert status["outstanding"] == "29000.00"  # the CNY orders alone, as before
    assert status["owed_in_other_currencies"] == {"USD": "10000.00"}
    assert status["missing_rates"] == []
    shown = crm("credit", "宏达").stdout
    assert "of which in other currencies: 10,000 USD" in shown


def test_without_a_rate_force_confirms_and_records_why():
    crm("add-customer", "宏达机械", "--stage", "customer")
    crm("credit", "宏达", "--limit", "100000")
    made = crm_json(
        "order", "add", "宏达", "--currency", "EUR", "--line", "Parts 1 x 10", "--force"
    )
    assert made["status"] == "confirmed"
    assert "no rate for EUR" in crm_json("order", "show", made["number"])["forced"]
    status = crm_json("credit", "宏达")
    assert status["missing_rates"] == ["EUR"] and status["used"] is None
    assert status["available"] is None
    assert "crm config set rate.EUR RATE" in crm("credit", "宏达").stdout


def test_without_a_limit_no_rate_is_needed():
    crm("add-customer", "宏达机械", "--stage", "customer")
    made = crm_json(
        "order", "add", "宏达", "--currency", "USD", "--line", "Parts 1 x 10", "--confirm"
    )
    assert made["status"] == "confirmed"


def test_a_rate_is_checked_and_can_be_unset():
    bad = crm("config", "set", "rate.USD", "-1", ok=False)
    assert bad.exit_code == 1 and "not a rate" in bad.stderr
    bad = crm("config", "set", "rate.XYZ", "7", ok=False)
    assert bad.exit_code == 1 and "ISO 4217" in bad.stderr
    crm("config", "set", "rate.USD", "7.1")
    assert crm("config", "get", "rate.usd").stdout == "7.1\n"
    assert crm_json("config", "list")["rate.USD"] == "7.1"
    crm("config", "unset", "rate.USD")
    assert "rate.USD" not in crm_json("config", "list")


def test_money_overdue_in_another_currency_blocks_an_order(db):
    from datetime import timedelta

    import pytest

    from crmtui.errors import InvalidInput
    from crmtui.services.money.write import confirm_order
    from tests.helpers import now
    from tests.money.support import TODAY, customer, order, set_credit, ship

    cid = customer(db)
    set_credit(db, cid, credit_days=0)
    old = order(
        db,
        cid,
        ("Item", 1, 500_00),
        confirm=True,
        ordered_on=TODAY - timedelta(40),
        currency="USD",
    )
    ship(db, old, TODAY - timedelta(days=31))
    new = order(db, cid, ("Item", 1, 100_00))  # in CNY
    with pytest.raises(InvalidInput) as exc, db.session() as s:
        confirm_order(s, now=now(), today=TODAY, order_id=new)
    assert exc.value.code == "order-overdue-block"
    assert "500 USD overdue more than 30 days" in str(exc.value)
