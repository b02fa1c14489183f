"""Dates, days, relative words and money the way the user's language writes them.

English keeps crmtui's established forms (``Mon 9 Mar``, ``in 3 days``, ``12,000.50 CNY``);
Chinese writes ``3月9日 周一``, ``2026年11月``, ``3天后`` and ``¥12,000.50``. The words are
msgids of the catalogue (``pgettext`` where an English abbreviation is ambiguous), so this module
holds the order of the parts, not the words.

Stdlib only, no layer imports: services, screens and the CLI all use it.
"""

from __future__ import annotations

from datetime import date, datetime

from crmtui.i18n import CHINESE, _, language, ngettext, pgettext

# Symbols Chinese writes before an amount; other currencies keep their ISO code after it.
_SYMBOLS = {
    "CNY": "¥",
    "RMB": "¥",
    "USD": "US$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "JP¥",
    "HKD": "HK$",
}


def chinese() -> bool:
    return language() == CHINESE


def weekday(number: int) -> str:
    """The short name of weekday ``number`` (0 is Monday): ``Mon`` or ``周一``."""
    return (
        pgettext("weekday", "Mon"),
        pgettext("weekday", "Tue"),
        pgettext("weekday", "Wed"),
        pgettext("weekday", "Thu"),
        pgettext("weekday", "Fri"),
        pgettext("weekday", "Sat"),
        pgettext("weekday", "Sun"),
    )[number]


def daily(*, lower: bool = False) -> str:
    """A weekly slot that recurs every day, as a weekday would be named (``Daily``/``daily``)."""
    return pgettext("weekday", "daily") if lower else pgettext("weekday", "Daily")


def day_text(day: date, this_year: int | None = None) -> str:
    """``Mon 9 Mar`` / ``3月9日 周一``; the year is added when ``this_year`` is another year."""
    other_year = this_year is not None and day.year != this_year
    if chinese():
        year = f"{day.year}年" if other_year else ""
        return f"{year}{day.month}月{day.day}日 {weekday(day.weekday())}"
    year = f" {day.year}" if other_year else ""
    return f"{weekday(day.weekday())} {day.day} {day.strftime('%b')}{year}"


def month_day(day: date) -> str:
    """``11-30`` / ``11月30日`` (a birthday, a due day in a narrow column)."""
    return f"{day.month}月{day.day}日" if chinese() else f"{day:%m-%d}"


def month_text(year: int, month: int) -> str:
    """``2026-11`` / ``2026年11月``."""
    return f"{year}年{month}月" if chinese() else f"{year:04d}-{month:02d}"


def moment(value: datetime, *, with_weekday: bool = True) -> str:
    """A date and time for a table: ``Mon 2026-11-30 10:00`` / ``2026-11-30 周一 10:00``."""
    if chinese():
        week = f" {weekday(value.weekday())}" if with_weekday else ""
        return f"{value:%Y-%m-%d}{week} {value:%H:%M}"
    return value.strftime("%a %Y-%m-%d %H:%M" if with_weekday else "%Y-%m-%d %H:%M")


def day_with_weekday(value: date) -> str:
    """``Mon 11-30`` / ``11月30日 周一``."""
    if chinese():
        return f"{month_day(value)} {weekday(value.weekday())}"
    return value.strftime("%a %m-%d")


def full_day(value: date) -> str:
    """``Mon 2026-11-30`` / ``2026年11月30日 周一``."""
    if chinese():
        return f"{value.year}年{value.month}月{value.day}日 {weekday(value.weekday())}"
    return value.strftime("%a %Y-%m-%d")


def in_days(days: int) -> str:
    """How far away a day is: ``today``, ``tomorrow``, ``in 3 days``, ``yesterday``, ``3 days
    ago`` / 今天, 明天, 3天后, 昨天, 3天前."""
    if days == 0:
        return pgettext("relative day", "today")
    if days == 1:
        return pgettext("relative day", "tomorrow")
    if days == -1:
        return pgettext("relative day", "yesterday")
    if days > 0:
        return ngettext("in {n} day", "in {n} days", days).format(n=days)
    return ngettext("{n} day ago", "{n} days ago", -days).format(n=-days)


def who(customer: str, contact: str | None) -> str:
    """A customer and the contact there: ``宏达 · 陈静`` (``宏达（陈静）`` in Chinese, where the
    middle dot's width is ambiguous)."""
    if not contact:
        return customer
    return _("{customer} · {contact}").format(customer=customer, contact=contact)


def money(minor: int, currency: str = "") -> str:
    """``12,000.50 CNY`` / ``¥12,000.50`` (two decimals); a total without currency has none."""
    units, cents = divmod(int(minor), 100)
    if not chinese():
        # crmtui.money.grouped's form (cents only when not zero), kept here: money imports this
        digits = f"{units:,}" if not cents else f"{units:,}.{cents:02d}"
        return f"{digits} {currency}".strip()
    sign = "-" if minor < 0 else ""
    units, cents = divmod(abs(int(minor)), 100)
    digits = f"{units:,}.{cents:02d}"
    symbol = _SYMBOLS.get(currency.upper()) if currency else None
    if symbol:
        return f"{sign}{symbol}{digits}"
    return f"{sign}{digits} {currency}".strip()


def money_words(minor: int, currency: str = "") -> str:
    """An amount in running text: ``12,000.50 CNY`` / ``12,001元`` (whole yuan for CNY)."""
    if chinese() and currency.upper() in {"CNY", "RMB"}:
        units = round(int(minor) / 100)
        return f"{units:,}元"
    return money(minor, currency)
