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

from crmtui import l10n
from crmtui.i18n import _, ngettext
from crmtui.l10n import chinese, day_with_weekday
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
        return set_cell_size(text, width - 1) + ellipsis()
    return set_cell_size(text, width)


def clip(value: Any, width: int) -> str:
    """A one-line value cut to at most ``width`` cells, not padded."""
    text = visible("" if value is None else str(value))
    return text if cell_len(text) <= width else set_cell_size(text, max(width - 1, 0)) + ellipsis()


def ellipsis() -> str:
    """What marks a cut value: ``…``, whose width is ambiguous in East Asian terminals (one cell
    or two), so Chinese tables use ``~`` and stay lined up."""
    return "~" if chinese() else "…"


def when(value: datetime | None, tz: tzinfo, fmt: str = "%a %m-%d %H:%M") -> str:
    """An instant in the user's zone (``Mon 11-23 10:00`` / ``11月23日 周一 10:00``)."""
    if not value:
        return ""
    local = value.astimezone(tz)
    if chinese() and fmt == "%a %m-%d %H:%M":
        return f"{day_with_weekday(local.date())} {local:%H:%M}"
    return local.strftime(fmt)


def day_label(value: date, today: date) -> str:
    """``today``, ``tomorrow`` or ``Fri 03-13``."""
    delta = (value - today).days
    if delta in (0, 1):
        return in_days(delta)
    return day_with_weekday(value)


def in_days(days: int) -> str:
    """``today``, ``tomorrow``, ``in 3 days`` / 今天, 明天, 3天后."""
    return l10n.in_days(days)


def money(minor: int | None, currency: str = "") -> str:
    """Integer minor units as ``12,000`` or ``12,000.50`` plus the currency."""
    return format_money(minor, currency)


def since(days: int | None) -> str:
    if days is None:
        return _("never contacted")
    if days == 0:
        return _("contacted today")
    return ngettext("{n} day since contact", "{n} days since contact", days).format(n=days)
