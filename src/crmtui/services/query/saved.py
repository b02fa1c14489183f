"""Saved queries (自定义查询): a name, the query text and the columns a table shows.

A query is checked before it is saved, so a saved query always runs; names are unique
(case-insensitive) and never all digits, so ``crm query run 12`` is never ambiguous. Reading
them is ``saved_read.py``.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from sqlmodel import Session, col, func, select

from crmtui.db.tables.queries import SavedQuery
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.common import checks
from crmtui.services.query.saved_read import (
    COLUMNS,
    DEFAULT_COLUMNS,
    TARGET_COLUMNS,
    Saved,
    check_columns,
    find_query,
    list_queries,
    saved_of,
)
from crmtui.services.query.syntax import parse
from crmtui.services.query.targets import find_target

# the reading side lives in saved_read.py; these names stay importable from here
__all__ = [
    "COLUMNS",
    "DEFAULT_COLUMNS",
    "TARGET_COLUMNS",
    "Saved",
    "check_columns",
    "delete_query",
    "find_query",
    "list_queries",
    "save_query",
]


def save_query(
    session: Session,
    *,
    now: datetime,
    tz: tzinfo,
    name: str,
    query: str,
    columns: str | None = None,
    replace: bool = False,
    over: str | None = None,
) -> Saved:
    """Saves ``query`` over ``over`` (customers by default) as ``name``, checked first; an
    existing name needs ``replace``."""
    label = checks.name(name, "query name", field="name")
    if label.isdecimal():
        raise InvalidInput("query-name-digits", field="name", name=label)
    target = find_target(over)
    parse(query, now=now, tz=tz, target=target)  # refuses what could not run
    shown = check_columns(columns, target.name)
    existing = session.exec(
        select(SavedQuery).where(func.lower(col(SavedQuery.name)) == label.casefold())
    ).first()
    if existing is not None and not replace:
        raise InvalidInput("query-name-taken", field="name", name=existing.name)
    row = existing or SavedQuery(name=label, query=query, created_at=now, updated_at=now)
    row.name, row.query, row.updated_at = label, query, now
    row.columns = ",".join(shown)
    row.target = target.name
    session.add(row)
    session.flush()
    return saved_of(row.id or 0, row.name, row.query, row.columns, row.pinned, row.target)


def delete_query(session: Session, *, name: str) -> str:
    """Deletes the saved query ``name``; returns its name as stored."""
    row = session.exec(
        select(SavedQuery).where(func.lower(col(SavedQuery.name)) == name.strip().casefold())
    ).first()
    if row is None:
        raise NotFound("no-saved-query", name=name)
    session.delete(row)
    return row.name
