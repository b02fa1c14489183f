"""A small table of records (a desktop panel, a tab of the card) whose rows remember their data.

Rows carry the record they show, so a handler can ask for :meth:`PanelTable.current` and open the
right card. Arrow keys leave the table at its edges, so the arrows move between panels as well as
within them. Every cell is plain text (see :mod:`crmtui.widgets.text`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowKey

from crmtui.widgets.text import plain

Cell = str | Text | None


class PanelTable(DataTable[Text]):
    """A row-cursor table whose rows map to records; refreshes keep the cursor in place."""

    BINDINGS = [
        Binding("left", "leave(-1)", "Previous panel", show=False),
        Binding("right", "leave(1)", "Next panel", show=False),
    ]

    def __init__(
        self,
        columns: Sequence[str],
        *,
        empty: str = "nothing here",
        edge_leaves: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)
        self._column_names = list(columns)
        self._records: dict[RowKey, dict[str, Any]] = {}
        self._empty = empty
        self.edge_leaves = edge_leaves
        self.loaded = False

    def _ensure_columns(self) -> None:
        if not self.columns:
            self.add_columns(*self._column_names)

    def on_mount(self) -> None:
        self._ensure_columns()

    def fill(
        self,
        rows: Iterable[tuple[dict[str, Any], Sequence[Cell]]],
        *,
        empty: str | None = None,
        pending: bool = False,
    ) -> None:
        """Replace the rows; each is ``(record, cells)``. The cursor stays on the same record.

        ``empty`` replaces the text shown when there are no rows; ``pending`` says the rows are a
        stand-in until the real ones come (``loaded`` stays False).
        """
        self._ensure_columns()
        previous = self.current()
        old_key = previous.get("_key") if previous else None
        old_row = self.cursor_row
        prepared = [(record, [self._cell(c) for c in cells]) for record, cells in rows]
        self.clear(columns=True)  # columns are re-measured: a placeholder must not keep them wide
        # Widths are measured here, from every row, rather than left to the table's idle-time
        # measuring: a frame drawn before that would keep stale widths for the first lines.
        note = Text(empty or self._empty, style="dim italic")
        for index, name in enumerate(self._column_names):
            widths = [cell_len(name)] + [c[index].cell_len for _, c in prepared if index < len(c)]
            if index == 0 and not prepared:
                widths.append(note.cell_len)
            self.add_column(name, width=max(widths))
        self._records.clear()
        keys: list[str] = []
        for index, (record, cells) in enumerate(prepared):
            key = str(record.get("_key") or f"row-{index}")
            record = {**record, "_key": key}
            row_key = self.add_row(*cells, key=key)
            self._records[row_key] = record
            keys.append(key)
        if not keys:
            blank = [Text("")] * max(len(self._column_names) - 1, 0)
            self.add_row(note, *blank, key="__empty__")
        self.loaded = not pending
        if old_key in keys:
            self.move_cursor(row=keys.index(old_key), animate=False, scroll=False)
        elif keys:
            self.move_cursor(row=min(old_row, len(keys) - 1), animate=False, scroll=False)

    @staticmethod
    def _cell(value: Cell) -> Text:
        return value if isinstance(value, Text) else plain(value)

    @property
    def records(self) -> list[dict[str, Any]]:
        return list(self._records.values())

    def current(self) -> dict[str, Any] | None:
        """The record under the cursor, if any."""
        if not self._records or self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except CellDoesNotExist:
            return None
        return self._records.get(key)

    def record_for(self, key: RowKey) -> dict[str, Any] | None:
        return self._records.get(key)

    def action_leave(self, direction: int) -> None:
        if direction < 0:
            self.screen.focus_previous()
        else:
            self.screen.focus_next()

    def action_cursor_up(self) -> None:
        if self.edge_leaves and self.cursor_row <= 0:
            self.screen.focus_previous()
        else:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if self.edge_leaves and self.cursor_row >= self.row_count - 1:
            self.screen.focus_next()
        else:
            super().action_cursor_down()
