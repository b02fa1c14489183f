"""Saved queries (自定义查询): a name, the query text and the columns a table shows.

A query is checked before it is saved, so a saved query always runs; names are unique
(case-insensitive) and never all digits, so ``crm query run 12`` is never ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlmodel import Session, col, func, select

from crmtui.db.reader import Reader
from crmtui.db.tables.queries import SavedQuery
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.common import checks
from crmtui.services.query.syntax import parse

# The columns a saved query's table may show: the keys of a ``crm customers`` row.
COLUMNS = (
    "id",
    "name",
    "stage",
    "grade",
    "city",
    "country",
    "phones",
    "email",
    "company_name",
    "last_contact_at",
    "updated_at",
    "tags",
)
DEFAULT_COLUMNS = ("id", "name", "stage", "grade", "city", "phones", "last_contact_at")


@dataclass(frozen=True)
class Saved:
    id: int
    name: str
    query: str
    columns: tuple[str, ...]
    pinned: bool


def check_columns(text: str | None) -> tuple[str, ...]:
    """``id,name,city`` as a tuple of known columns; blank means the default ones."""
    if text is None or not text.strip():
        return DEFAULT_COLUMNS
    names = tuple(p.strip().lower().replace("-", "_") for p in text.split(",") if p.strip())
    for name in names:
        if name not in COLUMNS:
            raise InvalidInput("unknown-column", field="columns", value=name, allowed=COLUMNS)
    return names


def save_query(
    session: Session,
    *,
    now: datetime,
    tz: tzinfo,
    name: str,
    query: str,
    columns: str | None = None,
    replace: bool = False,
) -> Saved:
    """Saves ``query`` as ``name`` (checked first); an existing name needs ``replace``."""
    label = checks.name(name, "query name", field="name")
    if label.isdecimal():
        raise InvalidInput("query-name-digits", field="name", name=label)
    parse(query, now=now, tz=tz)  # refuses what could not run
    shown = check_columns(columns)
    existing = session.exec(
        select(SavedQuery).where(func.lower(col(SavedQuery.name)) == label.casefold())
    ).first()
    if existing is not None and not replace:
        raise InvalidInput("query-name-taken", field="name", name=existing.name)
    row = existing or SavedQuery(name=label, query=query, created_at=now, updated_at=now)
    row.name, row.query, row.updated_at = label, query, now
    row.columns = ",".join(shown)
    session.add(row)
    session.flush()
    return _saved(row.id or 0, row.name, row.query, row.columns, row.pinned)


def delete_query(session: Session, *, name: str) -> str:
    """Deletes the saved query ``name``; returns its name as stored."""
    row = session.exec(
        select(SavedQuery).where(func.lower(col(SavedQuery.name)) == name.strip().casefold())
    ).first()
    if row is None:
        raise NotFound("no-saved-query", name=name)
    session.delete(row)
    return row.name


def list_queries(reader: Reader) -> list[Saved]:
    rows = reader.rows(
        "SELECT id, name, query, columns, pinned FROM saved_query ORDER BY lower(name), id"
    )
    return [_saved(r["id"], r["name"], r["query"], r["columns"], r["pinned"]) for r in rows]


def find_query(reader: Reader, name: str) -> Saved:
    """The saved query called ``name`` (case-insensitive)."""
    row = reader.one(
        "SELECT id, name, query, columns, pinned FROM saved_query WHERE lower(name) = :n",
        {"n": name.strip().casefold()},
    )
    if row is None:
        known = [s.name for s in list_queries(reader)]
        if known:
            raise NotFound("no-saved-query-known", name=name, known=known)
        raise NotFound("no-saved-query", name=name)
    return _saved(row["id"], row["name"], row["query"], row["columns"], row["pinned"])


def _saved(qid: int, name: str, query: str, columns: str | None, pinned: object) -> Saved:
    shown = tuple(c for c in (columns or "").split(",") if c in COLUMNS) or DEFAULT_COLUMNS
    return Saved(int(qid), name, query, shown, bool(pinned))
