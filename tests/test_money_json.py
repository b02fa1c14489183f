"""Money in JSON (issue 10, finding 15): every amount a ``--json`` output or a JSON file carries
is a decimal string with its currency (``"amount": "12000.50", "currency": "USD"``), never
integer minor units; tables and panels show the same text as before."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

import pytest

from tests.cli_runner import crm, crm_json

pytestmark = pytest.mark.both_backends


@pytest.fixture
def deals(isolated: Path) -> None:
    """This month (November 2026): one deal won in CNY, one lost in USD, one open in EUR."""
    crm("add-customer", "Acme")
    crm("opp", "add", "Acme", "Framework", "--amount", "500000")  # 1, CNY by default
    crm("opp", "add", "Acme", "Spare parts", "--amount", "12,000.50", "--currency", "USD")  # 2
    crm("opp", "add", "Acme", "Pumps", "--amount", "0.5", "--currency", "EUR")  # 3, stays open
    crm("opp", "won", "1")
    crm("opp", "lost", "2", "--reason", "price")


def _by_title(items: list[dict]) -> dict[str, tuple[object, object]]:
    return {o["title"]: (o["amount"], o["currency"]) for o in items}


EXPECTED = {
    "Framework": ("500000.00", "CNY"),
    "Spare parts": ("12000.50", "USD"),
    "Pumps": ("0.50", "EUR"),
}


def test_opp_list_json_amounts_are_decimal_strings(deals):
    assert _by_title(crm_json("opp", "list")) == EXPECTED


def test_opp_list_table_text_is_unchanged(deals):
    out = crm("opp", "list").stdout
    assert "500,000 CNY" in out and "12,000.50 USD" in out and "0.50 EUR" in out


def test_show_json_opportunities(deals):
    assert _by_title(crm_json("show", "1")["opportunities"]) == EXPECTED


def test_today_json_recent_opportunities_and_month_totals(deals):
    desk = crm_json("today")
    assert _by_title(desk["recent_opportunities"]) == EXPECTED
    assert desk["month"]["won"] == {"count": 1, "amount": "500000.00", "currency": "CNY"}
    assert desk["month"]["lost"] == {"count": 1, "amount": "12000.50", "currency": "USD"}
    # the panel still shows the plain total, as before
    assert "won 1 (500,000) · lost 1 (12,000.50)" in crm("today").stdout


def test_today_json_month_total_without_deals_has_no_currency(isolated):
    crm("add-customer", "Acme")
    month = crm_json("today")["month"]
    assert month["won"] == {"count": 0, "amount": "0.00", "currency": None}


@pytest.mark.parametrize("kind", ["weekly", "monthly"])
def test_summary_json_amounts(deals, kind):
    summary = json.loads(crm("export", kind, "--format", "json").stdout)
    opp = summary["opportunities"]
    assert _by_title(opp["created"]["items"]) == EXPECTED
    assert _by_title(opp["won"]["items"]) == {"Framework": ("500000.00", "CNY")}
    assert opp["won"]["amounts"] == {"CNY": "500000.00"}
    assert opp["lost"]["amounts"] == {"USD": "12000.50"}


def test_summary_markdown_text_is_unchanged(deals):
    out = crm("export", "weekly").stdout
    assert "won 1 (500,000 CNY)" in out and "lost 1 (12,000.50 USD)" in out


def _export(isolated: Path, name: str, *db: str) -> Path:
    path = isolated / name
    crm(*db, "export", "contacts", "--format", "json", "-o", str(path))
    return path


def test_full_export_writes_decimal_strings_and_restores_them(deals, isolated):
    new = _export(isolated, "new.json")
    doc = json.loads(new.read_text(encoding="utf-8"))
    assert doc["version"] == 2
    assert _by_title(doc["opportunities"]) == EXPECTED
    other = str(isolated / "from-new.db")
    crm("--db", other, "import", str(new))
    assert _by_title(crm_json("--db", other, "opp", "list")) == EXPECTED
    assert _export(isolated, "again.json", "--db", other).read_bytes() == new.read_bytes()


def test_version_1_export_with_minor_units_still_restores(deals, isolated):
    """A file written before this change: version 1, amounts as integer minor units."""
    doc = json.loads(_export(isolated, "new.json").read_text(encoding="utf-8"))
    doc["version"] = 1
    minor = {"500000.00": 50_000_000, "12000.50": 1_200_050, "0.50": 50}
    for row in doc["opportunities"]:
        row["amount"] = minor[row["amount"]]
    old = isolated / "old.json"
    old.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    other = str(isolated / "from-old.db")
    crm("--db", other, "import", str(old))
    assert _by_title(crm_json("--db", other, "opp", "list")) == EXPECTED
    # and it comes back out in the new form
    again = json.loads(_export(isolated, "again.json", "--db", other).read_text("utf-8"))
    assert _by_title(again["opportunities"]) == EXPECTED


@pytest.mark.parametrize(
    ("version", "amount"),
    [(1, "12000.50"), (1, -5), (2, 1_200_050), (2, "12.345"), (2, "nan")],
)
def test_export_amount_in_the_wrong_form_is_refused(deals, isolated, version, amount):
    """Guessing would be wrong by a factor of 100 one way or the other."""
    doc = json.loads(_export(isolated, "new.json").read_text(encoding="utf-8"))
    doc["version"] = version
    doc["opportunities"][0]["amount"] = amount
    bad = isolated / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    result = crm("--db", str(isolated / "x.db"), "import", str(bad), ok=False)
    assert result.exit_code == 1
    assert "opportunities[0]: amount" in result.output
    assert "Traceback" not in result.output


def test_export_from_a_newer_version_is_refused(deals, isolated):
    doc = json.loads(_export(isolated, "new.json").read_text(encoding="utf-8"))
    doc["version"] = 3
    bad = isolated / "newer.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    result = crm("--db", str(isolated / "x.db"), "import", str(bad), ok=False)
    assert result.exit_code == 1
    assert "newer crmtui" in result.output


def test_money_value_type():
    from crmtui.money import Money, format_money

    amount = Money(1_200_050, "USD")
    assert amount == 1_200_050 and int(amount) + 1 == 1_200_051  # still counts in minor units
    assert amount.json_text() == "12000.50"
    assert Money(5, "CNY").json_text() == "0.05"
    assert Money(10**17, "CNY").json_text() == "1000000000000000.00"  # no exponent, no float
    assert format_money(amount, "USD") == "12,000.50 USD"
    assert format_money(Money(50_000_000, "CNY")) == "500,000"
    for twin in (copy.deepcopy(amount), pickle.loads(pickle.dumps(amount))):
        assert (twin, twin.currency) == (amount, "USD") and isinstance(twin, Money)
    with pytest.raises(AttributeError):
        amount.currency = "CNY"  # type: ignore[misc]


def test_encoder_names_the_currency_beside_every_amount():
    from crmtui.money import Money, to_json
    from crmtui.textsafe import json_dumps

    data = {
        "a": {"count": 1, "amount": Money(100, "EUR")},
        "b": [{"amount": Money(250, "CNY"), "currency": "CNY"}],
        "totals": {"CNY": Money(250, "CNY")},
        "plain": 7,
    }
    assert json.loads(json_dumps(data)) == {
        "a": {"count": 1, "amount": "1.00", "currency": "EUR"},
        "b": [{"amount": "2.50", "currency": "CNY"}],
        "totals": {"CNY": "2.50"},
        "plain": 7,
    }
    assert to_json(data)["plain"] == 7
