"""Saved queries pinned as desktop panels: pin and unpin, and each panel's first rows.

A panel row names what it is (a customer, a contact with their customer, a deal's title, an
order's number, an activity) and the customer whose card Enter opens.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any, TypedDict

from crmtui.db.reader import Reader
from crmtui.errors import NotFound

PANEL_ROWS = 5  # the first rows a pinned panel shows; the query's own list has the rest


class PinnedRow(TypedDict):
    id: int
    customer_id: int
    label: str


class PinnedPanel(TypedDict):
    name: str
    target: str
    query: str
    total: int  # every row the query selects
    rows: list[PinnedRow]


def set_pinned(session: Any, *, name: str, pinned: bool) -> str:
    """Pins (or unpins) the saved query ``name``; returns its name as stored."""
    from sqlmodel import col, func, select

    from crmtui.db.tables.queries import SavedQuery

    row = session.exec(
        select(SavedQuery).where(func.lower(col(SavedQuery.name)) == name.strip().casefold())
    ).first()
    if row is None:
        raise NotFound("no-saved-query", name=name)
    row.pinned = pinned
    session.add(row)
    return str(row.name)


def _label(target: str, row: Any) -> tuple[int, str]:
    """The customer whose card a row opens, and what the row says."""
    if target == "customers":
        return int(row["id"]), str(row["name"])
    if target == "contacts":
        return int(row["customer_id"]), f"{row['name']} · {row['customer']}"
    if target == "opportunities":
        return int(row["customer_id"]), f"{row['title']} · {row['customer']}"
    if target == "orders":
        return int(row.customer_id), f"{row.number} · {row.customer}"
    return int(row["customer_id"]), f"{row['kind']} · {row['customer']}"


def pinned_panels(
    reader: Reader, *, now: datetime, tz: tzinfo, rows: int = PANEL_ROWS
) -> list[PinnedPanel]:
    """Every pinned saved query with its first ``rows`` rows and how many it selects."""
    # the query compiler is imported only when there is a panel to fill: `crm today` reads
    # as little as it can for everyone who pinned nothing
    if reader.one("SELECT 1 FROM saved_query WHERE pinned = :yes LIMIT 1", {"yes": True}) is None:
        return []
    from crmtui.services.query.run_targets import runner_for
    from crmtui.services.query.saved_read import list_queries

    out: list[PinnedPanel] = []
    for saved in list_queries(reader):
        if not saved.pinned:
            continue
        run = runner_for(saved.target)
        found = run(reader, saved.query, now=now, tz=tz, limit=rows, count=True)
        shown: list[PinnedRow] = []
        for row in found:
            customer_id, label = _label(saved.target, row)
            key = row.id if saved.target == "orders" else row["id"]
            shown.append({"id": int(key), "customer_id": customer_id, "label": label})
        out.append(
            {
                "name": saved.name,
                "target": saved.target,
                "query": saved.query,
                "total": found.total,
                "rows": shown,
            }
        )
    return out
