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


def test_plain_options_still_read_and_checked(isolated: Path) -> None:
    other = isolated / "other.db"
    crm("--db", str(other), "add-customer", "Acme")
    assert "Acme" in crm("--db", str(other), "customers").stdout
    assert crm("--db", str(other), "plan", "--date", "2026-11-24").exit_code == 0
    refused = crm("--db", str(other), "plan", "--date", "soon", ok=False)
    assert refused.exit_code == 1 and "not a date" in refused.stderr
    assert "today [OPTIONS]" in crm("today", "--help").stdout
    assert crm("customers", "--limit", "lots", ok=False).exit_code == 2  # a parser, as before
