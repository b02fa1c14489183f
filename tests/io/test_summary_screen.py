"""The TUI's summary screen: shows the service's dict, steps weeks with [ ] and ← →."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from textual.app import App

from crmtui import clock
from tests.helpers import add_customer
from tests.tui.tui_helpers import wait_for

TZ = ZoneInfo("Asia/Shanghai")


async def test_summary_screen_steps_between_weeks(db):
    from crmtui.screens.summary import SummaryScreen
    from crmtui.services.summaries.build import build_summary, parse_period

    add_customer(db, "[bold]Acme[/bold]")
    asked: list[str] = []

    def load(key: str) -> dict:
        asked.append(key)
        with db.reader() as reader:
            return build_summary(
                reader, parse_period(key, date(2026, 11, 23)), now=clock.now(), tz=TZ
            )

    first = load("2026-W48")
    app = App()
    async with app.run_test(size=(120, 50)) as pilot:
        screen = SummaryScreen(first, load, tz=TZ)
        app.push_screen(screen)
        await wait_for(pilot, lambda: app.screen is screen and screen.query("#summary-body"))
        assert "2026-W48" in screen.sub_title
        for key, expected in (
            ("left_square_bracket", "2026-W47"),
            ("left", "2026-W46"),
            ("right", "2026-W47"),
            ("right_square_bracket", "2026-W48"),
        ):
            await pilot.press(key)
            await wait_for(pilot, lambda want=expected: screen.summary["period"] == want)
            assert screen.summary["period"] == expected == screen.sub_title
        assert asked == ["2026-W48", "2026-W47", "2026-W46", "2026-W47", "2026-W48"]


def test_body_keeps_markup_as_text(db):
    from crmtui.screens.summary import body
    from crmtui.services.summaries.build import build_summary, parse_period

    add_customer(db, "[bold]Acme[/bold]")
    with db.reader() as reader:
        s = build_summary(
            reader, parse_period("2026-W48", date(2026, 11, 23)), now=clock.now(), tz=TZ
        )
    from rich.console import Console

    console = Console(width=120, record=True, color_system=None)
    console.print(body(s, TZ))
    assert "[bold]Acme[/bold]" in console.export_text()
