"""``--query`` on ``crm customers``, ``crm contacts``, ``crm opp list``, ``crm orders`` and ``crm
actions``, and the rows of a saved query over any target, as a table, JSON or CSV.

The JSON of a row is the JSON of the target's usual list; the table shows the saved query's
columns (or the target's default ones).
"""

from __future__ import annotations

import csv
import sys
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from crmtui.cli.context import State, console, print_json
from crmtui.cli.render import FIXED, NUMBER, TEXT, fitted, phones, when
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, translate
from crmtui.money import Money, format_money

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from crmtui.services.common.paging import Page

HEADERS = {
    "id": N_("id"),
    "name": N_("name"),
    "customer": N_("customer"),
    "role": N_("role"),
    "phones": N_("phones"),
    "email": N_("email"),
    "updated_at": N_("updated"),
    "title": N_("title"),
    "stage": N_("stage"),
    "amount": N_("amount"),
    "expected_close": N_("close"),
    "closed_at": N_("closed"),
    "competitor": N_("competitor"),
    "lost_reason": N_("lost reason"),
    "next_step": N_("next step"),
    "number": N_("number"),
    "status": N_("status"),
    "payment": N_("payment"),
    "ordered_on": N_("ordered"),
    "due_on": N_("due"),
    "total": N_("total"),
    "paid": N_("paid"),
    "outstanding": N_("owed"),
    "shipped_on": N_("shipped"),
    "delivered_on": N_("delivered"),
    "kind": N_("kind"),
    "due_at": N_("due"),
    "done_at": N_("done"),
    "outcome": N_("outcome"),
    "minutes": N_("minutes"),
    "note": N_("note"),
    "contact": N_("contact"),
}
# On a narrow terminal (see render.fitted) free text gives way, cut with an ellipsis; numbers
# never wrap; every other column (dates, numbers of orders, stages) keeps its width.
TEXT_COLUMNS = frozenset(
    {"name", "customer", "role", "email", "title", "competitor", "lost_reason", "next_step"}
    | {"note", "contact", "phones"}
)
NUMBER_COLUMNS = frozenset({"id", "amount", "total", "paid", "outstanding", "minutes"})
EMPTY = {
    "contacts": N_("no contacts found"),
    "opportunities": N_("no opportunities"),
    "orders": N_("no orders"),
    "activities": N_("no activities found"),
}


def fetch(st: State, target: str, text: str, *, limit: int | None, count: bool) -> Page[Any]:
    """The rows of ``text`` over ``target`` (customers too); a bad query is refused before the
    database opens."""
    from crmtui.services.query.run_targets import runner_for
    from crmtui.services.query.syntax import parse
    from crmtui.services.query.targets import TARGETS

    now = st.now()
    parse(text, now=now, tz=st.tz, target=TARGETS[target])
    runner = runner_for(target)
    with st.reader() as reader:
        rows: Page[Any] = runner(reader, text, now=now, tz=st.tz, limit=limit, count=count)
    return rows


def run_list_query(
    st: State, target: str, text: str, *, limit: int | None, as_json: bool, mixed: bool
) -> None:
    """``crm customers --query ...``, ``crm orders --query ...`` and the like: the list's JSON;
    the table of ``crm customers`` for customers, else the target's default columns.

    ``mixed``: the command was also given its own filters, which ``--query`` replaces.
    """
    from crmtui.cli.paging import page_size, print_more

    if mixed:
        raise InvalidInput("query-with-filters", field="query")
    # a table shows as many rows as the target's plain list does
    size = page_size(limit, as_json, 50 if target == "customers" else 200)
    rows = fetch(st, target, text, limit=size, count=not as_json)
    if target != "customers":
        from crmtui.services.query.saved_read import TARGET_COLUMNS

        show(target, rows, TARGET_COLUMNS[target][1], st.tz, as_json=as_json, as_csv=False)
        return
    from crmtui.cli.customer_rows import print_customers

    print_customers(rows, st.tz, as_json=as_json)
    if not as_json:
        print_more(rows)


def show(
    target: str,
    rows: Page[Any],
    columns: tuple[str, ...],
    tz: ZoneInfo,
    *,
    as_json: bool,
    as_csv: bool,
) -> None:
    from crmtui.cli.paging import print_more

    if as_json:
        print_json([asdict(r) if is_dataclass(r) and not isinstance(r, type) else r for r in rows])
        return
    if as_csv:
        _csv(rows, columns, tz)
        return
    if not rows:
        console.print(translate(EMPTY[target]))
        return
    kinds = [(translate(HEADERS.get(c, c)), _kind(c)) for c in columns]
    cells = [[cell(r, c, tz) for c in columns] for r in rows]
    console.print(fitted(None, kinds, cells, width=console.width))
    print_more(rows)


def cell(row: Any, column: str, tz: ZoneInfo) -> str:
    """One value of a row (a TypedDict or a dataclass) as the table shows it."""
    value = getattr(row, column, None) if is_dataclass(row) else row.get(column)
    if column in ("stage", "status", "payment", "kind", "outcome") and isinstance(value, str):
        return _word(column, value)
    if isinstance(value, Money):
        return format_money(int(value), value.currency or "")
    if isinstance(value, datetime):
        return when(value, tz, with_weekday=False)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return phones(value)
    if isinstance(value, bool):
        return "✓" if value else ""
    return "" if value is None else str(value)


def _kind(column: str) -> str:
    if column in TEXT_COLUMNS:
        return TEXT
    return NUMBER if column in NUMBER_COLUMNS else FIXED


def _word(column: str, value: str) -> str:
    if column in ("status", "payment"):
        from crmtui.services.money.words import word

        return word(value)
    from crmtui import words

    return words.label("opportunity" if column == "stage" else column, value)


def _csv(rows: Page[Any], columns: tuple[str, ...], tz: ZoneInfo) -> None:
    from crmtui.services.formats.safety import neutralise

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(columns)
    for row in rows:
        # a name like "=HYPERLINK(...)" must not become a formula in a spreadsheet
        out.writerow([neutralise(cell(row, c, tz)) for c in columns])
