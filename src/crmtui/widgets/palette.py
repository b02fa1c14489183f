"""The command palette's "jump to customer": type part of a name, its pinyin or a phone number."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import SystemCommand
from textual.command import Hit, Hits, Provider

from crmtui.i18n import _
from crmtui.textsafe import visible
from crmtui.widgets.data_access import crm
from crmtui.widgets.text import plain

if TYPE_CHECKING:
    from crmtui.services.customers.types import ListedCustomer

LIMIT = 12


class CustomerJump(Provider):
    """Customers whose name, pinyin, phone or tags match what is typed, best first."""

    def _find(self, query: str) -> list[ListedCustomer]:
        from crmtui.services.customers.read import list_customers

        with crm(self.app).readers.reader() as reader:
            return list_customers(reader, search=query, limit=LIMIT)

    async def search(self, query: str) -> Hits:
        if not query.strip():
            return
        try:
            rows = await asyncio.to_thread(self._find, query)
        except Exception:  # a busy or failing database simply gives no hits here
            return
        app = crm(self.app)
        for rank, row in enumerate(rows):
            label = Text.assemble(
                ("Jump to ", "dim"),
                plain(row["name"], style="bold"),
                (
                    f"  #{row['id']} · {row['stage']}"
                    + (f" · {row['grade']}" if row["grade"] else ""),
                    "dim",
                ),
            )
            yield Hit(
                0.95 - rank * 0.01,
                label,
                partial(app.open_card, int(row["id"])),
                text=f"Jump to {visible(row['name'])}",
            )


def report_and_query_commands(app: Any) -> Iterator[SystemCommand]:
    """Palette entries for each report and each saved query (``app.saved_queries``, loaded
    off the main thread); they call the app's ``action_report`` and ``action_saved_query``."""
    for name in ("pareto", "funnel", "lost", "customers", "activity", "sales", "expenses"):
        yield SystemCommand(
            _("Report: {name}").format(name=name),
            _("as crm report {name} shows it, with charts").format(name=name),
            partial(app.action_report, name),
        )
    for name, query in app.saved_queries:
        yield SystemCommand(
            _("Saved query: {name}").format(name=visible(name)),
            visible(query),
            partial(app.action_saved_query, query),
        )
    for name, pinned in getattr(app, "saved_pins", []):
        title = _("Unpin from the desktop: {name}") if pinned else _("Pin on the desktop: {name}")
        yield SystemCommand(
            title.format(name=visible(name)),
            _("a saved query as a desktop panel (crm query pin)"),
            partial(app.action_pin_query, name, not pinned),
        )
