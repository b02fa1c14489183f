"""The customer card: header, tabs, and every action it offers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from textual.widgets import Input, Select, Static, TabbedContent

from crmtui.app import CrmApp
from crmtui.db.engine import open_database
from crmtui.screens.card import CardScreen
from crmtui.screens.today import TodayScreen
from crmtui.widgets.activity_forms import FollowUpForm, LogActivityForm
from crmtui.widgets.contact_form import ContactForm
from crmtui.widgets.customer_form import CustomerForm
from crmtui.widgets.panel_table import PanelTable
from crmtui.widgets.record_forms import MoveStageForm, NoteForm
from tests.tui.tui_helpers import settle, static_text, table_text, wait_for


def _one(db: Path, sql: str, **params: Any) -> Any:
    with open_database(str(db)).reader() as reader:
        return reader.one(sql, params)


def _customer_with_opportunity(db: Path) -> int:
    row = _one(
        db,
        "SELECT customer_id FROM opportunity WHERE closed_at IS NULL ORDER BY customer_id LIMIT 1",
    )
    return int(row["customer_id"])


async def _card(pilot: Any, customer_id: int) -> CardScreen:
    await settle(pilot)
    pilot.app.open_card(customer_id)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CardScreen) and screen.card is not None
    return screen


async def test_header_and_tabs(demo_db: Path) -> None:
    cid = _customer_with_opportunity(demo_db)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _card(pilot, cid)
        card = screen.card
        assert card is not None
        header = static_text(screen.query_one("#card-header", Static))
        assert card["name"] in header and card["stage"] in header
        assert "MAN money" in header and "there (" in header  # the customer's local time
        assert "since contact" in header or "contacted today" in header or "never" in header
        tabs = screen.query_one(TabbedContent)
        assert tabs.active == "timeline"
        for key, pane in enumerate(
            ("profile", "contacts", "timeline", "opportunities", "notes"), 1
        ):
            await pilot.press(str(key))
            assert tabs.active == pane
        profile = static_text(screen.query_one("#profile-text", Static))
        for label in ("personality", "Needs", "Preferences", "time zone", "satisfaction"):
            assert label.lower() in profile.lower()
        assert table_text(screen.query_one("#opportunities-table", PanelTable))


async def test_add_contact_and_note(demo_db: Path) -> None:
    cid = _customer_with_opportunity(demo_db)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _card(pilot, cid)
        await pilot.press("c")
        assert isinstance(app.screen, ContactForm)
        await pilot.press(*"李四", "tab", *"采购", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert any(
            "李四" in row for row in table_text(screen.query_one("#contacts-table", PanelTable))
        )
        await pilot.press("n")
        assert isinstance(app.screen, NoteForm)
        await pilot.press(*"likes tea", "ctrl+s")
        await settle(pilot)
        assert any(
            "likes tea" in row for row in table_text(screen.query_one("#notes-table", PanelTable))
        )
    assert _one(demo_db, "SELECT role FROM contact WHERE name = '李四'")["role"] == "采购"


async def test_follow_up_defaults_to_tomorrow_morning(demo_db: Path) -> None:
    cid = _customer_with_opportunity(demo_db)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await _card(pilot, cid)
        await pilot.press("f")
        form = app.screen
        assert isinstance(form, FollowUpForm)
        assert "Thu 2026-03-12 10:00" in static_text(form.query_one("#e-due", Static))
        await pilot.press("tab", "tab", *"prices", "enter")
        await settle(pilot)
    row = _one(demo_db, "SELECT due_at, note FROM activity WHERE note = 'prices'")
    due = datetime.fromisoformat(row["due_at"]).replace(tzinfo=ZoneInfo("UTC"))
    assert due.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%m-%d %H:%M") == "03-12 10:00"


async def test_move_stage_to_lost_needs_a_reason(demo_db: Path) -> None:
    cid = _customer_with_opportunity(demo_db)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await _card(pilot, cid)
        await pilot.press("m")
        form = app.screen
        assert isinstance(form, MoveStageForm)
        opp_id = form.opportunity["id"]
        form.query_one("#f-stage", Select).value = "lost"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form, "not saved without a reason"
        assert "-error" in form.query_one("#e-reason").classes
        form.query_one("#f-reason").focus()
        await pilot.press(*"price", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
    row = _one(demo_db, "SELECT stage, lost_reason FROM opportunity WHERE id = :id", id=opp_id)
    assert (row["stage"], row["lost_reason"]) == ("lost", "price")


async def test_log_call_with_bad_minutes_then_fixed(demo_db: Path) -> None:
    cid = _customer_with_opportunity(demo_db)
    before = _one(demo_db, "SELECT count(*) AS n FROM activity WHERE customer_id = :c", c=cid)["n"]
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await _card(pilot, cid)
        await pilot.press("l")
        form = app.screen
        assert isinstance(form, LogActivityForm)
        await pilot.press("1", *"visit", "tab", *"ten", "enter")
        await wait_for(pilot, lambda: "-error" in form.query_one("#e-minutes").classes)
        assert app.screen is form and "-error" in form.query_one("#e-minutes").classes
        assert form.query_one("#f-note", Input).value == "visit"
        await pilot.press("backspace", "backspace", "backspace", *"10", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
    after = _one(demo_db, "SELECT count(*) AS n FROM activity WHERE customer_id = :c", c=cid)["n"]
    assert after in (before, before + 1)  # a planned call is completed, else a new one logged
    row = _one(
        demo_db,
        "SELECT outcome, minutes FROM activity WHERE customer_id = :c "
        "AND done_at IS NOT NULL ORDER BY updated_at DESC LIMIT 1",
        c=cid,
    )
    assert (row["outcome"], row["minutes"]) == ("reached", 10)


async def test_edit_customer(demo_db: Path) -> None:
    cid = _customer_with_opportunity(demo_db)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _card(pilot, cid)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, CustomerForm)
        form.query_one("#f-grade", Select).value = "A"
        email = form.query_one("#f-email", Input)
        email.value = "buyer@example.com"
        form.query_one("#f-needs").load_text("fast delivery")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.card is not None and screen.card["grade"] == "A"
        assert "fast delivery" in static_text(screen.query_one("#profile-text", Static))
    row = _one(demo_db, "SELECT grade, email, needs FROM customer WHERE id = :id", id=cid)
    assert tuple(row) == ("A", "buyer@example.com", "fast delivery")


async def test_trash_asks_first(demo_db: Path) -> None:
    cid = _customer_with_opportunity(demo_db)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await _card(pilot, cid)
        await pilot.press("delete", "n")
        assert isinstance(app.screen, CardScreen)
        await pilot.press("delete", "y")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert _one(demo_db, "SELECT deleted_at FROM customer WHERE id = :id", id=cid)["deleted_at"]


async def test_enter_on_a_planned_action_completes_it(demo_db: Path) -> None:
    row = _one(
        demo_db,
        "SELECT id, customer_id FROM activity WHERE done_at IS NULL ORDER BY due_at LIMIT 1",
    )
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _card(pilot, row["customer_id"])
        timeline = screen.query_one("#timeline-table", PanelTable)
        timeline.focus()
        assert "planned" in timeline.records[0]
        await pilot.press("enter")
        assert isinstance(app.screen, LogActivityForm)
        await pilot.press("2", "enter")
        await settle(pilot)
    done = _one(demo_db, "SELECT outcome FROM activity WHERE id = :id", id=row["id"])
    assert done["outcome"] == "no-answer"
