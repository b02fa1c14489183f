"""Birthdays as files write them → the canonical ``MM-DD`` or ``YYYY-MM-DD``.

Month and day are required, the year is optional (people often know only the day). Forms
understood: ``1990-04-15``, ``1990/4/15``, ``1990.4.15``, ``19900415``, ``04-15``, ``4/15``,
``4月15日``, ``1990年4月15日`` (also with 号 and full-width digits), vCard's ``--0415`` and
``--04-15``, a trailing time (``1990-04-15T00:00:00Z``), and day-first or month-first forms with
the year last (``15/04/1990``) when only one reading is a real date.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Years some programs write to mean "no year" (Apple's X-APPLE-OMIT-YEAR default, zero year).
NO_YEAR_SENTINELS = frozenset({0, 1604})

_MIN_YEAR, _MAX_YEAR = 1800, 2200

_TIME_SUFFIX = re.compile(
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?|T\d{4}(?:\d{2})?)(?:Z|[+-]\d{2}:?\d{2})?$"
)
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_YMD_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_CHINESE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_VCARD_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
_MD = re.compile(r"(\d{1,2})[-/.](\d{1,2})")
_XY_YEAR = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def format_birthday(month: int, day: int, year: int | None = None) -> str:
    """Validate and format a birthday; raises ``ValueError`` with a readable reason."""
    if year is not None and year in NO_YEAR_SENTINELS:
        year = None
    if year is not None and not _MIN_YEAR <= year <= _MAX_YEAR:
        raise ValueError(f"year {year} is out of range")
    try:
        # Without a year, check against a leap year so that 29 February is accepted.
        date(2000 if year is None else year, month, day)
    except ValueError:
        raise ValueError("is not a real date") from None
    return f"{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"


def parse_birthday(text: str) -> str | None:
    """Parse a birthday in any of the module's forms; blank text gives ``None``.

    Raises ``ValueError`` for text that is not a date or names an impossible one
    (``2026-02-30``); the message can be shown after the offending value.
    """
    # NFKC turns full-width digits and separators (１９９０／４／１５) into ASCII ones.
    value = unicodedata.normalize("NFKC", text).strip()
    if not value:
        return None
    value = _TIME_SUFFIX.sub("", value)
    if m := _YMD.fullmatch(value) or _YMD_COMPACT.fullmatch(value):
        return format_birthday(int(m[2]), int(m[3]), int(m[1]))
    if m := _CHINESE.fullmatch(value):
        return format_birthday(int(m[2]), int(m[3]), int(m[1]) if m[1] else None)
    if m := _VCARD_NO_YEAR.fullmatch(value) or _MD.fullmatch(value):
        # Without a year, month first: the Chinese and the US order agree on this one.
        return format_birthday(int(m[1]), int(m[2]))
    if m := _XY_YEAR.fullmatch(value):
        return _day_month_or_month_day(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError("is not a date (write it as YYYY-MM-DD or MM-DD)")


def _day_month_or_month_day(first: int, second: int, year: int) -> str:
    # 15/04/1990 can only be day-first, 04/15/1990 only month-first; 04/05/1990 is either,
    # and guessing would silently put a birthday on the wrong day.
    readings = set()
    for month, day in ((first, second), (second, first)):
        try:
            readings.add(format_birthday(month, day, year))
        except ValueError:
            continue
    if len(readings) == 1:
        return readings.pop()
    if not readings:
        raise ValueError("is not a real date")
    raise ValueError("is ambiguous (day or month first?); write it as YYYY-MM-DD")
