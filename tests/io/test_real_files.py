"""Issue 19: the contact files people actually have, from other projects' test suites
(tests/fixtures/real/SOURCES), imported as they are: no traceback, no card with a name lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crmtui.errors import CrmError
from tests.cli_runner import crm
from tests.helpers import now

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
FILES = sorted(p for p in REAL.glob("*/*") if p.suffix in (".vcf", ".csv"))
# Cards without any name (FN, N, ORG) or e-mail: the only rows of the corpus that are errors.
NAMELESS = {"android/v21_android_custom_prop.vcf", "android/v21_im.vcf"}
# CSV files without a header row: refused with one line that says how to map the columns.
HEADERLESS = {"thunderbird/csv_no_header.csv", "thunderbird/tab_comma_mixed.csv"}
# Shift_JIS that is valid cp949 too: refused until the user names the encoding.
UNSURE = {"thunderbird/shiftjis_addressbook.csv"}


def test_the_corpus_is_documented_with_source_commit_and_licence() -> None:
    lines = [ln for ln in (REAL / "SOURCES").read_text().splitlines() if not ln.startswith("#")]
    listed = {ln.split(" | ")[0] for ln in lines}
    assert listed == {str(p.relative_to(REAL)) for p in FILES}
    for line in lines:
        local, repo, path, commit, licence = line.split(" | ")
        assert repo.startswith("github.com/") and path and len(commit) == 40 and licence
    assert len(FILES) >= 80


def test_every_real_file_imports_and_only_nameless_cards_are_errors(db) -> None:
    from crmtui.services.importing.run import import_file

    errors: dict[str, list[str]] = {}
    for path in FILES:
        name = str(path.relative_to(REAL))
        try:
            result = import_file(db, path, now=now(), region="CN", on_duplicate="add")
        except CrmError as exc:  # one line for the user, never a traceback
            assert name in HEADERLESS | UNSURE, f"{name}: {exc}"
            assert ("--encoding" if name in UNSURE else "--map") in str(exc)
            continue
        assert name not in HEADERLESS | UNSURE
        assert result.imported_rows == result.rows - len(result.errors)
        assert result.written == (result.imported_rows > 0)
        if result.errors:
            errors[name] = [e["message"] for e in result.errors]
    assert set(errors) == NAMELESS
    assert all("no name" in m for messages in errors.values() for m in messages)


def _import(path: str, *args: str, ok: bool = True) -> dict:
    result = crm("import", str(REAL / path), "--json", *args, ok=ok)
    return json.loads(result.stdout)


def _show(name: str) -> dict:
    return json.loads(crm("show", name, "--json").stdout)


def test_a_text_birthday_keeps_the_card_and_the_text(db) -> None:
    data = _import("khard/text-bday.vcf")
    assert data["added_customers"] == 1 and data["complete"] and data["written"]
    [warning] = data["warnings"]
    assert (warning["column"], warning["value"]) == ("BDAY", "circa 1800")
    card = _show("text birthday")
    assert card["birthday_month"] is None and "birthday: circa 1800" in card["notes"]


def test_android_odd_cards_keep_their_name_and_what_can_be_stored(db) -> None:
    # "Omega" <omega@example.com> is an address with a display name
    _import("android/v21_invalid_multiple_line.vcf")
    assert _show("Omega")["email"] == "omega@example.com"
    # test phones "9", "13", "17": three cards kept, the numbers in their notes
    data = _import("android/v21_multiple_entry.vcf")
    assert data["added_customers"] + data["added_contacts"] == 3
    assert {w["column"] for w in data["warnings"]} == {"phone"}
    # a "#" comment line is left out, the quoted-printable note around it kept
    _import("android/v21_invalid_comment_line.vcf")
    note = _show("Conference Call")["notes"]
    assert "#<- sharp) example" in note and "must be ignored" not in note


def test_a_21_backslash_continued_second_address_is_kept_in_the_notes(db) -> None:
    _import("android/v21_adr_multiple_line.vcf")
    card = _show("bogus")
    assert card["address"].startswith("Grindelberg 999") and card["city"] == "Hamburg"
    assert "Hermann v. Brevern\n9999999\nPackstation 999" in card["notes"]


def test_thunderbird_export_with_a_bare_cr_in_an_x_property_loses_no_card(db) -> None:
    data = _import("thunderbird/export.vcf")
    assert data["added_customers"] == 2 and not data["errors"]
    assert _show("contact number two")["email"] == "contact2@invalid"


def test_quoted_printable_without_charset_is_read_as_a_legacy_code_page(db) -> None:
    data = _import("roundcube/thebat.vcf")
    assert _show("Piotr")["name"] == "Piotr Iksiński"
    assert any("cp1250" in w["message"] for w in data["warnings"])


def test_pause_and_wait_are_kept_as_written(db) -> None:
    _import("android/v30_pause_wait.vcf")
    assert _show("Pause Wait")["phones"] == ["p1234p5678w9"]


@pytest.mark.parametrize(
    ("path", "exporter"),
    [
        ("thunderbird/export.csv", "Thunderbird"),
        ("roundcube/tb_plain.csv", "Thunderbird"),
        ("roundcube/gmail.csv", "Google Contacts"),
        ("roundcube/all.csv", "Outlook"),
    ],
)
def test_exporters_are_recognised_by_their_headers(db, path, exporter) -> None:
    assert _import(path, "--dry-run")["preview"]["exporter"] == exporter


def test_thunderbird_csv_every_column_a_crm_holds(db) -> None:
    _import("roundcube/tb_plain.csv")
    card = _show("Organization")
    # the work address is the customer's (its state, ZIP and country kept with the street),
    # the home address goes to the notes
    assert card["address"] == "Addr work\nWstate\n33-333\nPoland" and card["city"] == "Wcity"
    assert card["website"] == "http://page.com"
    [contact] = card["contacts"]
    assert contact["name"] == "Displayname" and contact["role"] == "title"
    birthday = (contact["birthday_year"], contact["birthday_month"], contact["birthday_day"])
    assert birthday == (1970, 11, 15)
    assert contact["email"] == "test@domain.tld" and "email: next@domain.tld" in contact["notes"]
    assert "department: department" in contact["notes"]
    assert "other address: home: Priv address, City, region, xx-xxx, USA" in contact["notes"]
    assert "website 2: http://webpage.tld" in contact["notes"]
    # Roundcube's sample has words where numbers would be: kept in the notes, with their type
    assert "phone (mobile): mobile" in contact["notes"] and contact["phones"] == []


def test_google_csv_phone_types_groups_department_website(db) -> None:
    data = _import("roundcube/gmail.csv")
    assert not data["errors"] and data["complete"]
    customer = _show("company")
    assert customer["website"] == "test.com" and customer["tags"] == ["Test"]
    # Address 2 is typed Work: the company's address; the Home one is kept in the notes
    assert customer["address"].startswith("work_street") and customer["city"] == "work_city"
    [contact] = customer["contacts"]
    assert contact["name"] == "Prefix Firstname Middle Lastname Suffix"
    assert contact["role"] == "jobtitle" and contact["email"] == "home@aaa.pl"
    notes = contact["notes"]
    assert "website 2: home.page.com" in notes
    assert "other address: home: home_street" in notes
    # the sample's "numbers" are words: kept in the notes under the type of their column
    assert "phone (mobile): mobile" in notes and "phone (fax): homefax; workfax" in notes
    assert "email: work@email.pl" in notes


def test_outlook_title_is_the_honorific_and_job_title_the_role(db) -> None:
    _import("roundcube/all.csv")
    card = _show("Company")
    [contact] = card["contacts"]
    assert contact["role"] == "Job Title"
    assert "honorific: Prefix" in contact["notes"]
    assert card["address"].startswith("Work Street") and card["city"] == "Work City"
    assert "email: work@example.com" in contact["notes"]
    assert "email: other@example.com" in contact["notes"]


def test_an_outlook_row_with_only_an_email_is_accepted(db) -> None:
    data = _import("roundcube/outlook.csv")
    assert data["added_customers"] == 1 and data["complete"]
    assert _show("test1@domain.tld")["email"] == "test1@domain.tld"


def test_shift_jis_is_refused_unless_named(db) -> None:
    result = crm("import", str(REAL / "thunderbird/shiftjis_addressbook.csv"), ok=False)
    assert result.exit_code == 1 and "--encoding" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    crm("import", str(REAL / "thunderbird/shiftjis_addressbook.csv"), "--encoding", "shift_jis")
    assert _show("名無しの権兵衛")["email"] == "名無しの権兵衛@host.invalid"
