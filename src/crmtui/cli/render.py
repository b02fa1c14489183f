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


def phones(values: Sequence[str] | None) -> str:
    return ", ".join(values or [])
