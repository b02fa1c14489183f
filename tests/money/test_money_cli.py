"""The money commands as a user types them: products, orders, payments, receivables, credit;
every bad input is one line, exit 1 (2 for a number the option parser refuses), nothing written."""

from __future__ import annotations

import pytest

from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends


def _setup() -> None:
    crm("add-customer", "宏达机械", "--stage", "prospect")
    crm(
        "product",
        "add",
        "数控机床",
        "--model",
        "CK6140",
        "--code",
        "P-100",
        "--unit",
        "台",
        "--price",
        "120000",
    )


def _counts() -> tuple[int, int, int]:
    return (
        len(crm_json("orders")),
        len(crm_json("payments")),
        len(crm_json("product", "list", "--all")),
    )


def _refused(*args: str, code: int = 1) -> str:
    result = crm(*args, ok=False)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def test_an_order_from_line_to_payment():
    _setup()
    made = crm_json(
        "order",
        "add",
        "宏达",
        "--line",
        "P-100 2",
        "--line",
        "Spare parts 3 x 1,200.50",
        "--ship",
        "2026-11-30",
        "--confirm",
    )
    assert made["number"] == "SO-2026-0001"
    assert made["status"] == "confirmed" and made["total"] == "243601.50"
    assert [line["name"] for line in made["lines"]] == ["数控机床", "Spare parts"]
    # the first order made the prospect a customer
    assert crm_json("show", "宏达")["stage"] == "customer"
    assert (
        "payment due 2026-12-25"
        in crm("order", "ship", "SO-2026-0001", "--on", "2026-11-25").stdout
    )
    paid = crm_json("pay", "宏达", "50000", "--ref", "BANK-1")
    assert paid["allocations"] == [[1, "50000.00"]]
    shown = crm_json("order", "show", "1")
    assert (shown["payment"], shown["outstanding"]) == ("partial", "193601.50")
    crm("order", "deliver", "1", "--on", "2026-11-27")
    assert crm_json("orders", "--status", "delivered")[0]["number"] == "SO-2026-0001"
    assert "193,601.50" in crm("receivables").stdout


def test_over_the_limit_exits_1_with_the_amount_and_succeeds_with_force():
    _setup()
    crm("credit", "宏达", "--limit", "100000", "--days", "30", "--rating", "B")
    line = _refused("order", "add", "宏达", "--line", "P-100 1", "--confirm", "--line", "P-100 1")
    assert "140,000 CNY over the credit limit of 100,000 CNY" in line
    assert _counts() == (0, 0, 1)
    made = crm_json("order", "add", "宏达", "--line", "P-100 2", "--force")
    assert made["status"] == "confirmed"
    assert "over the credit limit by 140,000 CNY" in made["forced"]
    credit = crm_json("credit", "宏达")
    assert (credit["outstanding"], credit["available"], credit["rating"]) == (
        "240000.00",
        "0.00",
        "B",
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("order", "add", "宏达", "--line", "P-100 -2"), "quantity '-2'"),
        (("order", "add", "宏达", "--line", "Valve 2"), "no product 'Valve'"),
        (("order", "add", "宏达", "--line", "P-100 2 x 1,2.3"), "'1,2.3'"),
        (
            (
                "order",
                "add",
                "宏达",
                "--line",
                "P-100 1",
                "--date",
                "2026-11-20",
                "--ship",
                "2026-11-19",
            ),
            "before the order date",
        ),
        (("order", "add", "宏达", "--line", "P-100 1", "--currency", "RMB"), "ISO 4217"),
        (("order", "add", "宏达"), "at least one --line"),
        (("order", "confirm", "SO-2026-9999"), "no order"),
        (("pay", "宏达", "100", "--currency", "XYZ"), "ISO 4217"),
        (("pay", "宏达", "100", "--method", "cheque"), "method"),
        (("credit", "宏达", "--rating", "Z"), "rating"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(args, words):
    _setup()
    assert words in _refused(*args)
    assert _counts() == (0, 0, 1)


def test_an_amount_like_1_2_3_is_refused_by_the_option_parser():
    _setup()
    # the issue: a money amount like 1,2.3 is one line and exit 1, like every refused value
    assert "'1,2.3'" in _refused("pay", "宏达", "1,2.3", code=1)
    assert "'1,2.3'" in _refused("product", "add", "X", "--price", "1,2.3", code=1)
    assert "'1,2.3'" in _refused("credit", "宏达", "--limit", "1,2.3", code=1)
    assert "negative" in _refused("pay", "宏达", "-100", code=1)
    assert _counts() == (0, 0, 1)


def test_a_payment_larger_than_owed_needs_on_account():
    _setup()
    crm("order", "add", "宏达", "--line", "P-100 1", "--confirm")
    line = _refused("pay", "宏达", "130000")
    assert "--on-account" in line and "120,000 CNY" in line
    assert _counts() == (1, 0, 1)
    paid = crm_json("pay", "宏达", "130000", "--on-account")
    assert paid["on_account"] == "10000.00"
    assert crm_json("credit", "宏达")["on_account"] == "10000.00"


def test_from_a_won_opportunity():
    _setup()
    crm("opp", "add", "宏达", "CNC machines", "--amount", "200000")
    opp = crm_json("opp", "list")[0]["id"]
    assert "not won" in _refused("order", "add", "--from-opp", str(opp))
    crm("opp", "won", str(opp))
    made = crm_json("order", "add", "--from-opp", str(opp))
    assert (made["customer"], made["total"], made["opportunity_id"]) == (
        "宏达机械",
        "200000.00",
        opp,
    )


def test_cancel_and_the_open_list():
    _setup()
    crm("order", "add", "宏达", "--line", "P-100 1")
    crm("order", "add", "宏达", "--line", "P-100 1", "--confirm")
    crm("order", "cancel", "1")
    assert [o["status"] for o in crm_json("orders", "--open")] == ["confirmed"]
    assert "cannot become cancelled" in _refused("order", "cancel", "1")
    assert "unknown status" in _refused("orders", "--status", "lost")


def test_receivables_json_buckets_each_open_order_once():
    _setup()
    crm("credit", "宏达", "--days", "0")
    for day in ("2026-08-01", "2026-10-01", "2026-11-20"):
        crm("order", "add", "宏达", "--line", "P-100 1", "--date", day, "--force")
    crm("order", "ship", "1", "--on", "2026-08-02")
    crm("order", "ship", "2", "--on", "2026-10-02")
    report = crm_json("receivables")
    assert sorted(o["order_id"] for o in report["orders"]) == [1, 2, 3]
    assert {o["order_id"]: o["bucket"] for o in report["orders"]} == {
        1: "90+",
        2: "31-60",
        3: "current",
    }
    (totals,) = report["totals"]
    assert totals["total"] == "360000.00"
    assert sum(float(v) for v in totals["buckets"].values()) == 360000
    assert [o["order_id"] for o in crm_json("receivables", "--overdue")["orders"]] == [1, 2]


def test_products_edit_and_list():
    _setup()
    crm("product", "edit", "1", "--price", "130000", "--inactive")
    assert crm_json("product", "list") == []
    (row,) = crm_json("product", "list", "--all")
    assert (row["price"], row["active"]) == ("130000.00", False)
    assert "taken by product 1" in _refused("product", "add", "Other", "--code", "p-100")
