"""When birthdays fall: solar and lunar (农历), across the year end, 29 February.

Birthdays are stored as month/day (+ optional year) with ``birthday_key = MM*100+DD``, indexed.
To find the birthdays of the coming days we compute the keys those days have, solar and lunar,
and look them up with ``IN``: no full scan, and the year-end wrap costs nothing.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from lunardate import LunarDate


def key(month: int, day: int) -> int:
    return month * 100 + day


def keys_for_days(start: date, days: int) -> tuple[set[int], set[int]]:
    """The solar and the lunar keys of the days ``start .. start+days``."""
    keys: set[int] = set()
    lunar_keys: set[int] = set()
    for offset in range(days + 1):
        d = start + timedelta(days=offset)
        keys.add(key(d.month, d.day))
        if d.month == 2 and d.day == 28 and not calendar.isleap(d.year):
            keys.add(229)  # 29 February is celebrated on 28 February in other years
        try:
            lunar = LunarDate.from_solar_date(d.year, d.month, d.day)
        except ValueError:
            continue
        lunar_keys.add(key(lunar.month, lunar.day))
        if lunar.day == 29 and _lunar_month_days(lunar) == 29:
            lunar_keys.add(key(lunar.month, 30))  # a 30th in a short month falls on the 29th
    return keys, lunar_keys


def _lunar_month_days(lunar: LunarDate) -> int:
    try:
        LunarDate(lunar.year, lunar.month, 30, lunar.is_leap_month)
        return 30
    except ValueError:
        return 29


def occurrence(month: int, day: int, year: int, *, lunar: bool = False) -> date | None:
    """The solar date of the birthday in ``year`` (lunar: in lunar year ``year``)."""
    if lunar:
        for d in (day, day - 1):
            try:
                return LunarDate(year, month, d).to_solar_date()
            except ValueError:
                continue
        return None
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def next_birthday(month: int, day: int, today: date, *, lunar: bool = False) -> date | None:
    """The first occurrence on or after ``today``."""
    for year in (today.year - 1, today.year, today.year + 1):
        when = occurrence(month, day, year, lunar=lunar)
        if when is not None and when >= today:
            return when
    return None


def age_on(birth_year: int | None, when: date, *, lunar: bool = False) -> int | None:
    """Age reached at ``when`` when the birth year is known."""
    if birth_year is None:
        return None
    if lunar:
        return LunarDate.from_solar_date(when.year, when.month, when.day).year - birth_year
    return when.year - birth_year
