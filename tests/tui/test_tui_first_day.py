"""A salesperson's first day in the TUI (issue 10): navigation, narrow columns, pasted form input,
the log and follow-up forms' time and contact fields, and contact notes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, Select, TextArea

from crmtui.app import CrmApp
from crmtui.screens.card import CardScreen
from crmtui.screens.planner import PlannerScreen
from crmtui.screens.today import TodayScreen
from crmtui.widgets.activity_forms import FollowUpForm, LogActivityForm
from crmtui.widgets.contact_form import ContactForm
from crmtui.widgets.form import FormScreen
from crmtui.widgets.panel_table import PanelTable
from tests.tui.tui_helpers import settle, table_text, wait_for


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


async def _contact_form(pilot: Any, app: CrmApp) -> ContactForm:
    await settle(pilot)
    app.open_card(1)
    assert await wait_for(pilot, lambda: isinstance(app.screen, CardScreen))
    await pilot.press("c")
    assert await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
    await pilot.pause()
    form = app.screen
    assert isinstance(form, ContactForm)
    return form


async def test_a_burst_of_keys_goes_field_by_field(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        form = await _contact_form(pilot, app)
        # what a terminal delivers when text is typed or pasted faster than the app handles it
        for key, char in [("赵", "赵"), ("六", "六"), ("tab", "\t"), ("经", "经"), ("理", "理")]:
            app.post_message(events.Key(key, char))
        assert await wait_for(pilot, lambda: form.value("role") == "经理")
        assert form.value("name") == "赵六"


async def test_a_pasted_tab_moves_on_to_the_next_field(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        form = await _contact_form(pilot, app)
        form.query_one("#f-name", Input).post_message(events.Paste("赵六\t经理\t138 0013 8000"))
        assert await wait_for(pilot, lambda: form.value("phones") == "138 0013 8000")
        assert (form.value("name"), form.value("role")) == ("赵六", "经理")
        assert form.focused is form.query_one("#f-phones")
        # a plain paste stays in its field
        form.query_one("#f-email", Input).post_message(events.Paste("zl@example.com"))
        assert await wait_for(pilot, lambda: form.value("email") == "zl@example.com")
        assert form.value("birthday") == ""
        # more pieces than fields: the rest stays in the last field, nothing wraps round
        form.query_one("#f-birthday", Input).post_message(events.Paste("08-15\textra"))
        assert await wait_for(pilot, lambda: form.value("birthday") == "08-15 extra")
        assert form.value("name") == "赵六"


LONG = " International Holdings and Trading Group Company Limited 国际控股贸易集团有限公司"


def _lengthen_every_name(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE customer SET name = name || ?", (LONG,))
    conn.close()


def _headers_cut(screen: Any) -> list[str]:
    """Each column header of each table of ``screen`` that its table does not show in full."""
    cut = []
    for table in screen.query(PanelTable):
        header = table.render_line(0).text
        for column in table.ordered_columns:
            label = column.label.plain
            if label not in header or table.scroll_x:
                cut.append(f"{table.id}: {label}")
    return cut


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_every_column_header_shows_beside_a_very_long_name(
    demo_db: Path, size: tuple[int, int]
) -> None:
    _lengthen_every_name(demo_db)
    app = CrmApp()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        calls = app.screen.query_one("#calls", PanelTable)
        assert await wait_for(pilot, lambda: calls.loaded and calls.records)
        await settle(pilot)
        assert _headers_cut(app.screen) == []
        await pilot.press("p")
        assert await wait_for(pilot, lambda: isinstance(app.screen, PlannerScreen))
        await settle(pilot)
        planner = app.screen
        assert planner.query_one("#plan", PanelTable).records
        assert planner.query_one("#unplaced", PanelTable).records
        assert _headers_cut(planner) == []
        for table, label in (("#plan", "goal"), ("#unplaced", "what would help")):
            column = next(
                c
                for c in planner.query_one(table, PanelTable).ordered_columns
                if c.label.plain == label
            )
            assert column.width >= 20, (table, label, column.width)


def _row(path: Path, sql: str, **params: Any) -> sqlite3.Row:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute(sql, params).fetchone()
    finally:
        conn.close()
    assert row is not None, sql
    return row


def _two_contacts(path: Path) -> tuple[int, int]:
    """A customer with at least two contacts, and its second contact by name."""
    row = _row(
        path,
        "SELECT customer_id FROM contact WHERE deleted_at IS NULL "
        "GROUP BY customer_id HAVING count(*) >= 2 ORDER BY customer_id LIMIT 1",
    )
    second = _row(
        path,
        "SELECT id FROM contact WHERE customer_id = :c AND deleted_at IS NULL "
        "ORDER BY name COLLATE NOCASE, id LIMIT 1 OFFSET 1",
        c=row["customer_id"],
    )
    return int(row["customer_id"]), int(second["id"])


async def _card_form(pilot: Any, app: CrmApp, customer_id: int, key: str) -> Any:
    await settle(pilot)
    app.open_card(customer_id)
    assert await wait_for(pilot, lambda: isinstance(app.screen, CardScreen))
    await settle(pilot)
    await pilot.press(key)
    assert await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
    await settle(pilot)
    return app.screen


async def test_log_form_takes_a_past_time_and_a_contact(demo_db: Path) -> None:
    customer_id, contact_id = _two_contacts(demo_db)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        form = await _card_form(pilot, app, customer_id, "l")
        assert isinstance(form, LogActivityForm)
        assert form.value("when") == "now"
        form.query_one("#f-when", Input).value = "tomorrow 10:00"
        await wait_for(pilot, lambda: "-error" in form.query_one("#e-when").classes)
        assert "-error" in form.query_one("#e-when").classes, "a log is never in the future"
        form.query_one("#f-when", Input).value = "2026-03-10 15:30"
        form.query_one("#f-contact", Select).value = contact_id
        await wait_for(pilot, lambda: "-error" not in form.query_one("#e-when").classes)
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CardScreen))
        await settle(pilot)
    row = _row(
        demo_db,
        "SELECT done_at, contact_id FROM activity WHERE customer_id = :c "
        "AND done_at IS NOT NULL ORDER BY updated_at DESC, id DESC LIMIT 1",
        c=customer_id,
    )
    assert row["done_at"].startswith("2026-03-10 07:30")  # 15:30 in Shanghai, stored in UTC
    assert row["contact_id"] == contact_id


async def test_log_form_from_the_plan_offers_the_customers_contacts(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        call = next(
            c for c in app.screen.query_one("#calls", PanelTable).records if c.get("contact_id")
        )
        app.push_screen(LogActivityForm(call["customer_id"], call["customer"], plan_call=call))
        assert await wait_for(pilot, lambda: isinstance(app.screen, LogActivityForm))
        form = app.screen
        assert await wait_for(pilot, lambda: form.query("#f-contact"))
        choice = form.query_one("#f-contact", Select)
        expected = _row(
            demo_db,
            "SELECT count(*) AS n FROM contact WHERE customer_id = :c AND deleted_at IS NULL",
            c=call["customer_id"],
        )["n"]
        assert await wait_for(pilot, lambda: len(choice._options) - 1 == expected)  # and (none)
        assert choice.value == call["contact_id"]
        assert form.value("when") == "now"


async def test_follow_up_form_has_a_contact(demo_db: Path) -> None:
    customer_id, contact_id = _two_contacts(demo_db)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        form = await _card_form(pilot, app, customer_id, "f")
        assert isinstance(form, FollowUpForm)
        form.query_one("#f-note", Input).value = "send the price list"
        form.query_one("#f-contact", Select).value = contact_id
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CardScreen))
        await settle(pilot)
    row = _row(demo_db, "SELECT contact_id FROM activity WHERE note = 'send the price list'")
    assert row["contact_id"] == contact_id


async def test_contact_notes_show_on_the_card_and_can_be_edited(demo_db: Path) -> None:
    customer_id, contact_id = _two_contacts(demo_db)
    conn = sqlite3.connect(demo_db)
    with conn:
        conn.execute("UPDATE contact SET notes = '[b]喜欢早上联系[/b]' WHERE id = ?", (contact_id,))
    conn.close()
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        app.open_card(customer_id)
        assert await wait_for(pilot, lambda: isinstance(app.screen, CardScreen))
        card = app.screen
        await settle(pilot)
        await pilot.press("2")  # the contacts tab
        table = card.query_one("#contacts-table", PanelTable)
        assert await wait_for(pilot, lambda: table.records)
        assert "notes" in [c.label.plain for c in table.ordered_columns]
        assert any("[b]喜欢早上联系[/b]" in row for row in table_text(table))  # never markup
        index = next(i for i, r in enumerate(table.records) if r["contact"]["id"] == contact_id)
        table.focus()
        table.move_cursor(row=index)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: isinstance(app.screen, ContactForm))
        form = app.screen
        await wait_for(pilot, lambda: form.value("notes") == "[b]喜欢早上联系[/b]")
        assert form.value("notes") == "[b]喜欢早上联系[/b]"
        form.query_one("#f-notes", TextArea).load_text("只在下午联系")
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: app.screen is card)
        await settle(pilot)
        assert any("只在下午联系" in row for row in table_text(table))
    row = _row(demo_db, "SELECT notes FROM contact WHERE id = :id", id=contact_id)
    assert row["notes"] == "只在下午联系"


async def test_a_new_contact_keeps_its_notes(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        form = await _contact_form(pilot, app)
        form.query_one("#f-name", Input).value = "钱七"
        form.query_one("#f-notes", TextArea).load_text("met at the trade fair")
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CardScreen))
        await settle(pilot)
    row = _row(demo_db, "SELECT notes FROM contact WHERE name = '钱七'")
    assert row["notes"] == "met at the trade fair"
