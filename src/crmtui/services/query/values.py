"""Reading the value of one term: numbers with k/w/万 suffixes, ranges, relative ages, dates.

Each reader returns plain data (ints, aware datetimes) or raises ``InvalidInput`` naming the term
and what is allowed: the CLI prints that line and exits 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from crmtui.errors import InvalidInput
from crmtui.services.query.text import clip

NUMBER_MAX = 10**15  # whole units: beyond this no amount or count is meant
_NUMBER = re.compile(r"^(\d+(?:\.\d+)?)(k|w|万|m|千)?$", re.I)
_SCALE = {"": 1, "k": 1000, "千": 1000, "w": 10_000, "万": 10_000, "m": 1_000_000}
_AGE = re.compile(r"^(\d{1,5})(h|d|w|m|y|小时|天|周|月|年)$", re.I)
_AGE_DAYS = {"d": 1, "天": 1, "w": 7, "周": 7, "m": 30, "月": 30, "y": 365, "年": 365}
_DAY = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY_WORDS = {"today": 0, "今天": 0, "yesterday": 1, "昨天": 1}


@dataclass(frozen=True)
class Bound:
    """A comparison a value asks for: ``>``, ``<``, ``>=``, ``<=`` or ``=`` (no operator)."""

    op: str
    text: str


def operator(text: str) -> Bound:
    """The operator at the start of a value (``>14d``, ``>=3``, ``5``)."""
    for op in (">=", "<=", ">", "<", "="):
        if text.startswith(op):
            return Bound(op, text[len(op) :])
    return Bound("=", text)


def number(text: str, term: str, *, scale: int = 1) -> int:
    """``12``, ``1.5k``, ``3w``/``3万`` (ten thousands), ``2m``; times ``scale`` (100 for
    money's minor units), as a whole number."""
    m = _NUMBER.match(text.strip().replace(",", "").replace("_", ""))
    if not m:
        raise InvalidInput("query-bad-number", field="query", term=clip(term), value=clip(text))
    whole = float(m.group(1)) * _SCALE[(m.group(2) or "").lower()]
    if whole > NUMBER_MAX:
        raise InvalidInput("query-bad-number", field="query", term=clip(term), value=clip(text))
    return round(whole * scale)


def age(text: str) -> timedelta | None:
    """``14d``, ``2w``, ``3m`` (30 days), ``1y``, ``6h``; None when the text is no age."""
    m = _AGE.match(text.strip())
    if not m:
        return None
    count, unit = int(m.group(1)), m.group(2).lower()
    if unit in ("h", "小时"):
        return timedelta(hours=count)
    return timedelta(days=count * _AGE_DAYS[unit])


def period(text: str, term: str, *, today: date) -> tuple[date, date]:
    """The days a date names, first and last: ``2026-11-03``, ``2026-11``, ``2026``,
    ``today``, ``yesterday``."""
    raw = text.strip().casefold()
    if raw in _DAY_WORDS:
        day = today - timedelta(days=_DAY_WORDS[raw])
        return day, day
    try:
        if m := _DAY.match(raw):
            year, month = int(m.group(1)), int(m.group(2))
            if m.group(3):
                day = date(year, month, int(m.group(3)))
                return day, day
            first = date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if m := _YEAR.match(raw):
            year = int(m.group(1))
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        pass  # 2026-13-40: reported below like any other unreadable date
    raise InvalidInput("query-bad-date", field="query", term=clip(term), value=clip(text))


def day_start(day: date, tz: tzinfo) -> datetime:
    """The instant a local day begins."""
    return datetime.combine(day, time(0), tzinfo=tz)


def next_day_start(day: date, tz: tzinfo) -> datetime:
    return day_start(day + timedelta(days=1), tz)
