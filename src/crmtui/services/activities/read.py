"""Reading open actions (planned activities) through the lean reader: ``crm actions``, the
desktop's week and today's calls before the plan exists."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any

from crmtui.db.reader import Reader
from crmtui.errors import InvalidInput
from crmtui.services.common.paging import TOTAL_SQL, Page, limit_sql, page
from crmtui.services.common.records import decoded
from crmtui.services.customers.types import ActionRow


def week_end(now_local: datetime) -> datetime:
    """The end of the current week (next Monday 00:00, local)."""
    start = now_local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start + timedelta(days=7 - start.weekday())


def list_actions(
    reader: Reader,
    *,
    now: datetime,
    tz: tzinfo,
    scope: str = "week",
    customer_id: int | None = None,
    limit: int | None = 200,
) -> Page[ActionRow]:
    """Open (planned, not done) actions in ``scope`` (today, week, overdue, all), overdue first.

    ``all`` has no horizon: a follow-up years away is still open. ``limit=None``: every one.
    """
    local = now.astimezone(tz)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    ends = {
        "today": midnight + timedelta(days=1),
        "week": week_end(local),
        "overdue": now,
        "all": None,
    }
    if scope not in ends:
        raise InvalidInput("unknown-scope", scope=scope)
    params: dict[str, Any] = {"limit": limit, "now": reader.ts(now)}
    extra = ""
    end = ends[scope]
    if end is not None:
        extra = " AND a.due_at < :end"
        params["end"] = reader.ts(end)
    if customer_id is not None:
        extra += " AND a.customer_id = :customer_id"
        params["customer_id"] = customer_id
    rows = reader.rows(
        "SELECT a.id, a.customer_id, c.name AS customer, a.kind, a.due_at, a.note, "
        f"a.contact_id, p.name AS contact, a.due_at < :now AS overdue, {TOTAL_SQL} "
        "FROM activity a JOIN customer c ON c.id = a.customer_id "
        "LEFT JOIN contact p ON p.id = a.contact_id "
        "WHERE a.done_at IS NULL AND a.due_at IS NOT NULL "
        f"AND c.deleted_at IS NULL{extra} ORDER BY a.due_at, a.id{limit_sql(limit)}",
        params,
    )
    out = page([decoded(r, ActionRow) for r in rows])
    for item in out:
        item["overdue"] = bool(item["overdue"])
    return out
