"""Slot searches remembered per customer, so that re-planning after a write only searches again
for the customers whose inputs changed.

A slot search (:func:`slot_on_day`, :func:`next_slot`) is a pure function of its arguments: the
callee (phones, zone, windows...), its call history, the settings, the day and start of the
search, the salesperson's occupied times and the language its reasons are written in. A
:class:`SearchMemo` keys each result on a digest of exactly those values, so a remembered
result can only be read back for the very same inputs: it is never stale, whatever was written
in between. The plan cache keeps the results of the last plans beside them (``plan_cache``);
after ``crm log`` with one customer, every other customer whose history, record and place in
the day are unchanged is read back instead of searched.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from datetime import date, datetime
from importlib.util import find_spec
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

from crmtui.clock import zone
from crmtui.services.planning.planner.explain import ceil_to_step, day_bounds
from crmtui.services.planning.planner.model import Attempt, Callee, PlannerSettings
from crmtui.services.planning.planner.results import NoSlot, Slot
from crmtui.services.planning.planner.windows import Interval

# Bump when the search or the encoding below changes what a key stands for.
FORMAT = 1


class SearchMemo:
    """Results of slot searches by the digest of their inputs; ``stored`` are encoded results
    kept from earlier plans. ``fresh`` collects what was searched now, ``used`` every key read
    or made (what is worth keeping), ``searched`` the customers actually searched."""

    def __init__(self, stored: Mapping[str, str] | None = None) -> None:
        self.stored = dict(stored or {})
        self.fresh: dict[str, str] = {}
        self.used: set[str] = set()
        self.searched: list[int] = []
        self.installed = _installed()  # once per plan: it reads the environment and files

    def slot_on_day(
        self,
        callee: Callee,
        history: Sequence[Attempt],
        settings: PlannerSettings,
        day: date,
        now: datetime,
        busy_sales: Sequence[Interval] = (),
        *,
        urgent: bool = True,
        not_before: datetime | None = None,
    ) -> Slot | NoSlot:
        """:func:`slot_on_day`, read back when the same search was made before."""
        lo, _hi = day_bounds(day, zone(settings.zone))
        # the search reads ``now`` and ``not_before`` only as its first grid time
        first = ceil_to_step(max(lo, now, not_before or lo), settings.step_minutes)
        key = _digest(
            self.installed, "day", callee, tuple(history), settings, day, first, busy_sales, urgent
        )
        return self._get(
            key,
            callee,
            lambda: _search().slot_on_day(
                callee,
                history,
                settings,
                day,
                now,
                busy_sales,
                urgent=urgent,
                not_before=not_before,
            ),
        )

    def next_slot(
        self,
        callee: Callee,
        history: Sequence[Attempt],
        settings: PlannerSettings,
        after: datetime,
        busy_sales: Sequence[Interval] = (),
        *,
        urgent: bool = True,
    ) -> Slot | NoSlot:
        """:func:`next_slot`, read back when the same search was made before."""
        key = _digest(
            self.installed, "next", callee, tuple(history), settings, after, busy_sales, urgent
        )
        return self._get(
            key,
            callee,
            lambda: _search().next_slot(
                callee, history, settings, after, busy_sales, urgent=urgent
            ),
        )

    def _get(self, key: str, callee: Callee, search: Callable[[], Slot | NoSlot]) -> Slot | NoSlot:
        self.used.add(key)
        body = self.fresh.get(key) or self.stored.get(key)
        if body is not None:
            try:
                return decode_result(body)
            except (ValueError, KeyError, TypeError):
                pass  # a damaged entry: search again
        found = search()
        self.searched.append(callee.customer_id)
        self.fresh[key] = encode_result(found)
        return found


def _search() -> ModuleType:
    """The slot search, imported only when a search is made (it loads the phone number and
    holiday data; a plan whose searches are all read back does without them)."""
    from crmtui.services.planning.planner import slot_search

    return slot_search


def _installed() -> str:
    """What the searches depend on besides their arguments: this crmtui, the installed
    ``holidays`` and the locale it names holidays in, the installed ``phonenumbers``."""
    from crmtui import __version__
    from crmtui.services.planning.planner.workdays import tables_key

    spec = find_spec("phonenumbers")
    origin = spec.origin if spec is not None and spec.origin else ""
    try:
        stamp = os.stat(origin).st_mtime_ns if origin else 0
    except OSError:
        stamp = 0
    return f"{__version__}|{tables_key()}|{origin}|{stamp}"


def _digest(installed: str, *values: Any) -> str:
    """A digest of the values (frozen dataclasses, tuples, datetimes with their zones), of the
    language the reasons are written in and of the installed code (:func:`_installed`). Equal
    pickles mean equal values; equal values with different pickles only mean searching again."""
    from crmtui.i18n import language

    plain = tuple(tuple(v) if isinstance(v, list) else v for v in values)
    text = pickle.dumps((FORMAT, installed, language(), plain), protocol=5)
    return hashlib.sha256(text).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$dt": value.isoformat(), "zone": getattr(value.tzinfo, "key", None)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _back(value: Any) -> Any:
    if isinstance(value, dict) and "$dt" in value:
        at = datetime.fromisoformat(value["$dt"])
        return at.astimezone(ZoneInfo(value["zone"])) if value["zone"] else at
    if isinstance(value, list):
        return tuple(_back(v) for v in value)
    return value


def encode_result(result: Slot | NoSlot) -> str:
    """A search result as JSON text (datetimes keep their zones, tuples come back as tuples)."""
    kind = "slot" if isinstance(result, Slot) else "none"
    body = {f.name: _plain(getattr(result, f.name)) for f in fields(result)}
    return json.dumps({"kind": kind, "fields": body}, ensure_ascii=False, separators=(",", ":"))


def decode_result(text: str) -> Slot | NoSlot:
    data = json.loads(text)
    values = {k: _back(v) for k, v in data["fields"].items()}
    if data["kind"] == "slot":
        return Slot(**values)
    return NoSlot(**values)
