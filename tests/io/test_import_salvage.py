"""Issue 19: one bad field costs a record that value only; phones are kept as dialled;
``--report`` lists every row's problems; the exit status and summary tell the truth."""

from __future__ import annotations

import csv
import io
import json

import pytest

from crmtui.errors import InvalidInput
from crmtui.services.formats import ContactRecord
from crmtui.services.importing.matching import phone_key
from crmtui.services.importing.salvage import import_phone, salvage
from tests.cli_runner import crm


@pytest.mark.parametrize(
    "written",
    ["p1234p5678w9", "*21#", "+1 416 555 0116", "+61 2 5550 43", "010 6552 9988 ext 12", "123,456"],
)
def test_dialling_strings_and_spaced_international_numbers_are_kept_as_written(written) -> None:
    assert import_phone(written, "CN") == written


def test_other_numbers_get_the_international_form_once() -> None:
    assert import_phone("13800138000", "CN") == "+86 138 0013 8000"
    assert import_phone("+86 138 0013 8000", "CN") == "+86 138 0013 8000"
    assert import_phone("+1 416-555-0116", None) == "+1 416-555-0116"
    for bad in ("1", "n/a", "pager", "#"):
        with pytest.raises(InvalidInput):
            import_phone(bad, "CN")


def test_a_dialling_string_is_never_a_duplicate_key() -> None:
    assert phone_key("p1234p5678w9") is None and phone_key("*21#") is None
    assert phone_key("010 6552 9988 ext 12") is None
    assert phone_key("+86 10 6552 9988") == "1065529988"[-9:]


def test_salvage_moves_only_the_bad_values_to_the_notes() -> None:
    record = salvage(
        ContactRecord(
            name="Ann",
            phones=[("mobile", "138 0013 8000"), ("work", "n/a")],
            emails=['"Ann" <ann@example.com>', "not mail", "ann@home.example"],
            birthday="circa 1800",
            extra={"stage": "hot", "grade": "A", "lunar_birthday": "农历 13-40"},
        )
    )
    assert record.phones == [("mobile", "138 0013 8000")]
    assert record.emails == ["ann@example.com", "ann@home.example"]
    assert record.birthday is None
    assert record.extra == {
        "grade": "A",
        "phone (work)": "n/a",
        "email": "not mail",
        "birthday": "circa 1800",
        "lunar birthday": "农历 13-40",
        "stage (not understood)": "hot",
    }
    assert [w["column"] for w in record.warnings] == [
        "email",
        "phone",
        "birthday",
        "lunar_birthday",
        "stage",
    ]


def test_rows_sharing_a_service_code_or_an_extension_are_not_duplicates(db, isolated) -> None:
    sheet = isolated / "codes.csv"
    sheet.write_text(
        "name,mobile,work phone\nAnn,*21#,010 6552 9988 ext 12\nBob,*21#,010 6552 9988 ext 13\n",
        encoding="utf-8",
    )
    data = json.loads(crm("import", str(sheet), "--json").stdout)
    assert data["added_customers"] == 2 and not data["duplicates"]
    ann = json.loads(crm("show", "Ann", "--json").stdout)
    assert ann["phones"] == ["*21#", "010 6552 9988 ext 12"]


def test_report_file_lists_every_problem_per_row(db, isolated) -> None:
    sheet = isolated / "mixed.csv"
    sheet.write_text(
        "Name,Email,Mobile,Birthday\n"
        "Ann,ann@example.com,,\n"
        "Bob,bob(at)example.com,n/a,1990-02-30\n"
        ",,,\n"
        ",,138 0013 8000,\n",
        encoding="utf-8",
    )
    report = isolated / "problems.csv"
    result = crm("import", str(sheet), "--report", str(report), ok=False)
    assert result.exit_code == 1
    assert "1 of 3 rows were not imported" in result.output
    assert "the other 2 were" in result.output
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8-sig"))))
    assert [(r["line"], r["name"], r["problem"], r["column"], r["value"]) for r in rows] == [
        ("3", "Bob", "warning", "Birthday", "1990-02-30"),
        ("3", "Bob", "warning", "email", "bob(at)example.com"),
        ("3", "Bob", "warning", "phone", "n/a"),
        ("5", "", "error", "", ""),
    ]
    assert "neither a name nor a company" in rows[3]["message"]
    assert oct(report.stat().st_mode & 0o777) == "0o600"


def test_an_import_of_nothing_importable_is_not_written(db, isolated) -> None:
    sheet = isolated / "empty.csv"
    sheet.write_text("Name,Phone\n,138 0013 8000\n", encoding="utf-8")
    result = crm("import", str(sheet), "--json", ok=False)
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert not data["written"] and data["imported_rows"] == 0 and data["not_imported"] == 1


def test_encoding_option_decodes_quoted_printable_without_a_guess(db, isolated) -> None:
    card = isolated / "pl.vcf"
    card.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Piotr Iksi=F1ski\r\n"
        b"END:VCARD\r\n"
    )
    data = json.loads(crm("import", str(card), "--json", "--encoding", "cp1250").stdout)
    assert json.loads(crm("show", "Piotr", "--json").stdout)["name"] == "Piotr Iksiński"
    [warning] = data["warnings"]
    assert warning["message"] == "quoted-printable without a usable CHARSET, read as cp1250"
    bad = crm("import", str(card), "--encoding", "no-such-codec", ok=False)
    assert bad.exit_code == 1 and "unknown text encoding" in bad.output


def test_nul_bytes_and_overlong_fields_cost_the_record_nothing_else() -> None:
    record = salvage(
        ContactRecord(name="A\x00nn", website="x" * 1001, notes="a\x00b", role="Buyer")
    )
    assert (record.name, record.notes, record.role, record.website) == ("Ann", "ab", "Buyer", None)
    assert record.extra == {"website": "x" * 1001}
    assert [w["message"] for w in record.warnings] == [
        "NUL bytes removed",
        "longer than 1000 characters",
    ]
