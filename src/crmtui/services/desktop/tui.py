"""Small services the full-screen app needs beyond the shared ones: a pool of lean readers for
its worker threads, the tag list for filters, the desktop's first panels and today's plan.

No Textual here (the layer rule): the app imports these, never the other way round.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from crmtui.db.server_errors import SERVER_GONE
from crmtui.errors import DatabaseProblem

if TYPE_CHECKING:
    from sqlmodel import Session

    from crmtui.db.engine import Database
    from crmtui.db.reader import Reader
    from crmtui.services.planning.types import PlanData


class ReaderPool:
    """Lean read-only connections shared by worker threads, one at a time each.

    Reusing connections keeps SQLite's page cache warm between queries (a fresh connection
    re-reads the pages it needs), which is what makes search-as-you-type cheap on a big base.
    A connection is handed to one thread at a time; at most ``keep`` idle ones are kept.
    """

    def __init__(self, db: Database, *, keep: int = 4):
        self._db = db
        self._keep = keep
        self._idle: list[Reader] = []
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        with self._lock:
            reader = self._idle.pop() if self._idle else None
        if reader is None:
            reader = self._db.reader()
        broken = False
        try:
            yield reader
        except DatabaseProblem as exc:
            # a connection the server dropped stays dead: the next read opens a new one
            broken = exc.code in SERVER_GONE
            raise
        finally:
            with self._lock:
                keep = not broken and not self._closed and len(self._idle) < self._keep
                if keep:
                    self._idle.append(reader)
                # the idle ones lost the same server: each would fail (and be reported) in turn
                dead, self._idle = (self._idle, []) if broken else ([], self._idle)
            if not keep:
                reader.close()
            _close_quietly(dead)

    def drop_idle(self) -> None:
        """Close the idle connections (the server went away: they will not work again)."""
        with self._lock:
            idle, self._idle = self._idle, []
        _close_quietly(idle)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for reader in idle:
            reader.close()


def _close_quietly(readers: list[Reader]) -> None:
    for reader in readers:
        try:
            reader.close()
        except Exception:  # noqa: BLE001 (closing a connection the server already dropped)
            pass


def tag_names(reader: Reader, *, limit: int = 500) -> list[str]:
    """Tags in use on live customers, most used first (for the list's tag filter)."""
    rows = reader.rows(
        "SELECT t.name AS name, count(*) AS n FROM tag t JOIN customertag ct ON ct.tag_id = t.id "
        "JOIN customer c ON c.id = ct.customer_id WHERE c.deleted_at IS NULL "
        "GROUP BY t.name ORDER BY n DESC, t.name LIMIT :limit",
        {"limit": limit},
    )
    return [str(r["name"]) for r in rows]


def todays_plan(
    reader: Reader, *, config: Any, now: datetime, tz: tzinfo, explain: bool = False
) -> PlanData:
    """Today's call plan as plain data (calls in planned order, what did not fit, nurture, tasks):
    the same plan ``crm plan`` prints. ``explain`` also looks ahead for the calls that do not fit,
    which costs more; the desktop leaves it off."""
    from crmtui.services.planning.plan_cache import cached_plan
    from crmtui.services.planning.planner import PlannerSettings

    settings = PlannerSettings.from_config(config, zone=getattr(tz, "key", None))
    return cached_plan(reader, settings=settings, now=now, explain_unplaced=explain)


def log_plan_call(
    session: Session,
    *,
    now: datetime,
    call: Mapping[str, Any],
    outcome: str | None,
    note: str | None = None,
    minutes: int | None = None,
    at: datetime | None = None,
    contact_id: int | None = None,
) -> Any:
    """Record the outcome of a call from the plan (made ``at``, default now).

    A planned follow-up the call was for (one of the plan item's ``refs``, still open, of this
    customer) is completed; otherwise a new call is logged, with ``contact_id`` or else the
    plan's contact.
    """
    from crmtui.db.tables.activities import Activity
    from crmtui.services.activities.write import complete_activity, log_activity

    if "follow-up" in call.get("kinds", ()):
        # exactly the follow-up the plan shows this call for; the refs only when it names none
        shown = call.get("action_id")
        for ref in [shown] if shown else call.get("refs", ()):
            planned = session.get(Activity, ref)
            if (
                planned is not None
                and planned.customer_id == call["customer_id"]
                and planned.done_at is None
                and planned.kind == "call"
            ):
                return complete_activity(
                    session,
                    now=now,
                    activity_id=ref,
                    outcome=outcome,
                    note=note,
                    minutes=minutes,
                    at=at,
                    contact_id=contact_id,
                )
    return log_activity(
        session,
        now=now,
        customer_id=call["customer_id"],
        kind="call",
        outcome=outcome,
        note=note,
        minutes=minutes,
        at=at,
        contact_id=contact_id if contact_id is not None else call.get("contact_id"),
    )
