"""A small table of records (a desktop panel, a tab of the card) whose rows remember their data.

Rows carry the record they show, so a handler can ask for :meth:`PanelTable.current` and open the
right card. Arrow keys leave the table at its edges, so the arrows move between panels as well as
within them. Every cell is plain text (see :mod:`crmtui.widgets.text`). Columns are fitted to the
table's width whenever it changes (see :mod:`crmtui.widgets.column_fit`): a long name gives way
instead of pushing the columns after it out of sight.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowKey

from crmtui.i18n import N_, translate
from crmtui.widgets.column_fit import GIVE_BY_HEADER, Give, fit_cell, fit_widths
from crmtui.widgets.text import plain

Cell = str | Text | None


class PanelTable(DataTable[Text]):
    """A row-cursor table whose rows map to records; refreshes keep the cursor in place.

    ``give`` says how columns give way when the table is narrow (by header; crmtui's usual
    columns by default)."""

    BINDINGS = [
        Binding("left", "leave(-1)", N_("Previous panel"), show=False),
        Binding("right", "leave(1)", N_("Next panel"), show=False),
    ]

    def __init__(
        self,
        columns: Sequence[str],
        *,
        empty: str = N_("nothing here"),
        edge_leaves: bool = True,
        give: Mapping[str, Give] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)
        self._column_names = list(columns)
        self._records: dict[RowKey, dict[str, Any]] = {}
        self._empty = empty
        self.edge_leaves = edge_leaves
        self.loaded = False
        self.give = dict(GIVE_BY_HEADER if give is None else give)
        self._rows: list[tuple[dict[str, Any], list[Text]]] | None = None
        self._note = Text("")
        self._laid_out_for = -1

    def _ensure_columns(self) -> None:
        if not self.columns:
            self.add_columns(*(translate(name) for name in self._column_names))

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
        self._rows = [(record, [self._cell(c) for c in cells]) for record, cells in rows]
        self._note = Text(translate(empty or self._empty), style="dim italic")
        self._lay_out()
        self.loaded = not pending

    def on_resize(self) -> None:
        if self._rows is not None and self._room() != self._laid_out_for:
            self._lay_out()

    def _room(self) -> int:
        """Cells for the columns' text: the width less each column's padding and a scrollbar."""
        width = self.size.width - int(self.styles.scrollbar_size_vertical)
        return width - 2 * self.cell_padding * len(self._column_names)

    def _lay_out(self) -> None:
        """Put the rows in, with the columns fitted to the width the table has now."""
        assert self._rows is not None
        previous = self.current()
        old_key = previous.get("_key") if previous else None
        old_row = self.cursor_row
        prepared, note = self._rows, self._note
        self.clear(columns=True)  # columns are re-measured: a placeholder must not keep them wide
        # Widths are measured here, from every row, rather than left to the table's idle-time
        # measuring: a frame drawn before that would keep stale widths for the first lines.
        natural = []
        for index, name in enumerate(self._column_names):
            widths = [cell_len(translate(name))]
            widths += [c[index].cell_len for _, c in prepared if index < len(c)]
            if index == 0 and not prepared:
                widths.append(note.cell_len)
            natural.append(max(widths))
        room = self._room()
        self._laid_out_for = room
        fitted = (
            fit_widths(self._column_names, natural, room, self.give) if self.size.width else natural
        )
        gives = [self.give.get(name) for name in self._column_names]
        for name, width in zip(self._column_names, fitted, strict=True):
            self.add_column(translate(name), width=width)
        self._records.clear()
        keys: list[str] = []
        for index, (record, cells) in enumerate(prepared):
            key = str(record.get("_key") or f"row-{index}")
            record = {**record, "_key": key}
            shaped = [
                fit_cell(cell, fitted[i], gives[i]) if i < len(fitted) else cell
                for i, cell in enumerate(cells)
            ]
            wraps = any(
                not c.no_wrap and c.cell_len > fitted[i]
                for i, c in enumerate(shaped[: len(fitted)])
            )
            row_key = self.add_row(*shaped, key=key, height=None if wraps else 1)
            self._records[row_key] = record
            keys.append(key)
        if not keys:
            blank = [Text("")] * max(len(self._column_names) - 1, 0)
            self.add_row(note, *blank, key="__empty__")
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
