"""What every report is given: the period (local days), now, the zone and the currency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from crmtui.db.reader import Reader
from crmtui.services.grading.rules import last_months, months_before

__all__ = ["Window", "last_months", "months_before"]


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
