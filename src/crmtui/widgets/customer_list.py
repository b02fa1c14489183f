"""The customer base as one scrolling list that never holds more than a few pages of rows.

The list knows how many customers match (``total``) and keeps pages of ``PAGE`` rows fetched on
demand: drawing a line whose page is missing asks for it with :class:`CustomerList.PageWanted`
and shows a placeholder until :meth:`CustomerList.add_page` brings the rows. Each line is
drawn with the Line API, so a 100,000-row base costs what the visible lines cost.
Columns are measured in terminal cells, so Chinese names line up with Latin ones.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from crmtui import words
from crmtui.i18n import N_, translate
from crmtui.widgets.text import fit

PAGE = 100
KEEP_PAGES = 20


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int
    grow: int = 0
    priority: int = 0  # columns with the highest priority are dropped first when narrow
    right: bool = False


COLUMNS = (
    Column("id", "#", 6, right=True),
    Column("name", N_("Name"), 18, grow=4),
    Column("stage", N_("Stage"), 9),
    Column("grade", "G", 1),
    Column("city", N_("City"), 8, grow=1, priority=2),
    Column("last", N_("Last contact"), 12, priority=1),
    Column("phone", N_("Phone"), 16, grow=1, priority=3),
    Column("tags", N_("Tags"), 8, grow=1, priority=4),
)


def layout(width: int) -> list[tuple[Column, int]]:
    """Columns that fit in ``width`` cells (one space between each) and their widths."""
    columns = list(COLUMNS)
    while len(columns) > 2 and sum(c.width for c in columns) + len(columns) - 1 > width:
        columns.remove(max(columns, key=lambda c: c.priority))
    spare = max(width - sum(c.width for c in columns) - (len(columns) - 1), 0)
    growth = sum(c.grow for c in columns) or 1
    widths = [c.width + spare * c.grow // growth for c in columns]
    # hand the rounding remainder to the name column
    widths[1] += max(width - sum(widths) - (len(columns) - 1), 0)
    return list(zip(columns, widths, strict=True))


class CustomerList(ScrollView, can_focus=True):
    """A virtual list of customers; see the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", N_("Open card"), show=False),
        Binding("up", "move(-1)", N_("Up"), show=False),
        Binding("down", "move(1)", N_("Down"), show=False),
        Binding("pageup", "page(-1)", N_("Page up"), show=False),
        Binding("pagedown", "page(1)", N_("Page down"), show=False),
        Binding("home", "jump(0)", N_("First"), show=False),
        Binding("end", "jump(-1)", N_("Last"), show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "customer-list--header",
        "customer-list--cursor",
        "customer-list--pending",
    }
    # overflow-x hidden: the columns are fitted to the width, so the list never scrolls sideways.
    # Without it, a vertical scrollbar appearing after the virtual width was set (the count
    # arriving early on a busy machine) left a stray horizontal scrollbar on the last line.
    # scrollbar-gutter stable: the vertical scrollbar's room is kept when a search leaves only a
    # few rows, so the columns do not jump wider and back as the scrollbar comes and goes.
    DEFAULT_CSS = """
    CustomerList { height: 1fr; overflow-x: hidden; scrollbar-gutter: stable; }
    CustomerList > .customer-list--header { text-style: bold; color: $text-muted; }
    CustomerList > .customer-list--cursor { background: $surface-lighten-1; }
    CustomerList:focus > .customer-list--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    CustomerList > .customer-list--pending { color: $text-disabled; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class PageWanted(Message):
        """A page of rows is needed for the current query (``generation``)."""

        def __init__(self, generation: int, page: int) -> None:
            super().__init__()
            self.generation = generation
            self.page = page

    class Moved(Message):
        """The cursor moved (the screen's status line follows it)."""

    class Selected(Message):
        """Enter or a double click on a customer."""

        def __init__(self, customer_id: int) -> None:
            super().__init__()
            self.customer_id = customer_id

    def __init__(self, tz: tzinfo, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tz = tz
        self.total = 0
        self.generation = 0
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._wanted: set[int] = set()
        self._layout: list[tuple[Column, int]] = []
        self._layout_width = -1
        self._part = False  # page 0 holds only the first screenful of its rows

    # -- data coming in -------------------------------------------------------------------

    def reset(
        self, generation: int, rows: list[dict[str, Any]], total: int | None, *, part: bool = False
    ) -> None:
        """Show the first page of a new query; ``total`` may follow later. With ``part``, the
        rows are only the first screenful of the page: the rest is asked for when drawn."""
        self.generation = generation
        self._pages.clear()
        self._wanted.clear()
        self._part = part
        self._pages[0] = rows
        self.set_total(generation, total if total is not None else len(rows))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = 0

    def reset_pages(self, generation: int) -> None:
        """Same query, new data (the database changed): drop the pages, keep the place."""
        self.generation = generation
        self._pages.clear()
        self._wanted.clear()
        self.refresh()

    def set_total(self, generation: int, total: int) -> None:
        if generation != self.generation:
            return
        self.total = total
        self.virtual_size = Size(self._width, total + 1)
        if self.cursor >= total:
            self.cursor = max(total - 1, 0)
        self.refresh()

    def add_page(self, generation: int, page: int, rows: list[dict[str, Any]]) -> None:
        if generation != self.generation:
            return
        self._wanted.discard(page)
        if page == 0 and self._part:
            self._part = False
            if len(rows) > self.total:  # not counted yet: the list holds what it has
                self.set_total(generation, len(rows))
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > KEEP_PAGES:
            far = max(self._pages, key=lambda p: abs(p - self.cursor // PAGE))
            del self._pages[far]
        self.refresh()

    def fill_first_page(self) -> None:
        """Ask for the rest of the first page now (typing paused) when only its first
        screenful came, so scrolling on does not show placeholders first."""
        if self._part and 0 not in self._wanted:
            self._wanted.add(0)
            self.post_message(self.PageWanted(self.generation, 0))

    def page_failed(self, generation: int, page: int) -> None:
        if generation == self.generation:
            self._wanted.discard(page)

    def row(self, index: int) -> dict[str, Any] | None:
        """The customer at ``index`` if its page is loaded (asks for it otherwise)."""
        if not 0 <= index < self.total:
            return None
        page, offset = divmod(index, PAGE)
        rows = self._pages.get(page)
        if rows is None:
            if page not in self._wanted:
                self._wanted.add(page)
                self.post_message(self.PageWanted(self.generation, page))
            return None
        if offset >= len(rows) and page == 0 and self._part and page not in self._wanted:
            self._wanted.add(page)  # the first screenful came alone: now the whole page
            self.post_message(self.PageWanted(self.generation, page))
        return rows[offset] if offset < len(rows) else None

    @property
    def current(self) -> dict[str, Any] | None:
        return self.row(self.cursor)

    @property
    def loaded_rows(self) -> int:
        return sum(len(rows) for rows in self._pages.values())

    # -- drawing --------------------------------------------------------------------------

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width

    def _columns(self) -> list[tuple[Column, int]]:
        width = self._width
        if self._layout_width != width:
            self._layout, self._layout_width = layout(width), width
        return self._layout

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self._width, self.total + 1)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def _cells(self, record: dict[str, Any]) -> dict[str, str]:
        last = record.get("last_contact_at")
        phones = record.get("phones") or []
        return {
            "id": str(record["id"]),
            "name": record.get("name") or "",
            "stage": words.label("stage", record["stage"]) if record.get("stage") else "",
            "grade": record.get("grade") or "-",
            "city": record.get("city") or "",
            "last": last.astimezone(self.tz).strftime("%Y-%m-%d") if last else "",
            "phone": phones[0] if phones else "",
            "tags": ", ".join(record.get("tags") or []),
        }

    def _line(self, values: dict[str, str], style: Style) -> Strip:
        segments: list[Segment] = []
        for i, (column, width) in enumerate(self._columns()):
            if i:
                segments.append(Segment(" ", style))
            text = fit(values.get(column.key, ""), width)
            if column.right:
                text = text.strip().rjust(width)
            segments.append(Segment(text, style))
        width = self._width
        return Strip(segments).extend_cell_length(width, style).crop(0, width)

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        if y == 0:
            header = self.get_component_rich_style("customer-list--header")
            return self._line({c.key: translate(c.title) for c in COLUMNS}, base + header)
        index = int(self.scroll_offset.y) + y - 1
        if index >= self.total:
            return Strip.blank(self._width, base)
        record = self.row(index)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("customer-list--cursor")
        if record is None:
            pending = self.get_component_rich_style("customer-list--pending")
            return self._line({"name": "…"}, style + pending)
        return self._line(self._cells(record), style)

    # -- moving ---------------------------------------------------------------------------

    @property
    def _body_height(self) -> int:
        return max(self.size.height - 1, 1)

    def watch_cursor(self, old: int, new: int) -> None:
        top = int(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + self._body_height:
            self.scroll_to(y=new - self._body_height + 1, animate=False, immediate=True)
        self.refresh()
        if self._part and new >= len(self._pages.get(0, ())) - 1:
            self.fill_first_page()  # at the end of the first screenful: the rest of the page
        self.post_message(self.Moved())

    def action_move(self, delta: int) -> None:
        if self.total:
            self.cursor = min(max(self.cursor + delta, 0), self.total - 1)

    def action_page(self, direction: int) -> None:
        self.action_move(direction * self._body_height)

    def action_jump(self, where: int) -> None:
        if self.total:
            self.cursor = 0 if where >= 0 else self.total - 1

    def action_select(self) -> None:
        record = self.current
        if record is not None:
            self.post_message(self.Selected(int(record["id"])))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = int(self.scroll_offset.y) + offset.y - 1
        if not 0 <= index < self.total:
            return
        if index == self.cursor or event.chain > 1:
            self.cursor = index
            self.action_select()
        else:
            self.cursor = index
