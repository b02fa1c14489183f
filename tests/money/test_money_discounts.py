"""Line discounts from the command line (``--line "NAME QTY x PRICE -10%"`` or ``-500``), the
card's credit limit as a decimal string in ``crm show --json``, and the money CLI's plurals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crmtui.errors import InvalidInput
from crmtui.services.money.rules import LineSpec, parse_line
from tests.cli_runner import crm, crm_json


def test_parse_line_reads_a_percentage_or_an_amount_off_the_line():
    assert parse_line("数控机床/CK6140 2 x 120,000 -5%") == LineSpec(
        "数控机床", "CK6140", 2, 12_000_000, None, Decimal("5")
    )
    assert parse_line("Spare parts 3 x 1,200.50 -200") == LineSpec(
        "Spare parts", None, 3, 120_050, 20_000, None
    )
    assert parse_line("P-100 5 -12.5%").percent == Decimal("12.5")
    # a minus sign inside the name is still the name's
    assert parse_line("Widget -A 2 x 10") == LineSpec("Widget -A", None, 2, 1000)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("X 2 x 5 -101%", "percent-out-of-range"),
        ("X 2 x 5 -0%", "percent-out-of-range"),
        ("X 2 x 5 -abc", "amount-unreadable"),
        ("X 2 x 5 -0", "order-line-shape"),
        ("X -5", "order-line-quantity"),
    ],
)
def test_a_bad_discount_is_refused(text: str, code: str):
    with pytest.raises(InvalidInput) as caught:
        parse_line(text)
    assert caught.value.code == code


def test_a_percentage_rounds_half_a_cent_up():
    assert LineSpec("X", None, 1, 333).discount_on(333 * 1) == 0  # no discount given
    assert LineSpec("X", None, 1, 5, percent=Decimal("10")).discount_on(5) == 1  # 0.5 → 1


def test_order_add_keeps_the_discount_in_the_line_snapshot():
    crm("add-customer", "宏达机械")
    made = crm_json(
        "order",
        "add",
        "宏达",
        "--line",
        "数控机床/CK6140 2 x 120,000 -10%",
        "--line",
        "Spare parts 3 x 1,200.50 -200",
    )
    first, second = made["lines"]
    assert (first["discount"], first["line_total"]) == ("24000.00", "216000.00")
    assert (second["discount"], second["line_total"]) == ("200.00", "3401.50")
    assert made["total"] == "219401.50"
    shown = crm("order", "show", made["number"]).stdout
    assert "discount" in shown and "24,000 CNY" in shown and "216,000 CNY" in shown


def test_a_discount_from_a_product_price():
    crm("add-customer", "宏达机械")
    crm("product", "add", "数控机床", "--code", "P-100", "--price", "1000")
    made = crm_json("order", "add", "宏达", "--line", "P-100 3 -500")
    assert made["lines"][0]["line_total"] == "2500.00" and made["total"] == "2500.00"


def test_a_discount_over_the_line_is_one_line_and_writes_nothing():
    crm("add-customer", "宏达机械")
    result = crm("order", "add", "宏达", "--line", "Parts 1 x 100 -150", ok=False)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "error: the discount 150 is more than the line's 100"
    ]
    assert crm_json("orders") == []


def test_show_json_adds_the_credit_limit_as_a_decimal_string_and_keeps_the_old_key():
    crm("add-customer", "宏达机械")
    crm("credit", "宏达", "--limit", "100,000.50")
    card = crm_json("show", "宏达")
    assert card["credit_limit"] == 10_000_050  # minor units, as before
    assert card["credit_limit_amount"] == "100000.50"
    crm("add-customer", "Acme")
    assert crm_json("show", "Acme")["credit_limit_amount"] is None


def test_credit_term_of_one_day_is_singular():
    crm("add-customer", "宏达机械")
    assert "term: 1 day\n" in crm("credit", "宏达", "--days", "1").stdout
    assert "term: 30 days\n" in crm("credit", "宏达", "--days", "30").stdout


def test_one_more_customer_is_singular_in_receivables():
    for name in ("宏达机械", "Acme Ltd"):
        crm("add-customer", name, "--stage", "customer")
        crm("order", "add", name, "--line", "Parts 1 x 100", "--confirm")
    out = crm("receivables", "--limit", "1").stdout
    assert "… and 1 more customer (--limit, --customer or --json)" in out
    assert "1 more customers" not in out
