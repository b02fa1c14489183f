"""Summary periods: ISO weeks (Monday first) and calendar months, named ``2026-W48`` or
``2026-11``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from crmtui.errors import InvalidInput

_WEEK = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True)
class Period:
    """A calendar week or month: ``start`` inclusive, ``end`` exclusive (local dates)."""

    kind: str  # "week" | "month"
    key: str  # 2026-W48 | 2026-11
    start: date
    end: date

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days)]

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` weeks or months later (earlier when negative)."""
        if self.kind == "week":
            return week_of(self.start + timedelta(weeks=steps))
        index = self.start.year * 12 + self.start.month - 1 + steps
        return month_of(date(index // 12, index % 12 + 1, 1))


def week_of(day: date) -> Period:
    start = day - timedelta(days=day.weekday())
    year, week, _ = start.isocalendar()
    return Period("week", f"{year}-W{week:02d}", start, start + timedelta(days=7))


def month_of(day: date) -> Period:
    start = day.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1)
    return Period("month", f"{start.year}-{start.month:02d}", start, end)


def parse_week(text: str | None, today: date) -> Period:
    """``2026-W48`` (ISO week), a date inside the week, ``last``/``next``, or None for this week."""
    raw = (text or "").strip()
    if not raw or raw in ("this", "current"):
        return week_of(today)
    if raw in ("last", "previous", "prev"):
        return week_of(today).shifted(-1)
    if raw == "next":
        return week_of(today).shifted(1)
    m = _WEEK.match(raw)
    if m:
        try:
            return week_of(date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1))
        except ValueError:
            raise InvalidInput("no-such-week", raw=raw) from None
    try:
        return week_of(date.fromisoformat(raw))
    except ValueError:
        raise InvalidInput("bad-week", raw=raw) from None


def parse_month(text: str | None, today: date) -> Period:
    """``2026-11``, a date inside the month, ``last``/``next``, or None for this month."""
    raw = (text or "").strip()
    if not raw or raw in ("this", "current"):
        return month_of(today)
    if raw in ("last", "previous", "prev"):
        return month_of(today).shifted(-1)
    if raw == "next":
        return month_of(today).shifted(1)
    m = _MONTH.match(raw)
    if m and 1 <= int(m.group(2)) <= 12:
        return month_of(date(int(m.group(1)), int(m.group(2)), 1))
    try:
        return month_of(date.fromisoformat(raw))
    except ValueError:
        raise InvalidInput("bad-month", raw=raw) from None


def parse_period(key: str, today: date) -> Period:
    """A period from its key, week or month."""
    return parse_week(key, today) if _WEEK.match(key.strip()) else parse_month(key, today)
