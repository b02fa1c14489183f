"""The morning commands start without Pydantic (``cli/lean_params.py``), and the options they
read without it still behave as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_runner import crm
from tests.test_import_hygiene import demo_db, loaded_by, on_demo  # noqa: F401 (fixtures)


@pytest.mark.parametrize(
    "args",
    [("today",), ("today", "--json"), ("plan",), ("plan", "--date", "2026-11-24"), ("--help",)],
    ids=lambda a: " ".join(a),
)
def test_morning_commands_load_no_pydantic(
    tmp_path: Path,
    on_demo: Path,  # noqa: F811
    args: tuple[str, ...],
) -> None:
    assert "pydantic" not in loaded_by(tmp_path, *args)


def test_numbers_read_by_crmtui_parsers_need_no_pydantic(
    tmp_path: Path,
    on_demo: Path,  # noqa: F811
) -> None:
    """``--limit`` (a numbers.Bounded parser) on a command and on a group's command (crm event
    list): the parser reads it, Pydantic is not loaded."""
    for args in (("customers", "--limit", "3"), ("event", "list", "--limit", "2")):
        assert "pydantic" not in loaded_by(tmp_path, *args), args


@pytest.mark.parametrize("args", [("customers",), ("event", "list"), ("orders",)])
def test_bounded_numbers_still_checked_by_their_parser(
    isolated: Path, args: tuple[str, ...]
) -> None:
    crm("add-customer", "Acme")
    for value, code, said in (
        ("0", 1, "--limit must be from 1 to 1000000, not 0"),
        ("lots", 2, "--limit must be a whole number from 1 to 1000000, not 'lots'"),
        ("2000000", 1, "--limit must be from 1 to 1000000, not 2000000"),
    ):
        refused = crm(*args, "--limit", value, ok=False)
        assert refused.exit_code == code and said in refused.stderr, (value, refused.stderr)
    assert crm(*args, "--limit", "5").exit_code == 0


def test_plain_options_still_read_and_checked(isolated: Path) -> None:
    other = isolated / "other.db"
    crm("--db", str(other), "add-customer", "Acme")
    assert "Acme" in crm("--db", str(other), "customers").stdout
    assert crm("--db", str(other), "plan", "--date", "2026-11-24").exit_code == 0
    refused = crm("--db", str(other), "plan", "--date", "soon", ok=False)
    assert refused.exit_code == 1 and "not a date" in refused.stderr
    assert "today [OPTIONS]" in crm("today", "--help").stdout
    assert crm("customers", "--limit", "lots", ok=False).exit_code == 2  # a parser, as before
