"""Formula neutralising, control stripping and birthday parsing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crmtui.services.formats import neutralise, parse_birthday, strip_controls, unneutralise


@pytest.mark.parametrize(
    "cell", ["=1+2", "+86 138", "-5", "@SUM(A1)", "\tx", "\rx", "=cmd|' /C calc'!A0"]
)
def test_formula_like_cells_get_an_apostrophe(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    assert unneutralise(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["Ann", "", "'", "'tis", "a=b", " =1", "张三", "''x"])
def test_harmless_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell
    assert unneutralise(cell) == cell


def test_text_that_already_starts_with_an_apostrophe_round_trips() -> None:
    assert neutralise("'=x") == "''=x"
    assert unneutralise("''=x") == "'=x"
    assert neutralise("''+1") == "'''+1"
    assert unneutralise("'''+1") == "''+1"


def test_a_foreign_protected_cell_imports_as_meant() -> None:
    assert unneutralise("'=1+2") == "=1+2"
    assert unneutralise("'hello") == "'hello"


def test_strip_controls_keeps_tab_and_newline_only() -> None:
    assert strip_controls("a\x00b\x1b[31mc\x07\td\r\ne\rf\x85g\ufffe") == "ab[31mc\td\ne\nfg"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1990-04-15", "1990-04-15"),
        ("1990/4/15", "1990-04-15"),
        ("1990.4.5", "1990-04-05"),
        ("19900415", "1990-04-15"),
        ("04-15", "04-15"),
        ("4/15", "04-15"),
        ("4月15日", "04-15"),
        ("4月15号", "04-15"),
        ("1990年4月15日", "1990-04-15"),
        ("１９９０年４月１５日", "1990-04-15"),
        ("--0415", "04-15"),
        ("--04-15", "04-15"),
        ("1990-04-15T00:00:00Z", "1990-04-15"),
        ("19900415T000000Z", "1990-04-15"),
        ("1990-04-15 00:00:00", "1990-04-15"),
        ("15/04/1990", "1990-04-15"),
        ("04/15/1990", "1990-04-15"),
        ("02-29", "02-29"),
        ("2000-02-29", "2000-02-29"),
        ("1604-04-15", "04-15"),
        (" 1990-04-15 ", "1990-04-15"),
    ],
)
def test_birthday_forms(text: str, expected: str) -> None:
    assert parse_birthday(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-02-30", "not a real date"),
        ("2023-02-29", "not a real date"),
        ("02-30", "not a real date"),
        ("13-01", "not a real date"),
        ("1990-13-01", "not a real date"),
        ("1990年2月31日", "not a real date"),
        ("0900-01-01", "out of range"),
        ("04/05/1990", "ambiguous"),
        ("next tuesday", "not a date"),
        ("1990-04", "not a date"),
    ],
)
def test_impossible_birthdays_are_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_birthday(text)


def test_blank_birthday_is_none() -> None:
    assert parse_birthday("  ") is None


def test_the_codecs_import_no_ui_or_database_code() -> None:
    code = (
        "import sys, crmtui.services.formats as f\n"
        "f.read_csv, f.read_vcards, f.write_calendar, f.write_xlsx\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'typer', 'rich', 'sqlalchemy', 'sqlmodel') or m.startswith('crmtui.db')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_package_exports_what_it_lists() -> None:
    import crmtui.services.formats as formats

    assert sorted(formats.__all__) == sorted(formats._WHERE)
    for name in formats.__all__:
        assert getattr(formats, name) is not None
