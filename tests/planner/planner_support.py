"""Builders shared by the planner tests."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from crmtui.services.planning.planner import (
    Attempt,
    Callee,
    Candidate,
    PlannerSettings,
    WeeklySlot,
    Window,
    parse_windows,
)

NY = ZoneInfo("America/New_York")
SH = ZoneInfo("Asia/Shanghai")
UTC = ZoneInfo("UTC")


def at(tz: ZoneInfo, *args: int) -> datetime:
    """An aware datetime in ``tz``."""
    return datetime(*args, tzinfo=tz)  # type: ignore[misc]


def settings(
    zone: str = "Asia/Shanghai", hours: str = "08:00-23:00", **kw: object
) -> PlannerSettings:
    """Planner settings with the defaults of config.toml, the given zone and calling hours."""
    kw.setdefault("country", "CN")
    windows = parse_windows(hours)
    return PlannerSettings(zone=zone, calling_hours=windows, **kw)  # type: ignore[arg-type]


def ny_customer(**kw: object) -> Callee:
    """The New York customer of the scenarios: weekly meeting Monday 10:00–11:00."""
    base: dict[str, object] = {
        "customer_id": 1,
        "customer_name": "Acme Corp",
        "contact_name": "Bob Smith",
        "phones": ("+1 212 555 0100",),
        "zone": "America/New_York",
        "country": "US",
        "busy": (WeeklySlot(0, Window.parse("10:00-11:00"), "weekly meeting"),),
    }
    base.update(kw)
    return Callee(**base)  # type: ignore[arg-type]


def failed(*moments: datetime, outcome: str = "no-answer") -> tuple[Attempt, ...]:
    """Attempts that failed at the given moments."""
    return tuple(Attempt(m, outcome) for m in moments)  # type: ignore[arg-type]


def candidate(
    callee: Callee, kind: str = "follow-up", due: date = date(2026, 3, 9), **kw: object
) -> Candidate:
    """A candidate due on ``due``."""
    return Candidate(callee=callee, kind=kind, due=due, **kw)  # type: ignore[arg-type]
