"""Running a query over contacts, opportunities, orders or activities.

The SQL is written by the back end ``run.statement_for`` picks (SQL text on SQLite). The rows
are those of the target's usual list (``crm contacts``, ``crm opp list``, ``crm
orders``; activities planned and done), so ``--query`` prints and exports like the list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, tzinfo
from typing import Any, Protocol, TypedDict, TypeVar

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

T = TypeVar("T")


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


class Runner(Protocol[T]):
    """``query_contacts`` and the like: the page of rows ``text`` selects over one target."""

    def __call__(
        self,
        reader: Reader,
        text: str,
        *,
        now: datetime,
        tz: tzinfo,
        limit: int | None = ...,
        count: bool = False,
    ) -> Page[T]: ...


def _runner(target: str, convert: Callable[[list[Row], date], list[T]], default: int) -> Runner[T]:
    """The runner of ``target``: its rows made items by ``convert`` (given today's date), a table
    of ``default`` rows unless ``limit`` says otherwise."""

    def run(
        reader: Reader,
        text: str,
        *,
        now: datetime,
        tz: tzinfo,
        limit: int | None = default,
        count: bool = False,
    ) -> Page[T]:
        rows, total = _rows(reader, target, text, now=now, tz=tz, limit=limit, count=count)
        out: Page[T] = Page(convert(rows, now.astimezone(tz).date()))
        out.total = total
        return out

    run.__name__ = run.__qualname__ = f"query_{target}"
    return run


def _contacts(rows: list[Row], today: date) -> list[ContactRow]:
    out = []
    for row in rows:
        item = decoded(row, ContactRow)
        item["decision_maker"] = bool(item["decision_maker"])
        item["birthday_lunar"] = bool(item["birthday_lunar"])
        out.append(item)
    return out


def _orders(rows: list[Row], today: date) -> list[OrderRow]:
    from crmtui.services.money.read import order_row

    return [order_row(r, today) for r in rows]


query_contacts = _runner("contacts", _contacts, 50)
query_opportunities = _runner(
    "opportunities", lambda rows, _: [of_row(decoded(r, OpportunityRow)) for r in rows], 200
)
query_orders = _runner("orders", _orders, 200)
query_activities = _runner(
    "activities", lambda rows, _: [decoded(r, ActivityRow) for r in rows], 200
)
RUNNERS: dict[str, Runner[Any]] = {
    "contacts": query_contacts,
    "opportunities": query_opportunities,
    "orders": query_orders,
    "activities": query_activities,
}


def runner_for(target: str) -> Runner[Any]:
    """The runner of any target, customers included (``run.query_customers``)."""
    if target == "customers":
        from crmtui.services.query.run import query_customers

        return query_customers
    return RUNNERS[target]


def matching_ids_over(
    reader: Reader, target: str, text: str, *, now: datetime, tz: tzinfo
) -> set[int]:
    """The ids of every row of ``target`` that ``text`` selects (tests and set operations)."""
    if target == "customers":
        from crmtui.services.query.run import matching_ids

        return matching_ids(reader, text, now=now, tz=tz)
    rows, _ = _rows(reader, target, text, now=now, tz=tz, limit=None, count=False)
    return {int(r["id"]) for r in rows}
