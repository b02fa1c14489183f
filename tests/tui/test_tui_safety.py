"""Names that look like markup or hold escape sequences show literally everywhere, harmlessly."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Static

from crmtui import clock
from crmtui.app import CrmApp
from crmtui.db.engine import open_database
from crmtui.screens.card import CardScreen
from crmtui.screens.customers import CustomersScreen
from crmtui.textsafe import visible
from crmtui.widgets.customer_list import CustomerList
from crmtui.widgets.panel_table import PanelTable
from tests.tui.tui_helpers import list_text, settle, static_text, table_text, wait_for

HOSTILE = [
    "[VIP] 张伟",
    "a[/]b",
    "[@click=app.quit]x",
    "\x1b[2J\x1b]0;pwned\x07evil\x1b[31m",
    "[bold red]loud[/bold red] \u202etxt",
]


def _seed(db_path: Path) -> list[int]:
    from crmtui.services.activities.write import plan_activity
    from crmtui.services.contacts.write import create_contact
    from crmtui.services.customers.write import create_customer
    from crmtui.services.notes.write import add_note

    db = open_database(str(db_path))
    now = clock.now()
    ids = []
    with db.session() as session:
        for name in HOSTILE:
            customer = create_customer(
                session, now=now, name=name, tags=["[x]"], notes=name, personality=name, city=name
            )
            assert customer.id is not None
            ids.append(customer.id)
            create_contact(session, now=now, customer_id=customer.id, name=name, role=name)
            plan_activity(session, now=now, customer_id=customer.id, due_at=now, note=name)
            add_note(session, now=now, body=name, customer_id=customer.id, pinned=True)
    db.dispose()
    return ids


async def test_hostile_names_show_literally_everywhere(empty_db: Path) -> None:
    ids = _seed(empty_db)
    shown = [visible(n) for n in HOSTILE]
    app = CrmApp()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        desk = app.screen
        recent = "\n".join(table_text(desk.query_one("#recent-customers", PanelTable)))
        week = "\n".join(table_text(desk.query_one("#week", PanelTable)))
        pinned = "\n".join(table_text(desk.query_one("#pinned", PanelTable)))
        for text in shown:
            assert text in recent and text in week and text in pinned
        app.save_screenshot(str(empty_db.parent / "desk.svg"))  # a full render must not fail

        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, CustomersScreen)
        lines = "\n".join(list_text(app.screen.query_one(CustomerList)))
        for text in shown:
            assert text[:20] in lines  # the name column may cut long names

        for customer_id, text in zip(ids, shown, strict=True):
            app.open_card(customer_id)
            await settle(pilot)
            card = app.screen
            assert isinstance(card, CardScreen)
            header = static_text(card.query_one("#card-header", Static))
            profile = static_text(card.query_one("#profile-text", Static))
            assert header.startswith(text) and text in profile
            for table in ("contacts", "timeline", "notes"):
                assert any(
                    text in row for row in table_text(card.query_one(f"#{table}-table", PanelTable))
                )
            await pilot.click("#card-header")
            await pilot.press("escape")
        assert app.is_running, "a [@click=app.quit] name must not be a link"


async def test_palette_shows_hostile_names_as_text(empty_db: Path) -> None:
    ids = _seed(empty_db)
    app = CrmApp()
    async with app.run_test(size=(120, 35)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        assert await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"click")
        palette = app.screen
        assert await wait_for(
            pilot,
            lambda: (
                palette.query("CommandList Option")
                or palette.query_one("CommandList").option_count > 0
            ),
        )
        options = palette.query_one("CommandList")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("[@click=app.quit]x" in p for p in prompts), prompts
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen) and app.screen.customer_id == ids[2]
        assert app.is_running
