"""Editing and deleting card records in the TUI, merging from the card, and Ctrl+Z (issue 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import TextArea

from crmtui import clock
from crmtui.app import CrmApp
from crmtui.db.engine import open_database
from crmtui.screens.card import CardScreen
from crmtui.widgets.confirm import Confirm
from crmtui.widgets.merge_picker import MergePicker
from crmtui.widgets.panel_table import PanelTable
from crmtui.widgets.record_edit_forms import EditActivityForm, EditNoteForm
from tests.tui.tui_helpers import settle, wait_for


def _seed(db_path: Path) -> dict[str, int]:
    from crmtui.services.activities.write import log_activity, plan_activity
    from crmtui.services.contacts.write import create_contact
    from crmtui.services.customers.write import create_customer
    from crmtui.services.notes.write import add_note

    db = open_database(str(db_path))
    now = clock.now()
    ids: dict[str, int] = {}
    try:
        with db.session() as s:
            keep = create_customer(s, now=now, name="宏达机械", phones=["+86 21 5555 0101"])
            other = create_customer(
                s, now=now, name="上海宏达", phones=["021 5555 0101"], country="CN", city="上海"
            )
            assert keep.id and other.id
            ids["keep"], ids["other"] = keep.id, other.id
            ids["contact"] = int(create_contact(s, now=now, customer_id=keep.id, name="王丽").id)
            ids["done"] = int(
                log_activity(s, now=now, customer_id=keep.id, outcome="busy", note="first try").id
            )
            ids["note"] = int(add_note(s, now=now, body="likes tea", customer_id=keep.id).id)
            create_contact(s, now=now, customer_id=other.id, name="李强")
            plan_activity(s, now=now, customer_id=other.id, due_at=now, note="from other")
    finally:
        db.dispose()
    return ids


def _one(db: Path, sql: str, **params: Any) -> Any:
    with open_database(str(db)).reader() as reader:
        return reader.one(sql, params)


async def _card(pilot: Any, customer_id: int) -> CardScreen:
    await settle(pilot)
    pilot.app.open_card(customer_id)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CardScreen) and screen.card is not None
    return screen


async def _undo(pilot: Any) -> None:
    await pilot.press("ctrl+z")
    await settle(pilot)


async def test_enter_on_a_logged_activity_edits_it_and_ctrl_z_undoes(empty_db: Path) -> None:
    ids = _seed(empty_db)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _card(pilot, ids["keep"])
        timeline = screen.query_one("#timeline-table", PanelTable)
        timeline.focus()
        assert "done" in timeline.records[0]
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, EditActivityForm)
        assert form.query("#form-delete")
        form.query_one("#f-note", TextArea).load_text("reached the boss [b]x[/b]")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        sql = "SELECT note, outcome FROM activity WHERE id = :id"
        assert _one(empty_db, sql, id=ids["done"])["note"] == "reached the boss [b]x[/b]"
        await _undo(pilot)
        assert _one(empty_db, sql, id=ids["done"])["note"] == "first try"


async def test_delete_button_removes_an_activity_and_ctrl_z_brings_it_back(
    empty_db: Path,
) -> None:
    ids = _seed(empty_db)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _card(pilot, ids["keep"])
        screen.query_one("#timeline-table", PanelTable).focus()
        await pilot.press("x")
        assert isinstance(app.screen, EditActivityForm)
        await pilot.click("#form-delete")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        sql = "SELECT note FROM activity WHERE id = :id"
        assert _one(empty_db, sql, id=ids["done"]) is None
        assert isinstance(app.screen, CardScreen)
        assert await wait_for(pilot, lambda: screen.card and screen.card["history"] == [])
        await _undo(pilot)
        assert _one(empty_db, sql, id=ids["done"])["note"] == "first try"
        assert await wait_for(pilot, lambda: screen.card and len(screen.card["history"]) == 1)


async def test_notes_and_contacts_edit_delete_and_undo(empty_db: Path) -> None:
    ids = _seed(empty_db)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await _card(pilot, ids["keep"])
        await pilot.press("5", "enter")
        form = app.screen
        assert isinstance(form, EditNoteForm)
        form.query_one("#f-body", TextArea).load_text("likes green tea")
        await pilot.press("ctrl+s")
        await settle(pilot)
        sql = "SELECT body FROM note WHERE id = :id"
        assert _one(empty_db, sql, id=ids["note"])["body"] == "likes green tea"
        await pilot.press("x")
        assert isinstance(app.screen, EditNoteForm)
        await pilot.click("#form-delete")
        assert await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await settle(pilot)
        assert _one(empty_db, sql, id=ids["note"]) is None
        await _undo(pilot)
        assert _one(empty_db, sql, id=ids["note"])["body"] == "likes green tea"
        await _undo(pilot)
        assert _one(empty_db, sql, id=ids["note"])["body"] == "likes tea"

        await pilot.press("2", "x")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)
        gone = "SELECT deleted_at FROM contact WHERE id = :id"
        assert _one(empty_db, gone, id=ids["contact"])["deleted_at"] is not None
        await _undo(pilot)
        assert _one(empty_db, gone, id=ids["contact"])["deleted_at"] is None
        await _undo(pilot)  # nothing left: says so, changes nothing
        assert _one(empty_db, gone, id=ids["contact"])["deleted_at"] is None


async def test_merge_from_the_card_picks_a_duplicate_confirms_and_undoes(empty_db: Path) -> None:
    ids = _seed(empty_db)
    app = CrmApp()
    owner = "SELECT customer_id FROM contact WHERE name = '李强'"
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _card(pilot, ids["keep"])
        await pilot.press("M")
        assert isinstance(app.screen, MergePicker)
        await settle(pilot)
        await pilot.press("enter")  # the likely duplicate (same phone) is offered first
        assert await wait_for(pilot, lambda: isinstance(app.screen, Confirm))
        question = str(app.screen.question)  # type: ignore[attr-defined]
        assert "上海宏达" in question and "move 1 contacts" in question
        await pilot.press("y")
        await settle(pilot)
        assert _one(empty_db, owner)["customer_id"] == ids["keep"]
        other = "SELECT deleted_at, city FROM customer WHERE id = :id"
        assert _one(empty_db, other, id=ids["other"])["deleted_at"] is not None
        assert await wait_for(pilot, lambda: screen.card and len(screen.card["contacts"]) == 2)
        await _undo(pilot)
        assert _one(empty_db, owner)["customer_id"] == ids["other"]
        assert _one(empty_db, other, id=ids["other"])["deleted_at"] is None
        keep_city = "SELECT city FROM customer WHERE id = :id"
        assert _one(empty_db, keep_city, id=ids["keep"])["city"] is None
