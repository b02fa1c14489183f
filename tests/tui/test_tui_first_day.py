"""A salesperson's first day in the TUI (issue 10): navigation, narrow columns, pasted form input,
the log and follow-up forms' time and contact fields, and contact notes."""

from __future__ import annotations

from pathlib import Path

from crmtui.app import CrmApp
from crmtui.screens.card import CardScreen
from crmtui.screens.planner import PlannerScreen
from crmtui.screens.today import TodayScreen
from tests.tui.tui_helpers import settle, wait_for


async def test_each_screen_key_lands_on_its_screen_after_a_card(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        assert await wait_for(pilot, lambda: isinstance(app.screen, PlannerScreen))
        await settle(pilot)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CardScreen))
        await pilot.press("t")
        assert await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("p")
        assert await wait_for(pilot, lambda: isinstance(app.screen, PlannerScreen))
        # the same with a card opened on the desktop: back on the desktop, not on that card
        await pilot.press("t")
        assert await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await settle(pilot)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CardScreen))
        await pilot.press("p")
        assert await wait_for(pilot, lambda: isinstance(app.screen, PlannerScreen))
        await pilot.press("t")
        assert await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert len(app.screen_stack) == 1
