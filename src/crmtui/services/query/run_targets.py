"""Running a query over contacts, opportunities, orders or activities.

The SQL is written by the back end ``run.statement_for`` picks (SQL text on SQLite). The rows
are those of the target's usual list (``crm contacts``, ``crm opp list``, ``crm
orders``; activities planned and done), so ``--query`` prints and exports like the list.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, tzinfo
from typing import Any, TypedDict

from crmtui.db.reader import Reader, Row
from crmtui.money import of_row
from crmtui.services.common.paging import Page
from crmtui.services.common.records import decoded
from crmtui.services.customers.types import ContactRow
from crmtui.services.money.types import OrderRow
from crmtui.services.query.lean import Ask
from crmtui.services.query.run import statement_for
from crmtui.services.query.syntax import parse
from crmtui.services.query.targets import TARGETS
from crmtui.services.sales.types import OpportunityRow


class ActivityRow(TypedDict):
    """An activity, planned or done, in ``crm actions --query``."""

    id: int
    customer_id: int
    customer: str
    kind: str
    due_at: datetime | None
    done_at: datetime | None
    outcome: str | None
    minutes: int | None
    note: str | None
    contact_id: int | None
    contact: str | None


def _rows(
    reader: Reader,
    target: str,
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    limit: int | None,
    count: bool,
) -> tuple[list[Row], int]:
    """The rows ``text`` selects over ``target`` and how many match (``count``: every match,
    else the rows read)."""
    query = parse(text, now=now, tz=tz, target=TARGETS[target])
    build = statement_for(reader)
    wanted = query.limit if query.limit is not None else limit
    ask = Ask(query, target, now, tz, limit=wanted)
    sql, params = build(reader, ask)
    rows = reader.rows(sql, params)
    total = len(rows)
    if count and wanted is not None and total == wanted:
        total_sql, total_params = build(reader, replace(ask, shape="count"))
        total = int(reader.scalar(total_sql, total_params) or 0)
    return rows, total


def _paged(items: list[Any], total: int) -> Page[Any]:
    out: Page[Any] = Page(items)
    out.total = total
    return out


def query_contacts(
    reader: Reader,
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    limit: int | None = 50,
    count: bool = False,
) -> Page[ContactRow]:
    rows, total = _rows(reader, "contacts", text, now=now, tz=tz, limit=limit, count=count)
    out = []
    for row in rows:
        item = decoded(row, ContactRow)
        item["decision_maker"] = bool(item["decision_maker"])
        item["birthday_lunar"] = bool(item["birthday_lunar"])
        out.append(item)
    return _paged(out, total)


def query_opportunities(
    reader: Reader,
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    limit: int | None = 200,
    count: bool = False,
) -> Page[OpportunityRow]:
    rows, total = _rows(reader, "opportunities", text, now=now, tz=tz, limit=limit, count=count)
    return _paged([of_row(decoded(r, OpportunityRow)) for r in rows], total)


def query_orders(
    reader: Reader,
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    limit: int | None = 200,
    count: bool = False,
) -> Page[OrderRow]:
    from crmtui.services.money.read import order_row

    rows, total = _rows(reader, "orders", text, now=now, tz=tz, limit=limit, count=count)
    today = now.astimezone(tz).date()
    return _paged([order_row(r, today) for r in rows], total)


def query_activities(
    reader: Reader,
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    limit: int | None = 200,
    count: bool = False,
) -> Page[ActivityRow]:
    rows, total = _rows(reader, "activities", text, now=now, tz=tz, limit=limit, count=count)
    return _paged([decoded(r, ActivityRow) for r in rows], total)


def matching_ids_over(
    reader: Reader, target: str, text: str, *, now: datetime, tz: tzinfo
) -> set[int]:
    """The ids of every row of ``target`` that ``text`` selects (tests and set operations)."""
    if target == "customers":
        from crmtui.services.query.run import matching_ids

        return matching_ids(reader, text, now=now, tz=tz)
    rows, _ = _rows(reader, target, text, now=now, tz=tz, limit=None, count=False)
    return {int(r["id"]) for r in rows}
