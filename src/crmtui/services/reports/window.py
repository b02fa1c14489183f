"""What every report is given: the period (local days), now, the zone and the currency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from crmtui.db.reader import Reader


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for d in range(day.day, 27, -1):
        try:
            return date(year, month + 1, d)
        except ValueError:
            continue
    return date(year, month + 1, min(day.day, 28))


def last_months(today: date, months: int = 12) -> tuple[date, date]:
    """The local days of the last ``months`` months up to ``today``, first and last.

    The one window of the 80/20 rule: ``crm report pareto`` and ``crm grade suggest`` both
    read it, so they rank the same sales (12 months back from 23 Nov 2026 is 24 Nov 2025
    to 23 Nov 2026: twelve whole months, not one day more).
    """
    return months_before(today, months) + timedelta(days=1), today


@dataclass(frozen=True)
class Window:
    first: date  # the first local day counted
    last: date  # the last local day counted
    now: datetime
    tz: tzinfo
    currency: str
    cadences: tuple[int, int, int] = (14, 30, 90)  # days for A, B, C without a touch

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(0), tzinfo=self.tz)

    @property
    def end(self) -> datetime:
        """The instant after the last day (exclusive)."""
        return datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=self.tz)

    def params(self, reader: Reader) -> dict[str, str | datetime]:
        return {"start": reader.ts(self.start), "end": reader.ts(self.end)}
