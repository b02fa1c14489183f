"""What the office screens (events, expenses) share: a list of records on top and, below it, the
card of the record under the cursor, both read off the main thread; a change saved from the
screen is one transaction and reloads every screen that shows data.

Not a screen itself: ``EventsScreen`` and ``ExpensesScreen`` say what their list and card read
and how they show them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.widgets import DataTable

from crmtui.i18n import translate
from crmtui.messages import DataSaved
from crmtui.screens.base import DataScreen
from crmtui.widgets.data_access import read, report, write
from crmtui.widgets.panel_table import PanelTable

if TYPE_CHECKING:
    from sqlmodel import Session

    from crmtui.db.reader import Reader


def plan_table(headers: list[str], *, id: str, empty: str) -> PanelTable:
    """A table of the office screens (no edge moves to the next panel, the planner's look)."""
    return PanelTable(headers, id=id, empty=empty, edge_leaves=False, classes="plan-table")


class ListCardScreen(DataScreen):
    """A list (``#LIST``) and the card of its highlighted row; the worker groups keep their
    names per screen (``LIST``, ``CARD_GROUP``, ``WRITE_GROUP``)."""

    LIST: ClassVar[str]
    CARD_GROUP: ClassVar[str]
    WRITE_GROUP: ClassVar[str]
    NOTHING_CHOSEN: ClassVar[str]  # N_(): said when an action needs a row and none is chosen

    def read_list(self, reader: Reader) -> Sequence[Any]:
        raise NotImplementedError

    def read_card(self, reader: Reader, key: int) -> Any:
        raise NotImplementedError

    def show_list(self, rows: list[dict[str, Any]]) -> None:
        raise NotImplementedError

    def show_card(self, card: Any) -> None:
        raise NotImplementedError

    def load(self) -> None:
        self.run_worker(
            self._load, thread=True, exclusive=True, group=self.LIST, exit_on_error=False
        )

    def _load(self) -> None:
        rows = read(self.app, self.read_list)
        if rows is not None:
            self.deliver(self._show_list, list(rows))

    def _show_list(self, rows: list[dict[str, Any]]) -> None:
        self.show_list(rows)
        self._chosen()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == self.LIST:
            self._chosen()

    def _chosen(self) -> None:
        row = self.listed()
        if row is None:
            return
        key = int(row["id"])
        self.run_worker(
            lambda: self._load_card(key),
            thread=True,
            exclusive=True,
            group=self.CARD_GROUP,
            exit_on_error=False,
        )

    def _load_card(self, key: int) -> None:
        card = read(self.app, lambda r: self.read_card(r, key))
        if card is not None:
            self.deliver(self.show_card, card)

    def listed(self) -> dict[str, Any] | None:
        """The row under the list's cursor."""
        return self.query_one(f"#{self.LIST}", PanelTable).current()

    def chosen(self) -> dict[str, Any] | None:
        """The row under the list's cursor, or None after saying that none is chosen."""
        row = self.listed()
        if row is None:
            self.notify(translate(self.NOTHING_CHOSEN), markup=False)
        return row

    def save(self, change: Callable[[Session], Any]) -> None:
        """Runs ``change`` in one transaction off the main thread; a refusal is shown."""
        self.run_worker(
            lambda: self._save(change), thread=True, group=self.WRITE_GROUP, exit_on_error=False
        )

    def _save(self, change: Callable[[Session], Any]) -> None:
        try:
            write(self.app, change)
        except Exception as exc:
            report(self.app, exc)
            return
        self.deliver(self.app.post_message, DataSaved())

    def action_back(self) -> None:
        self.crm.action_go("today")
