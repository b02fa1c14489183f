"""The call planner screen and the work summary reached from the desktop."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from crmtui import clock
from crmtui.app import CrmApp
from crmtui.screens.card import CardScreen
from crmtui.screens.planner import PlannerScreen
from crmtui.screens.summary import SummaryScreen
from crmtui.screens.today import TodayScreen
from crmtui.widgets.activity_forms import LogActivityForm
from crmtui.widgets.panel_table import PanelTable
from tests.tui.tui_helpers import settle, static_text


async def test_planner_lists_the_plan_and_explains_it(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        desk_calls = [r["customer_id"] for r in app.screen.query_one("#calls", PanelTable).records]
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlannerScreen)
        plan = screen.query_one("#plan", PanelTable)
        assert [r["customer_id"] for r in plan.records] == desk_calls, "one plan everywhere"
        explained = static_text(screen.query_one("#plan-why", Static))
        assert "why:" in explained
        first = plan.records[0]
        there = clock.now().astimezone(clock.zone(first["their_zone"]))
        assert f"now there {there:%a %H:%M} ({first['their_zone']})" in explained
        assert screen.query_one("#unplaced", PanelTable).records
        await pilot.press("l")
        assert isinstance(app.screen, LogActivityForm)
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.customer_id == desk_calls[0]
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, TodayScreen)


async def test_week_summary_opens_from_the_desktop(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary["period"].startswith("2026-W")
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
