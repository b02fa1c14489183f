"""Public holidays and working days per country (and subdivision), from the ``holidays`` package.

A working day is a day of the country's working week that is not a public holiday, plus the
weekend days that the country declares working days — China's make-up working days (调休上班),
which ``holidays`` lists in ``weekend_workdays``. Each (country, subdivision, year) is computed
once into an immutable table, so lookups are cheap and safe from several threads.

Loading ``holidays`` and working out a year (China's lunar calendar) takes longer than a whole
cached ``crm plan``: the tables can be exported and read back by a later process
(:func:`export_tables`, :func:`import_tables`; the plan cache keeps them), under a key that
changes with the installed ``holidays`` and the locale it names holidays in (:func:`tables_key`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib.util import find_spec

from crmtui.i18n import _

_DEFAULT_WEEKEND = frozenset({5, 6})


@dataclass(frozen=True)
class _Year:
    names: dict[date, str]
    weekend: frozenset[int]
    weekend_workdays: frozenset[date]


_YearKey = tuple[str, str | None, int]
_SHELF: dict[_YearKey, _Year] = {}  # tables read back from an earlier process
_MADE: dict[_YearKey, _Year] = {}  # tables worked out by this one


@lru_cache(maxsize=256)
def _year(country: str | None, subdivision: str | None, year: int) -> _Year:
    if not country:
        return _Year({}, _DEFAULT_WEEKEND, frozenset())
    key = (country, subdivision, year)
    kept = _SHELF.get(key)
    if kept is not None:
        return kept
    table = _compute_year(country, subdivision, year)
    _MADE[key] = table
    return table


def _compute_year(country: str, subdivision: str | None, year: int) -> _Year:
    import holidays as holidays_pkg

    try:
        cal = holidays_pkg.country_holidays(country.upper(), subdiv=subdivision, years=year)
    except NotImplementedError:
        # A country the package does not know: no holidays, Saturday and Sunday off.
        return _Year({}, _DEFAULT_WEEKEND, frozenset())
    names = {day: str(name) for day, name in cal.items() if day.year == year}
    weekend = frozenset(getattr(cal, "weekend", _DEFAULT_WEEKEND))
    extra = frozenset(d for d in getattr(cal, "weekend_workdays", ()) if d.year == year)
    return _Year(names, weekend, extra)


def tables_key() -> str:
    """What the tables depend on besides the country and year: the installed ``holidays``
    (found without importing it) and the locale variables it reads the names' language from."""
    spec = find_spec("holidays")
    origin = spec.origin if spec is not None and spec.origin else ""
    try:
        stamp = os.stat(os.path.join(os.path.dirname(origin), "version.py")).st_mtime_ns
    except OSError:
        stamp = 0
    env = [os.environ.get(k, "") for k in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")]
    return hashlib.sha256(repr((origin, stamp, env)).encode()).hexdigest()


def new_tables() -> bool:
    """True when this process worked out a table that was not read back."""
    return bool(_MADE)


def export_tables() -> str:
    """Every table this process has, as JSON text for :func:`import_tables`."""
    rows = [
        {
            "key": list(key),
            "names": {d.isoformat(): n for d, n in sorted(t.names.items())},
            "weekend": sorted(t.weekend),
            "extra": sorted(d.isoformat() for d in t.weekend_workdays),
        }
        for key, t in (_SHELF | _MADE).items()
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def import_tables(text: str) -> None:
    """Read back tables exported under the same :func:`tables_key` (damaged text is ignored:
    the tables are then worked out again)."""
    try:
        rows = json.loads(text)
        found = {
            (str(r["key"][0]), r["key"][1], int(r["key"][2])): _Year(
                {date.fromisoformat(d): str(n) for d, n in r["names"].items()},
                frozenset(int(w) for w in r["weekend"]),
                frozenset(date.fromisoformat(d) for d in r["extra"]),
            )
            for r in rows
        }
    except (ValueError, KeyError, TypeError, IndexError):
        return
    _SHELF.update(found)


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
