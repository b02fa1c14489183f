"""``crm`` builds only the commands an invocation needs: the whole tree costs as much to build
as ``crm today`` spends on its own work."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from crmtui import cli


def _names(app: typer.Typer) -> set[str]:
    return set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_is_found_in_exactly_one_module() -> None:
    every = _names(cli.app)
    owners = {name: [m for m in cli.MODULES if name in cli._module_names(m)] for name in every}
    assert {name: len(found) for name, found in owners.items()} == dict.fromkeys(every, 1)


def test_a_named_command_gets_only_its_module() -> None:
    for args in (["today"], ["--db", "x.db", "today", "--json"], ["--db=x.db", "today"]):
        assert _names(cli._app_for(args)) == cli._module_names(cli.today)
    assert "add" in typer.main.get_command(cli._app_for(["opp", "add"])).commands["opp"].commands  # type: ignore[attr-defined]


def test_help_version_unknown_names_and_the_tui_get_what_they_need() -> None:
    assert cli._app_for(["--help"]) is cli.app
    assert cli._app_for(["--version"]) is cli.app
    assert cli._app_for(["tdoay"]) is cli.app
    assert _names(cli._app_for([])) == set()  # opening the full-screen app
    assert _names(cli._app_for(["--db", "x.db"])) == set()


def test_the_command_list_is_the_full_help_without_reading_any_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``crm --help`` lists every command by name and first line: the same text as the whole
    app gives, and the only parameters read are the main options' (not a hundred commands')."""
    from typer.testing import CliRunner

    full = CliRunner().invoke(cli.app, ["--help"], prog_name="crm")
    read: list[str] = []
    original = typer.main.get_params_from_function

    def counting(func: Any) -> Any:
        found = original(func)
        if found:
            read.append(func.__name__)
        return found

    monkeypatch.setattr(typer.main, "get_params_from_function", counting)
    listed = CliRunner().invoke(cli._listing(cli.app), ["--help"], prog_name="crm")
    assert listed.exit_code == full.exit_code == 0
    assert listed.output == full.output
    assert "plan" in listed.output and "today" in listed.output
    assert set(read) == {"main_callback", "_version"}  # the main options and --version
