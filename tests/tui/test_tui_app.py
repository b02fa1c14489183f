"""App-wide behaviour: palette, keys help, themes, live refresh, errors, and import hygiene."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Static

from crmtui.app import CrmApp
from crmtui.db.engine import open_database
from crmtui.errors import DatabaseProblem
from crmtui.screens.card import CardScreen
from crmtui.screens.today import TodayScreen
from crmtui.widgets.panel_table import PanelTable
from tests.tui.tui_helpers import settle, static_text, wait_for

CRM = str(Path(sys.executable).with_name("crm"))


async def test_palette_jumps_to_a_customer_by_pinyin(demo_db: Path) -> None:
    with open_database(str(demo_db)).reader() as reader:
        target = reader.one(
            "SELECT id, name FROM customer WHERE pinyin LIKE 'zhang%' ORDER BY name LIMIT 1"
        )
    assert target is not None
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"zhang")
        commands = app.screen.query_one("CommandList")
        assert await wait_for(pilot, lambda: commands.option_count > 0)
        prompts = [
            str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
        ]
        assert any(target["name"] in p for p in prompts)
        index = next(i for i, p in enumerate(prompts) if target["name"] in p)
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen) and app.screen.customer_id == target["id"]


async def test_palette_offers_the_screen_actions(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in (
            "Today desktop",
            "Customers",
            "Add customer",
            "Log call",
            "Follow-up",
            "Theme",
            "Keys",
            "Quit",
        ):
            assert title in titles, title


async def test_question_mark_toggles_the_keys(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert app.screen.query("HelpPanel")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: not app.screen.query("HelpPanel"))
        assert not app.screen.query("HelpPanel")


async def test_theme_is_remembered(demo_db: Path, crm_env: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    config = (crm_env.parent / "config.toml").read_text()
    assert 'theme = "nord"' in config
    again = CrmApp()
    async with again.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: again.theme == "nord")
        assert again.theme == "nord"


async def test_read_failure_is_a_notification(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crmtui.services.desktop.read as lookup

    def broken(*args: object, **kwargs: object) -> list[dict[str, object]]:
        raise DatabaseProblem("cannot read the database: disk I/O error")

    monkeypatch.setattr(lookup, "list_actions", broken)
    app = CrmApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any("disk I/O error" in n.message for n in app._notifications)
        assert isinstance(app.screen, TodayScreen) and app.is_running


async def test_live_refresh_from_another_process(demo_db: Path) -> None:
    """A `crm add-customer` and a `crm log` in another terminal show up within 2 seconds."""
    env = dict(os.environ)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        recent = app.screen.query_one("#recent-customers", PanelTable)
        started = time.monotonic()
        done = subprocess.run(
            [CRM, "add-customer", "刘德华 Live", "--grade", "A"],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        cli_seconds = time.monotonic() - started
        assert done.returncode == 0, done.stderr
        assert cli_seconds < 10, "the CLI is not blocked by the open TUI"
        committed = time.monotonic()
        assert await wait_for(
            pilot,
            lambda: any("刘德华 Live" in str(r.get("customer")) for r in recent.records),
            timeout=3,
        )
        assert time.monotonic() - committed <= 2.5
        month = app.screen.query_one("#month", Static)

        def calls_this_month() -> int:
            return int(static_text(month).split()[1])

        before = calls_this_month()
        first = app.screen.query_one("#calls", PanelTable).records[0]
        done = subprocess.run(
            [CRM, "log", str(first["customer_id"]), "--outcome", "reached"],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert done.returncode == 0, done.stderr
        assert await wait_for(pilot, lambda: calls_this_month() == before + 1, timeout=3)


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_the_app_starts_without_sqlmodel() -> None:
    """Reading never needs SQLModel; it is imported on the first write (or warmed up idle)."""
    modules = _modules_after("import crmtui.app, crmtui.screens.today, crmtui.widgets.form")
    assert "textual" in modules
    assert "sqlmodel" not in modules and "sqlalchemy" not in modules


def test_tui_support_does_not_import_textual() -> None:
    modules = _modules_after("import crmtui.services.desktop.tui")
    assert not any(m == "textual" or m.startswith("textual.") for m in modules)


async def test_q_in_a_form_does_not_lose_it(demo_db: Path) -> None:
    from crmtui.widgets.activity_forms import LogActivityForm

    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("l")  # the outcome list has focus: q is not typed anywhere
        assert isinstance(app.screen, LogActivityForm)
        await pilot.press("q", "t", "slash")
        assert isinstance(app.screen, LogActivityForm) and app.is_running
        await pilot.press("escape", "q")
        await wait_for(pilot, lambda: not app.is_running)
        assert not app.is_running
