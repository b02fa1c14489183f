"""Times of day for the call planner: windows, weekly slots and absolute intervals.

Times of day are minutes since midnight (0..1440), which lets a window end at 24:00 and makes
overlap tests simple integer comparisons. Weekdays follow Python: 0 is Monday.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time

from crmtui.i18n import _
from crmtui.l10n import daily
from crmtui.l10n import weekday as day_name

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")


def hm(minute: int) -> str:
    """Format minutes since midnight as ``HH:MM`` (1440 is shown as 24:00)."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


@dataclass(frozen=True, order=True)
class Window:
    """A time-of-day window ``[start, end)`` in minutes since midnight, in some local zone."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= 1440:
            raise ValueError(f"not a valid time window: {self.start}..{self.end}")

    @classmethod
    def parse(cls, text: str) -> Window:
        """Parse ``"09:00-17:00"`` (an en dash is accepted too)."""
        m = _WINDOW.match(text)
        if not m:
            raise ValueError(f"expected a time window like 09:00-17:00, got {text!r}")
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        return cls(h1 * 60 + m1, h2 * 60 + m2)

    @classmethod
    def of(cls, start: time, end: time | None) -> Window:
        """Build from two ``time`` values; ``end=None`` means midnight at the end of the day."""
        stop = 1440 if end is None else end.hour * 60 + end.minute
        return cls(start.hour * 60 + start.minute, stop)

    def contains(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies wholly inside this window."""
        return self.start <= start and end <= self.end

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` shares at least one minute with this window."""
        return start < self.end and end > self.start

    def __str__(self) -> str:
        return f"{hm(self.start)}–{hm(self.end)}"


def parse_windows(text: str | Iterable[str]) -> tuple[Window, ...]:
    """Parse ``"08:00-09:00,12:00-13:00"`` (or a list of such strings) into sorted windows."""
    parts = text.split(",") if isinstance(text, str) else list(text)
    return tuple(sorted(Window.parse(p) for p in parts if p.strip()))


def merge_windows(windows: Iterable[Window]) -> tuple[Window, ...]:
    """Union of windows as a sorted tuple of disjoint windows (touching ones are joined)."""
    out: list[Window] = []
    for w in sorted(windows):
        if out and w.start <= out[-1].end:
            out[-1] = Window(out[-1].start, max(out[-1].end, w.end))
        else:
            out.append(w)
    return tuple(out)


def intersect_windows(a: Iterable[Window], b: Iterable[Window]) -> tuple[Window, ...]:
    """Intersection of two unions of windows."""
    out = []
    for x in merge_windows(a):
        for y in merge_windows(b):
            lo, hi = max(x.start, y.start), min(x.end, y.end)
            if lo < hi:
                out.append(Window(lo, hi))
    return merge_windows(out)


def format_windows(windows: Iterable[Window]) -> str:
    """``"08:00–09:00, 12:00–13:00"``, or ``"none"`` for no window."""
    text = ", ".join(str(w) for w in windows)
    return text or _("none")


@dataclass(frozen=True)
class WeeklySlot:
    """A recurring window in the callee's local time; ``weekday`` 0=Monday, None = every day.

    ``label`` names it for the reasons shown to the user ("weekly meeting" gives
    "Mon 10:00 is their weekly meeting").
    """

    weekday: int | None
    window: Window
    label: str = ""

    def applies(self, weekday: int) -> bool:
        """True when the slot recurs on ``weekday``."""
        return self.weekday is None or self.weekday == weekday

    def describe(self) -> str:
        """The slot in words, from the callee's side."""
        day = daily() if self.weekday is None else day_name(self.weekday)
        if self.label:
            text = _("{day} {at} is their {label}")
            return text.format(day=day, at=hm(self.window.start), label=self.label)
        return _("{day} {window} they are busy").format(day=day, window=self.window)


@dataclass(frozen=True)
class Interval:
    """An absolute span ``[start, end)`` between two aware datetimes."""

    start: datetime
    end: datetime
    label: str = ""

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("Interval needs aware datetimes")

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """True when ``[start, end)`` shares time with this interval."""
        return start < self.end and end > self.start
