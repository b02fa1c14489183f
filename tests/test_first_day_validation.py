"""Issue 10, findings 14, 16 and 21: what a user types is checked against real lists.

Currencies (ISO 4217), countries (ISO 3166), emails (a maintained validator), the fixed
vocabularies of stage and grade, themes, and commands that would otherwise do nothing silently.
"""

from __future__ import annotations

import pytest

from crmtui.errors import InvalidInput
from tests.cli_runner import crm, crm_json
from tests.helpers import add_customer

pytestmark = pytest.mark.both_backends


def _fails(*args: str, match: str) -> str:
    result = crm(*args, ok=False)
    assert result.exit_code in (1, 2), result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.output
    assert match in lines[0], lines[0]
    assert "Traceback" not in result.output
    return lines[0]


# -- finding 14: currencies --------------------------------------------------------------------


@pytest.mark.parametrize("code", ["XXXX", "[red]", "ABC", "XXX", "12", "€"])
def test_opp_add_refuses_a_currency_that_is_not_iso_4217(code):
    crm("add-customer", "Acme")
    _fails("opp", "add", "Acme", "Deal", "--currency", code, match="currency")
    assert crm_json("opp", "list") == []


@pytest.mark.parametrize("code, stored", [("usd", "USD"), (" eur ", "EUR"), ("CNY", "CNY")])
def test_opp_add_accepts_iso_codes(code, stored):
    crm("add-customer", "Acme")
    crm("opp", "add", "Acme", "Deal", "--currency", code)
    assert crm_json("opp", "list")[0]["currency"] == stored


def test_the_service_checks_the_currency_for_every_caller(db):
    from crmtui.services.sales.write import create_opportunity
    from tests.helpers import now

    cid = add_customer(db, "Acme")
    with pytest.raises(InvalidInput, match="currency"), db.session() as s:
        create_opportunity(s, now=now(), customer_id=cid, title="x", currency="[RE")


@pytest.mark.parametrize("code", ["XXXX", "ABC", "[red]"])
def test_config_currency_is_an_iso_code(code):
    _fails("config", "set", "currency", code, match="currency")
    crm("config", "set", "currency", "usd")
    assert crm("config", "get", "currency").stdout.strip() == "USD"


# -- finding 16: emails ------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["bad@", "@example.com", "a@b", "a b@example.com", "a@@b.cn"])
def test_add_contact_refuses_a_bad_email(bad):
    crm("add-customer", "Acme")
    _fails("add-contact", "Acme", "Zhang", "--email", bad, match="not an email")
    assert crm_json("contacts") == []


def test_customer_emails_are_checked_on_add_and_edit():
    _fails("add-customer", "Acme", "--email", "bad@", match="not an email")
    crm("add-customer", "Acme", "--email", "info@acme.cn")
    _fails("edit-customer", "Acme", "--email", "bad@", match="not an email")
    assert crm_json("show", "Acme")["email"] == "info@acme.cn"


def test_good_emails_are_kept():
    crm("add-customer", "Acme")
    crm("add-contact", "Acme", "Zhang", "--email", "zhang.san@example.cn")
    assert crm_json("contacts")[0]["email"] == "zhang.san@example.cn"


def test_the_service_refuses_an_incomplete_email_for_every_caller(db):
    from crmtui.services.contacts.write import create_contact, update_contact
    from tests.helpers import now

    cid = add_customer(db, "Acme")
    for bad in ("bad@", "@example.com", "a b@example.com", "nobody"):
        with pytest.raises(InvalidInput, match="not an email"), db.session() as s:
            create_contact(s, now=now(), customer_id=cid, name="Zhang", email=bad)
    with db.session() as s:
        pid = create_contact(s, now=now(), customer_id=cid, name="Zhang").id
    with pytest.raises(InvalidInput, match="not an email"), db.session() as s:
        update_contact(s, contact_id=pid, now=now(), changes={"email": "x@"})


def test_typed_emails_are_checked_by_the_validator():
    from crmtui.services.common.checks import typed_email

    for bad in ("a@b", "li@example", "a@@b.cn", "bad@", "x@foo.local"):
        with pytest.raises(InvalidInput, match="not an email"):
            typed_email(bad)
    assert typed_email("Zhang.Wei@Example.COM") == "Zhang.Wei@example.com"
    assert typed_email(" ") is None


def test_edit_customer_can_still_clear_the_email():
    crm("add-customer", "Acme", "--email", "info@acme.cn")
    crm("edit-customer", "Acme", "--email", "")
    assert crm_json("show", "Acme")["email"] is None


