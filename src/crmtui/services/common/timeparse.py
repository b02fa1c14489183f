"""Reading the dates and times people type: ``--at`` values and birthdays.

``--at`` accepts ISO 8601 date-times and dates, ``now``, ``today``, ``tomorrow``, weekday names
(English, or 周一..周日 / 星期一..星期日), ``+3d`` / ``+2h`` / ``+30m`` / ``+1w``, each optionally
followed by a time (``10:00``, ``9am``, ``14:30``). A day without a time means 09:00; a time
alone means today. ``yesterday``/``昨天``/``前天`` and ``-1d`` / ``-2h`` reach back.

Logging a touch that happened reads the same words towards the past (``past=True``): a weekday
is the most recent one (today if its time has come), ``last fri`` the one before, and a day
without a time that is today means now.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from crmtui.errors import InvalidInput
from crmtui.services.common.timewords import rewrite

DEFAULT_TIME = time(9, 0)
WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "周一": 0,
    "星期一": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "周二": 1,
    "星期二": 1,
    "wed": 2,
    "wednesday": 2,
    "周三": 2,
    "星期三": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "周四": 3,
    "星期四": 3,
    "fri": 4,
    "friday": 4,
    "周五": 4,
    "星期五": 4,
    "sat": 5,
    "saturday": 5,
    "周六": 5,
    "星期六": 5,
    "sun": 6,
    "sunday": 6,
    "周日": 6,
    "星期日": 6,
    "周天": 6,
    "星期天": 6,
}
_RELATIVE = re.compile(r"^([+-])(\d{1,4})\s*([mhdw])$")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")
HINT = "use e.g. 2026-12-01 10:00, today 15:00, tomorrow, fri 9:30, +3d or +2h"
PAST_HINT = "use e.g. 2026-12-01 10:00, 10:00, yesterday 15:00, fri 9:30, -1d or -2h"


def parse_clock_time(text: str) -> time:
    """``10:00``, ``9am``, ``2:30pm``, ``14`` → time."""
    m = _TIME.match(text.strip().lower())
    if not m:
        raise InvalidInput("bad-time-of-day-hint", text=text)
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise InvalidInput("bad-time-of-day", text=text)
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise InvalidInput("bad-time-of-day", text=text)
    return time(hour, minute)


FIRST_YEAR, LAST_YEAR = 1900, 2100


def parse_when(text: str, now: datetime, *, past: bool = False) -> datetime:
    """Turn what the user typed into an aware datetime, relative to ``now`` (aware, local).

    ``past`` reads it as a moment that has happened (logging), else as one to come (planning).
    """
    value = _parse_when(text, now, past)
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidInput("date-out-of-range", text=text, first=FIRST_YEAR, last=LAST_YEAR)
    return value


def _offset(sign: str, amount: int, unit: str) -> timedelta:
    step = {
        "m": timedelta(minutes=1),
        "h": timedelta(hours=1),
        "d": timedelta(days=1),
        "w": timedelta(weeks=1),
    }[unit]
    return step * amount * (-1 if sign == "-" else 1)


def _parse_when(text: str, now: datetime, past: bool) -> datetime:
    hint = PAST_HINT if past else HINT
    raw = rewrite(" ".join(text.strip().split()), now.date())  # 明天下午3点, 周五 10点, 下周一
    if not raw:
        raise InvalidInput("empty-when", hint=hint)
    lowered = raw.lower()
    if lowered in ("now", "现在"):
        return now
    relative = _RELATIVE.match(lowered.replace(" ", ""))
    if relative:
        sign, amount, unit = relative.group(1), int(relative.group(2)), relative.group(3)
        if unit in "dw":
            return _at(now.date() + _offset(sign, amount, unit), None, now)
        return now + _offset(sign, amount, unit)
    iso = _iso(raw, now)
    if iso is not None:
        return iso
    if _TIME.match(lowered) and (":" in lowered or lowered.endswith(("am", "pm"))):
        return _at(now.date(), lowered, now)  # a time alone: today
    head, _, rest = lowered.partition(" ")
    back = False
    if head in ("next", "last") and rest:
        back = head == "last"
        head, _, rest = rest.partition(" ")
    day = _named_day(head, now.date(), past=past or back, strict=back)
    if day is None:
        # "+3d 10:00" style inputs
        rel = _RELATIVE.match(head)
        if rel and rel.group(3) in "dw":
            day = now.date() + _offset(rel.group(1), int(rel.group(2)), rel.group(3))
    if day is None:
        raise InvalidInput("bad-when", text=text, hint=hint)
    if not rest and day == now.date() and (past or _at(day, None, now) < now):
        # "today" when logging: it happened just now; when planning, 09:00 may have gone by
        return now
    value = _at(day, rest or None, now)
    if past and not back and value > now and head in WEEKDAYS:
        value -= timedelta(days=7)  # today's weekday whose time has not come: last week's
    return value


def _named_day(word: str, today: date, *, past: bool = False, strict: bool = False) -> date | None:
    if word in ("today", "今天"):
        return today
    if word in ("tomorrow", "明天"):
        return today + timedelta(days=1)
    if word in ("后天",):
        return today + timedelta(days=2)
    if word in ("yesterday", "昨天"):
        return today - timedelta(days=1)
    if word in ("前天",):
        return today - timedelta(days=2)
    if word in WEEKDAYS:
        if past:
            back = (today.weekday() - WEEKDAYS[word]) % 7 or (7 if strict else 0)
            return today - timedelta(days=back)
        ahead = (WEEKDAYS[word] - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    return None


def _at(day: date, clock_text: str | None, now: datetime) -> datetime:
    moment = parse_clock_time(clock_text) if clock_text else DEFAULT_TIME
    assert now.tzinfo is not None
    return datetime.combine(day, moment, tzinfo=now.tzinfo)


def _iso(raw: str, now: datetime) -> datetime | None:
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        parts = raw.split(" ", 1)
        try:
            day = date.fromisoformat(parts[0])
        except ValueError:
            if re.match(r"^\d{4}-\d{1,2}-\d{1,2}", raw):
                raise InvalidInput("no-such-date", text=raw) from None
            return None
        return _at(day, parts[1] if len(parts) > 1 else None, now)
    if len(raw) == 10:  # a bare date
        return _at(value.date(), None, now)
    return value if value.tzinfo else value.replace(tzinfo=now.tzinfo)


class Birthday(NamedTuple):
    month: int
    day: int
    year: int | None
    lunar: bool


_BIRTHDAY = re.compile(r"^(?:(\d{4})[-/.])?(\d{1,2})[-/.](\d{1,2})$")


def parse_birthday(text: str, *, lunar: bool = False, today: date | None = None) -> Birthday:
    """``MM-DD`` or ``YYYY-MM-DD`` (``农历`` / ``lunar:`` prefix for a lunar birthday).

    With ``today``, a birthday after it is refused: nobody we call is born yet.
    """
    raw = text.strip()
    for prefix in ("农历", "lunar:", "lunar "):
        if raw.lower().startswith(prefix):
            raw, lunar = raw[len(prefix) :].strip(), True
    m = _BIRTHDAY.match(raw)
    if not m:
        raise InvalidInput("bad-birthday", field="birthday", text=text)
    year = int(m.group(1)) if m.group(1) else None
    month, day = int(m.group(2)), int(m.group(3))
    if lunar:
        ok = 1 <= month <= 12 and 1 <= day <= 30
    else:
        try:
            date(year or 2000, month, day)  # 2000 is a leap year: 02-29 is fine without a year
            ok = True
        except ValueError:
            ok = False
    if not ok:
        raise InvalidInput("no-such-date", field="birthday", text=text)
    if year is not None and year < 1900:
        raise InvalidInput("birthday-too-early", field="birthday", text=text)
    # a lunar date is compared by its year only: its solar date is not needed to see the future
    born_after = (
        year is not None
        and today is not None
        and (year > today.year if lunar else date(year, month, day) > today)
    )
    if born_after or (year is not None and year > 2100):
        raise InvalidInput("birthday-in-future", field="birthday", text=text)
    return Birthday(month, day, year, lunar)
