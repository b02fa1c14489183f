"""The day plan, computed once: ``crm plan``, ``crm today``, the desktop and the planner screen
read the same stored plan until something it depends on changes.

A plan is a function of the database, the planner settings, the day and ``now``. A stored plan
is keyed on the database file (its path and identity), the day, the settings and the version of
the code and schema, and it is used only

* while the database's change counter (migration 0006; every write by any process moves it)
  still has the value read *before* the plan was computed, and
* while ``now`` stays inside the span for which the plan provably does not change: the same
  step of the planner's time grid (the first time a call may start is ``now`` rounded up to a
  step), the same local date, no customer crossing a keep-in-touch cadence into the list, no
  logged call of a planned customer falling out of the history window.

Anything else is a miss, and the plan is computed from scratch and stored. The desktop's month
figures are kept the same way (:func:`remembered`). The plans live in a
small SQLite file of their own in the data folder (``plans/``, private like the database), not
in the database: reading commands never change the database file. Storing is best effort (a
busy or unwritable cache just means computing). A server database (team mode) is keyed on where
it is, which database (its oid), since when the server runs and who asks (row-level security
shows each user their own customers); its change counter moves on every user's write.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from crmtui import __version__
from crmtui.clock import from_db, zone
from crmtui.services.planning.plan_store import ANY_CHANGES, PlanStore

if TYPE_CHECKING:
    from crmtui.db.reader import Reader
    from crmtui.services.planning.planner.model import PlannerSettings
    from crmtui.services.planning.types import PlanData

# Bump when PlanData, the encoding below or the table changes: older files are then not read.
FORMAT = 1
_STAGES = "('prospect', 'customer')"  # as feed.keep_in_touch reads them


def cached_plan(
    reader: Reader,
    *,
    settings: PlannerSettings,
    now: datetime,
    day: date | None = None,
    explain_unplaced: bool = True,
) -> PlanData:
    """The day plan as data (:func:`day_plan.plan_as_data`), from the cache when it is current.

    A plan computed with ``explain_unplaced`` also serves a request without it (the placed
    calls are the same; only the look-ahead for the calls that do not fit is extra).
    """
    store = _store_of(reader)
    if store is None:
        return _compute(reader, settings, now, day, explain_unplaced)[0]
    today = now.astimezone(zone(settings.zone)).date()
    day = day or today
    changes = reader.change_count()
    at = _stamp(now)
    for explain in (True,) if explain_unplaced else (False, True):
        key = cache_key(store.identity, settings, day, today, explain)
        body = store.find(key, changes, at)
        if body is not None:
            return decode(body)
    data, until = _compute(reader, settings, now, day, explain_unplaced, store)
    plan = None
    if reader.change_count() == changes:
        # Nothing was written while planning, so every row read was of this counter value.
        key = cache_key(store.identity, settings, day, today, explain_unplaced)
        plan = (key, changes, at, _stamp(until), encode(data))
    store.keep_work(plan)
    return data


def remembered(
    reader: Reader,
    what: str,
    now: datetime,
    compute: Callable[[], tuple[str, datetime]],
    *,
    per_change: bool = True,
) -> str:
    """Text that ``compute`` derives from the database as seen at ``now``, stored beside the
    plans under the same rules: read back while the change counter is unchanged and ``now`` lies
    between the time it was computed and the last instant ``compute`` says it holds. ``what``
    names it (and everything besides the database and ``now`` that it depends on).

    With ``per_change=False`` a write does not end it, only its time: for a figure that may lag
    a day behind the data (the monthly 80/20 reminder) and costs too much to work out after
    every call logged."""
    store = _store_of(reader)
    if store is None:
        return compute()[0]
    from crmtui.db.engine import SCHEMA_HEAD

    key = hashlib.sha256(
        f"{__version__}|{SCHEMA_HEAD}|{store.identity}|{what}".encode()
    ).hexdigest()
    changes = reader.change_count() if per_change else ANY_CHANGES
    at = _stamp(now)
    found = store.find(key, changes, at)
    if found is not None:
        return found
    body, until = compute()
    if not per_change or reader.change_count() == changes:
        store.keep(key, changes, at, _stamp(until), body)
    return body


def store_file(db_path: str | Path) -> Path:
    """Where the plans of the database file ``db_path`` are kept."""
    from crmtui import paths

    name = hashlib.sha256(os.path.realpath(db_path).encode()).hexdigest()[:32]
    return paths.data_dir() / "plans" / f"{name}-v{FORMAT}.db"


def forget_plans(db_path: str | Path | None) -> None:
    """Delete the stored plans of a database (after a purge: they hold names and numbers)."""
    if db_path is None:
        return
    target = store_file(db_path)
    for suffix in ("", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def _stamp(value: datetime) -> str:
    """An instant as the plan file compares it: naive UTC text, whatever the backend."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def server_store_file(identity: str) -> Path:
    """Where the plans of a server database (``Reader.server_identity``) are kept."""
    from crmtui import paths

    name = hashlib.sha256(identity.encode()).hexdigest()[:32]
    return paths.data_dir() / "plans" / f"server-{name}-v{FORMAT}.db"


def _store_of(reader: Reader) -> PlanStore | None:
    if not reader.is_sqlite:
        identity = reader.server_identity()
        return None if identity is None else PlanStore(server_store_file(identity), identity)
    if reader.path is None:
        return None
    # the same path may later hold another database (a restore, a new file): the database's
    # identity is part of every key; not the file's ctime, which every checkpoint moves
    identity = reader.file_identity()
    return None if identity is None else PlanStore(store_file(reader.path), identity)


