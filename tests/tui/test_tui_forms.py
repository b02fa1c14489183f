"""Forms check as you type, say what is wrong next to the field, and never lose what was typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from crmtui.app import CrmApp
from crmtui.db.engine import Database, open_database
from crmtui.errors import DatabaseProblem, InvalidInput
from crmtui.messages_en import MESSAGES
from crmtui.screens.card import CardScreen
from crmtui.widgets.customer_form import CustomerForm
from tests.tui.tui_helpers import settle, static_text, wait_for


def _count(db: Path) -> int:
    with open_database(str(db)).reader() as reader:
        return int(reader.scalar("SELECT count(*) FROM customer"))


async def test_add_customer_validation_error_then_success(demo_db: Path) -> None:
    before = _count(demo_db)
    app = CrmApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, CustomerForm)
        await pilot.press(*"[VIP] 张伟")
        email = form.query_one("#f-email", Input)
        email.focus()
        email.value = "zhang.example"
        await pilot.press(*".com")  # as you type
        message = form.query_one("#e-email", Static)
        assert "-error" in message.classes and "not an email" in static_text(message)
        phones = form.query_one("#f-phones", Input)
        phones.focus()
        phones.value = "1380013800"
        await pilot.press("0")
        assert "+86 138 0013 8000" in static_text(form.query_one("#e-phones", Static))
        await pilot.press("enter")
        error = form.query_one("#form-error", Static)
        await wait_for(pilot, lambda: "fix the marked fields" in static_text(error))
        assert app.screen is form, "a bad field stops the save"
        assert form.query_one("#f-email").has_focus
        assert "fix the marked fields" in static_text(form.query_one("#form-error", Static))
        assert form.query_one("#f-name", Input).value == "[VIP] 张伟"
        email.value = "zhang@example"
        await pilot.press(*".com")
        assert "-error" not in form.query_one("#e-email").classes
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.card is not None and app.screen.card["name"] == "[VIP] 张伟"
    assert _count(demo_db) == before + 1
    with open_database(str(demo_db)).reader() as reader:
        row = reader.one("SELECT email, phones FROM customer WHERE name = '[VIP] 张伟'")
    assert row is not None and row["email"] == "zhang@example.com"
    assert "+86 138 0013 8000" in row["phones"]


async def test_refusal_from_the_service_lands_next_to_its_field(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: CustomerForm, session: Any, values: dict[str, Any]) -> Any:
        raise InvalidInput("bad-phone", field="phones", value="12")

    monkeypatch.setattr(CustomerForm, "save", refuse)
    app = CrmApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Acme", "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CustomerForm)
        assert "not a phone number" in static_text(form.query_one("#e-phones", Static))
        assert form.query_one("#f-phones").has_focus
        assert form.query_one("#f-name", Input).value == "Acme"


async def test_refusal_finds_its_field_by_field_not_by_words(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # words that name no field (as a translated catalogue will have): the field still gets it
    monkeypatch.setitem(MESSAGES, "bad-phone", "号码无法识别：{value!r}")

    def refuse(self: CustomerForm, session: Any, values: dict[str, Any]) -> Any:
        raise InvalidInput("bad-phone", field="phones", value="12")

    monkeypatch.setattr(CustomerForm, "save", refuse)
    app = CrmApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Acme", "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CustomerForm)
        assert "号码无法识别：'12'" in static_text(form.query_one("#e-phones", Static))
        assert form.query_one("#f-phones").has_focus


async def test_refusal_about_a_field_the_form_lacks_goes_above_the_buttons(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: CustomerForm, session: Any, values: dict[str, Any]) -> Any:
        raise InvalidInput("lost-needs-reason", field="reason")

    monkeypatch.setattr(CustomerForm, "save", refuse)
    app = CrmApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Acme", "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CustomerForm)
        assert "say why" in static_text(form.query_one("#form-error", Static))
        assert "-error" not in form.query_one("#e-name").classes


async def test_busy_database_is_a_notification(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(self: Database) -> Any:
        raise DatabaseProblem("the database is busy in another crm window; try again")

    monkeypatch.setattr(Database, "session", busy)
    app = CrmApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Acme", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerForm), "the form stays open with what was typed"
        assert any("busy" in n.message for n in app._notifications)
        await pilot.press("escape")
        assert app.is_running


async def test_cancel_writes_nothing(demo_db: Path) -> None:
    before = _count(demo_db)
    app = CrmApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Nobody", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, CustomerForm)
    assert _count(demo_db) == before