def test_import_reports_a_bad_email_on_its_row_and_keeps_the_others(tmp_path):
    """A row whose email is not an address is reported with its line; since issue 19 the row
    itself is kept (a row with a name is never dropped for one bad field), the text of the
    address in its notes, and the rest is imported."""
    import json

    path = tmp_path / "c.csv"
    path.write_text(
        "name,email\nZhang San,zhang@\nLi Si,@example.cn\nWang Wu,wang@example.cn\n",
        encoding="utf-8",
    )
    report = json.loads(crm("import", str(path), "--json").stdout)
    assert report["errors"] == []
    assert [(w["line"], w["column"], w["message"].split(":")[0]) for w in report["warnings"]] == [
        (2, "email", "not an email address"),
        (3, "email", "not an email address"),
    ]
    customers = {c["name"]: c for c in crm_json("customers")}
    assert sorted(customers) == ["Li Si", "Wang Wu", "Zhang San"]
    assert customers["Wang Wu"]["email"] == "wang@example.cn"
    assert customers["Zhang San"]["email"] is None
    assert "email: zhang@" in json.loads(crm("show", "Zhang San", "--json").stdout)["notes"]


# -- finding 21: filters, flags, config and empty edits ----------------------------------------


def test_customers_refuses_an_unknown_stage_listing_the_allowed():
    line = _fails("customers", "--stage", "bogus", match="unknown stage")
    assert "potential" in line and "customer" in line


def test_customers_refuses_an_unknown_grade_listing_the_allowed():
    line = _fails("customers", "--grade", "Z", match="unknown grade")
    assert "A, B, C" in line


def test_customers_filters_still_work():
    crm("add-customer", "Acme", "--grade", "A")
    assert [c["name"] for c in crm_json("customers", "--grade", "a")] == ["Acme"]


@pytest.mark.parametrize(
    "flags", [("--today", "--week"), ("--today", "--overdue"), ("--week", "--all")]
)
def test_actions_refuses_two_scopes(flags):
    _fails("actions", *flags, match="only one of")


@pytest.mark.parametrize("value", ["-1", "0", "99999999999999999999", "nan", "１e3"])
def test_config_set_a_number_says_the_value_is_invalid(value):
    line = _fails("config", "set", "cadence_a", value, match="cadence_a")
    assert "No such option" not in line


def test_config_set_a_number_accepts_full_width_digits():
    crm("config", "set", "cadence_a", "２１")
    assert crm("config", "get", "cadence_a").stdout.strip() == "21"


def test_config_theme_must_be_a_known_theme():
    line = _fails("config", "set", "theme", "nonexistent", match="theme")
    assert "textual-dark" in line
    crm("config", "set", "theme", "nord")


def test_the_static_theme_list_matches_textual():
    from textual.app import App

    from crmtui.config import THEMES

    assert set(THEMES) == set(App().available_themes)


@pytest.mark.parametrize("code", ["ZZ", "XX", "12"])
def test_config_country_is_an_iso_3166_code(code):
    _fails("config", "set", "country", code, match="country")


def test_customer_country_is_an_iso_3166_code():
    _fails("add-customer", "Acme", "--country", "ZZ", match="country")
    crm("add-customer", "Acme", "--country", "de")
    assert crm_json("show", "Acme")["country"] == "DE"


def test_edit_customer_with_nothing_to_change_is_an_error():
    crm("add-customer", "Acme")
    _fails("edit-customer", "Acme", match="nothing to change")


def test_summary_note_refuses_an_empty_text():
    crm("summary", "note", "good week")
    for empty in ("", "   "):
        _fails("summary", "note", empty, match="--clear")
    assert crm_json("summary", "note")["reflection"] == "good week"
    crm("summary", "note", "--clear")
    assert crm_json("summary", "note")["reflection"] in (None, "")


@pytest.mark.parametrize("bad", ["bad@", "li@example"])
def test_the_tui_customer_and_contact_forms_refuse_a_bad_email(bad):
    # both forms check their email field through this function, as the user types
    from crmtui.widgets.customer_form import check_contact_like

    with pytest.raises(InvalidInput, match="not an email"):
        check_contact_like("email", bad, None)
    assert check_contact_like("email", "zhang@example.cn", None) is None


async def test_the_tui_opportunity_form_refuses_a_bad_currency(db):
    from crmtui.app import CrmApp
    from crmtui.widgets.record_forms import OpportunityForm

    cid = add_customer(db, "Acme")
    app = CrmApp()
    async with app.run_test(size=(100, 30)) as pilot:
        form = OpportunityForm(cid, "Acme")
        await app.push_screen(form)
        await pilot.pause()
        for bad in ("XXXX", "[red]", "ABC"):
            with pytest.raises(InvalidInput, match="currency"):
                form.check("currency", bad)
        assert form.check("currency", "usd") is None