def cache_key(
    identity: str, settings: PlannerSettings, day: date, today: date, explain: bool
) -> str:
    """What, besides the counter and ``now``'s span, a stored plan is for."""
    from crmtui.db.engine import SCHEMA_HEAD
    from crmtui.i18n import language

    # the reasons in a plan are words in the user's language: a plan per language
    text = (
        f"{__version__}|{SCHEMA_HEAD}|{language()}|{identity}|{settings!r}|{day}|{today}|{explain}"
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _compute(
    reader: Reader,
    settings: PlannerSettings,
    now: datetime,
    day: date | None,
    explain_unplaced: bool,
    store: PlanStore | None = None,
) -> tuple[PlanData, datetime]:
    """The plan, and the last instant up to which it holds (see the module doc). Only the
    customers whose slot searches are not kept (new inputs: a write touched them, or their
    place in the day moved) are searched again."""
    from crmtui.services.planning.day_plan import plan_as_data, planned_day
    from crmtui.services.planning.planner import workdays
    from crmtui.services.planning.planner.memo import SearchMemo

    memo = None
    if store is not None:
        memo = store.memo = SearchMemo(store.searches(workdays))
    done = planned_day(
        reader,
        settings=settings,
        now=now,
        day=day,
        explain_unplaced=explain_unplaced,
        memo=memo,
    )
    return plan_as_data(done.plan), valid_until(reader, settings, now, done.callers)


def valid_until(
    reader: Reader, settings: PlannerSettings, now: datetime, callers: set[int]
) -> datetime:
    """The last instant at which a plan computed at ``now`` is still the plan (same database)."""
    from crmtui.services.planning import feed
    from crmtui.services.planning.planner.explain import ceil_to_step

    tz = zone(settings.zone)
    local = now.astimezone(tz)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=tz)
    # Every call starts at or after ceil(now); that is the same for every now up to it.
    until = min(ceil_to_step(now, settings.step_minutes), midnight - timedelta(microseconds=1))
    until = min(until, _keep_in_touch_change(reader, settings, now) or until)
    if callers:
        sql, params = _ids(callers)
        oldest = reader.scalar(
            f"SELECT min(done_at) FROM activity WHERE customer_id IN ({sql}) "
            "AND done_at >= :since AND kind = 'call' AND outcome IS NOT NULL",
            params | {"since": reader.ts(now - timedelta(days=feed.HISTORY_DAYS))},
        )
        at = from_db(oldest) if oldest is not None else None
        if at is not None:
            # the attempt drops out of the history the planner reads right after this
            until = min(until, at + timedelta(days=feed.HISTORY_DAYS))
    return until


def _ids(ids: set[int]) -> tuple[str, dict[str, Any]]:
    from crmtui.db.reader import in_list

    return in_list("c", sorted(ids))


def _keep_in_touch_change(
    reader: Reader, settings: PlannerSettings, now: datetime
) -> datetime | None:
    """When the keep-in-touch list (the oldest ``KEEP_IN_TOUCH_LIMIT`` customers past their
    cadence) could next change as time passes, or None if it cannot.

    Customers only join it (a cadence's cut-off moves forward), each the youngest of its grade
    when it joins; once the list is full and older than that customer, it stays out.
    """
    from crmtui.services.planning import feed

    current = feed.keep_in_touch(reader, settings, now)
    full = len(current) >= feed.KEEP_IN_TOUCH_LIMIT
    youngest = from_db(current[-1]["last_contact_at"]) if current else None
    soonest: datetime | None = None
    for grade, days in (
        ("A", settings.cadence_a),
        ("B", settings.cadence_b),
        ("C", settings.cadence_c),
    ):
        found = reader.scalar(
            "SELECT c.last_contact_at FROM customer c WHERE c.last_contact_at >= :cutoff "
            f"AND c.grade = :grade AND c.stage IN {_STAGES} AND c.deleted_at IS NULL "
            "ORDER BY c.last_contact_at LIMIT 1",
            {"cutoff": reader.ts(now - timedelta(days=days)), "grade": grade},
        )
        last = from_db(found) if found is not None else None
        if last is None or (full and youngest is not None and youngest < last):
            continue
        joins = last + timedelta(days=days)  # in the list as soon as now is past this
        soonest = joins if soonest is None else min(soonest, joins)
    return soonest


def encode(data: PlanData) -> str:
    """The plan as JSON text, dates and aware datetimes tagged so they come back equal."""

    def tagged(value: Any) -> Any:
        if isinstance(value, datetime):
            key = getattr(value.tzinfo, "key", None)
            return {"$dt": value.isoformat(), "zone": key}
        if isinstance(value, date):
            return {"$date": value.isoformat()}
        raise TypeError(f"cannot store {type(value).__name__} in the plan cache")

    return json.dumps(data, default=tagged, ensure_ascii=False, separators=(",", ":"))


def decode(body: str) -> PlanData:
    def untag(obj: dict[str, Any]) -> Any:
        if "$dt" in obj:
            at = datetime.fromisoformat(obj["$dt"])
            return at.astimezone(ZoneInfo(obj["zone"])) if obj["zone"] else at
        if "$date" in obj:
            return date.fromisoformat(obj["$date"])
        return obj

    data: PlanData = json.loads(body, object_hook=untag)
    return data
