"""The office in the TUI: events (attendance toggles, refusals), expenses (the claim form with its
running total, the status keys), announcements on the desktop, palette entries."""

from __future__ import annotations

from pathlib import Path

from crmtui.app import CrmApp
from crmtui.db.engine import open_database
from crmtui.screens.events import EventsScreen
from crmtui.screens.expenses import ExpensesScreen
from crmtui.screens.today import TodayScreen
from crmtui.widgets.office_forms import ClaimForm
from crmtui.widgets.panel_table import PanelTable
from tests.tui.tui_helpers import settle, static_text, table_text, wait_for


def _scalar(path: Path, sql: str) -> object:
    db = open_database(str(path))
    try:
        with db.reader() as reader:
            return reader.scalar(sql)
    finally:
        db.dispose()


async def test_palette_reaches_every_office_screen_and_form(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in (
            "Marketing events",
            "New marketing event",
            "Expenses",
            "New expense claim",
            "New announcement",
        ):
            assert title in titles, title


async def test_desktop_panel_is_announcements(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        panel = app.screen.query_one("#pinned", PanelTable)
        assert str(panel.border_title).startswith("Announcements")
        rows = table_text(panel)
        assert any("本月目标" in row for row in rows)
        assert not any("国庆假期值班安排" in row for row in rows), "expired ones are hidden"


async def test_events_screen_toggles_attendance_and_plans_the_follow_up(demo_db: Path) -> None:
    held = _scalar(demo_db, "SELECT id FROM event WHERE status = 'held'")
    absent = _scalar(
        demo_db,
        f"SELECT customer_id FROM event_invitee WHERE event_id = {held} AND NOT attended "
        "AND customer_id NOT IN (SELECT customer_id FROM activity WHERE done_at IS NULL "
        "AND due_at IS NOT NULL) ORDER BY id LIMIT 1",
    )
    assert absent is not None
    app = CrmApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_go("events")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EventsScreen)
        events = screen.query_one("#events", PanelTable)
        assert {r["status"] for r in events.records} == {
            "planning",
            "open",
            "held",
            "closed",
            "cancelled",
        }
        events.move_cursor(row=[r["id"] for r in events.records].index(held))
        await settle(pilot)
        assert screen.card is not None and screen.card["event"]["id"] == held
        people = screen.query_one("#invitees", PanelTable)
        people.move_cursor(row=[r["customer_id"] for r in people.records].index(absent))
        people.focus()
        await pilot.press("space")
        assert await wait_for(
            pilot,
            lambda: (
                screen.card is not None
                and any(
                    p["customer_id"] == absent and p["attended"] for p in screen.card["invitees"]
                )
            ),
        )
        assert "per attendee" in static_text(screen.query_one("#event-report"))
        note = _scalar(
            demo_db,
            f"SELECT note FROM activity WHERE customer_id = {absent} AND done_at IS NULL",
        )
        assert str(note).startswith("met at ")
        # a planned event takes no attendance: refused, nothing written
        planning = next(r for r in events.records if r["status"] == "planning")
        events.move_cursor(row=events.records.index(planning))
        await settle(pilot)
        people.focus()
        before = _scalar(demo_db, "SELECT count(*) FROM event_invitee WHERE attended")
        await pilot.press("space")
        await settle(pilot)
        assert _scalar(demo_db, "SELECT count(*) FROM event_invitee WHERE attended") == before
        assert any("not held yet" in str(n.message) for n in app._notifications)


async def test_claim_form_shows_a_running_total_and_the_keys_move_the_claim(
    demo_db: Path,
) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_go("expenses")
        await settle(pilot)
        assert isinstance(app.screen, ExpensesScreen)
        await pilot.press("n")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ClaimForm))
        form = app.screen
        form.query_one("#f-lines").focus()
        await pilot.press(*"2026-03-10 travel 680")
        await pilot.press("enter")
        await pilot.press(*"2026-03-10 meals 120.50")
        assert await wait_for(
            pilot, lambda: "2 lines, total 800.50" in static_text(form.query_one("#e-lines"))
        )
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ExpensesScreen))
        screen = app.screen
        claims = screen.query_one("#claims", PanelTable)
        assert await wait_for(pilot, lambda: claims.records and claims.records[0]["lines"] == 2)
        newest = claims.records[0]
        assert newest["status"] == "draft" and newest["total"] == 80050
        claims.move_cursor(row=0)
        claims.focus()
        await pilot.press("a")  # approving a draft is refused
        await settle(pilot)
        assert any("cannot become approved" in str(n.message) for n in app._notifications)
        await pilot.press("s")
        assert await wait_for(
            pilot,
            lambda: any(
                r["id"] == newest["id"] and r["status"] == "submitted" for r in claims.records
            ),
        )
