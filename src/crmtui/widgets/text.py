"""Turning stored values into terminal text: always plain, never markup, controls made visible.

Every user value on screen passes through :func:`plain` (a Rich ``Text``) or :func:`fit`
(a string cut to a number of terminal cells, for the virtual list), so a name like ``[VIP] 张伟``
or ``[@click=app.quit]x`` shows exactly as typed and an escape sequence shows as ``␛``.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text

from crmtui.money import format_money
from crmtui.textsafe import visible


def plain(value: Any, *, style: str = "", multiline: bool = False) -> Text:
    """A value as harmless plain text (``None`` → empty)."""
    if value is None:
        return Text("", style=style)
    return Text(visible(str(value), multiline=multiline), style=style, end="")


def fit(value: Any, width: int) -> str:
    """A one-line value cut or padded to exactly ``width`` cells (CJK counts two)."""
    text = visible("" if value is None else str(value))
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def clip(value: Any, width: int) -> str:
    """A one-line value cut to at most ``width`` cells, not padded."""
    text = visible("" if value is None else str(value))
    return text if cell_len(text) <= width else set_cell_size(text, max(width - 1, 0)) + "…"


def when(value: datetime | None, tz: tzinfo, fmt: str = "%a %m-%d %H:%M") -> str:
    """An instant in the user's zone."""
    return value.astimezone(tz).strftime(fmt) if value else ""


def day_label(value: date, today: date) -> str:
    """``today``, ``tomorrow`` or ``Fri 03-13``."""
    delta = (value - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    return value.strftime("%a %m-%d")


def in_days(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def money(minor: int | None, currency: str = "") -> str:
    """Integer minor units as ``12,000`` or ``12,000.50`` plus the currency."""
    return format_money(minor, currency)


def since(days: int | None) -> str:
    if days is None:
        return "never contacted"
    if days == 0:
        return "contacted today"
    return f"{days} days since contact"
