"""Rendering for the terminal: every user value passes through ``safe`` and becomes a Rich
``Text`` (never markup), with control characters made visible."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo
from typing import Any

from rich.table import Table
from rich.text import Text

from crmtui.l10n import day_with_weekday, moment
from crmtui.money import format_money
from crmtui.textsafe import visible


def safe(value: Any, *, multiline: bool = False, style: str = "") -> Text:
    """A value as plain, harmless text."""
    if value is None:
        return Text("")
    return Text(visible(str(value), multiline=multiline), style=style)


def when(value: datetime | None, tz: tzinfo, *, with_weekday: bool = True) -> str:
    if value is None:
        return ""
    return moment(value.astimezone(tz), with_weekday=with_weekday)


def day(value: date | None) -> str:
    return day_with_weekday(value) if value else ""


def who(customer: str, contact: str | None) -> str:
    """A customer and the contact there (see :func:`crmtui.l10n.who`)."""
    from crmtui.l10n import who as joined

    return joined(customer, contact)


def money(minor: int | None, currency: str = "") -> str:
    return format_money(minor, currency)


def table(title: str | None, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    """A simple table; cells are made safe unless already Text."""
    grid = Table(title=title, title_justify="left", show_edge=False, pad_edge=False, expand=False)
    for header in headers:
        grid.add_column(header, overflow="fold")
    for row in rows:
        grid.add_row(*(cell if isinstance(cell, Text) else safe(cell) for cell in row))
    return grid


# How a column of :func:`fitted` may give way on a narrow terminal: ``text`` (names, notes) is
# cut with an ellipsis, ``fixed`` (dates, codes, words) and ``number`` never wrap or shrink.
TEXT, FIXED, NUMBER = "text", "fixed", "number"


def fitted(
    title: str | None,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[Any]],
    *,
    width: int,
) -> Table:
    """:func:`table` when it fits in ``width``; else a compact table that does: no vertical
    rules, one space between columns, numbers right-aligned and never wrapped, each row on one
    line with the text columns sharing the room left and cut with an ellipsis."""
    from rich import box

    cells = [[cell if isinstance(cell, Text) else safe(cell) for cell in row] for row in rows]
    headers = [header for header, _ in columns]
    natural = _natural(headers, cells)
    if sum(natural) + 3 * (len(columns) - 1) <= width:
        return table(title, headers, cells)
    kinds = [kind for _, kind in columns]
    texts = [i for i, kind in enumerate(kinds) if kind == TEXT]
    fixed = sum(w for w, k in zip(natural, kinds, strict=True) if k != TEXT)
    if fixed + len(columns) - 1 + 4 * len(texts) > width and 0 < len(cells) <= 5:
        # still too wide (a few rows of long numbers, like the totals): one line per column,
        # each row a column under its first cell (a currency)
        turned = [(header, *(row[i] for row in cells)) for i, header in enumerate(headers)][1:]
        flipped = [("", FIXED), *((row[0].plain, NUMBER) for row in cells)]
        return fitted(title, flipped, turned, width=width)
    room = (
        width
        - (len(columns) - 1)
        - sum(w for w, k in zip(natural, kinds, strict=True) if k != TEXT)
    )
    share = max(room // max(len(texts), 1), 4)
    grid = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 0),
        expand=False,
    )
    for i, header in enumerate(headers):
        if kinds[i] == TEXT:
            grid.add_column(header, no_wrap=True, overflow="ellipsis", max_width=share)
        else:
            right = kinds[i] == NUMBER
            grid.add_column(
                header, no_wrap=True, min_width=natural[i], justify="right" if right else "left"
            )
    for row in cells:
        grid.add_row(*row)
    return grid


def _natural(headers: Sequence[str], cells: Sequence[Sequence[Text]]) -> list[int]:
    from rich.cells import cell_len

    return [max([cell_len(h), *(row[i].cell_len for row in cells)]) for i, h in enumerate(headers)]


def fits(headers: Sequence[str], rows: Iterable[Sequence[Any]], width: int) -> bool:
    """Whether :func:`table` of these fits in ``width`` as it is."""
    cells = [[cell if isinstance(cell, Text) else safe(cell) for cell in row] for row in rows]
    return sum(_natural(headers, cells)) + 3 * (len(headers) - 1) <= width


def short_day(value: date | None, today: date) -> str:
    """``11-23`` for a day of this year, ``2025-11-23`` for another: for narrow tables."""
    if value is None:
        return ""
    return value.strftime("%m-%d") if value.year == today.year else value.isoformat()


def phones(values: Sequence[str] | None) -> str:
    return ", ".join(values or [])
