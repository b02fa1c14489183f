"""Public holidays and working days per country (and subdivision), from the ``holidays`` package.

A working day is a day of the country's working week that is not a public holiday, plus the
weekend days that the country declares working days — China's make-up working days (调休上班),
which ``holidays`` lists in ``weekend_workdays``. Each (country, subdivision, year) is computed
once into an immutable table, so lookups are cheap and safe from several threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays as holidays_pkg

from crmtui.i18n import _

_DEFAULT_WEEKEND = frozenset({5, 6})


@dataclass(frozen=True)
class _Year:
    names: dict[date, str]
    weekend: frozenset[int]
    weekend_workdays: frozenset[date]


@lru_cache(maxsize=256)
def _year(country: str | None, subdivision: str | None, year: int) -> _Year:
    if not country:
        return _Year({}, _DEFAULT_WEEKEND, frozenset())
    try:
        cal = holidays_pkg.country_holidays(country.upper(), subdiv=subdivision, years=year)
    except NotImplementedError:
        # A country the package does not know: no holidays, Saturday and Sunday off.
        return _Year({}, _DEFAULT_WEEKEND, frozenset())
    names = {day: str(name) for day, name in cal.items() if day.year == year}
    weekend = frozenset(getattr(cal, "weekend", _DEFAULT_WEEKEND))
    extra = frozenset(d for d in getattr(cal, "weekend_workdays", ()) if d.year == year)
    return _Year(names, weekend, extra)


def holiday_name(day: date, country: str | None, subdivision: str | None = None) -> str | None:
    """The public holiday's name on ``day`` in ``country``, or None."""
    return _year(country, subdivision, day.year).names.get(day)


def is_makeup_workday(day: date, country: str | None, subdivision: str | None = None) -> bool:
    """True when ``day`` is a weekend day declared a working day (e.g. China's 调休)."""
    return day in _year(country, subdivision, day.year).weekend_workdays


def is_working_day(day: date, country: str | None, subdivision: str | None = None) -> bool:
    """True on a normal working day of ``country``; unknown country: Monday to Friday."""
    table = _year(country, subdivision, day.year)
    if day in table.names:
        return False
    if day.weekday() in table.weekend:
        return day in table.weekend_workdays
    return True


def non_working_reason(day: date, country: str | None, subdivision: str | None = None) -> str:
    """Why ``day`` is not a working day, in words ("Independence Day (observed)", "weekend")."""
    name = holiday_name(day, country, subdivision)
    if name:
        return name
    return _("weekend") if not is_working_day(day, country, subdivision) else ""


def next_working_day(day: date, country: str | None, subdivision: str | None = None) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    for offset in range(60):  # the longest runs of days off (Golden Week) are far shorter
        candidate = day + timedelta(days=offset)
        if is_working_day(candidate, country, subdivision):
            return candidate
    return day
