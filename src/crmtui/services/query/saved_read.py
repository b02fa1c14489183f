"""Reading saved queries (自定义查询) and the columns their tables may show.

Kept apart from ``saved.py`` (which writes them through SQLModel): ``crm query run`` reads a
saved query on the lean reader without importing SQLModel or SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass

from crmtui.db.reader import Reader, Row
from crmtui.errors import InvalidInput, NotFound

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
# the other targets: every column a table may show (the keys of the list's row), the default
TARGET_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "customers": (COLUMNS, DEFAULT_COLUMNS),
    "contacts": (
        ("id", "name", "customer", "role", "phones", "email", "updated_at"),
        ("id", "name", "customer", "role", "phones", "email"),
    ),
    "opportunities": (
        ("id", "customer", "title", "stage", "amount", "expected_close", "closed_at")
        + ("competitor", "lost_reason", "next_step", "updated_at"),
        ("id", "customer", "title", "stage", "amount", "expected_close"),
    ),
    "orders": (
        ("id", "number", "customer", "status", "payment", "ordered_on", "due_on", "total")
        + ("paid", "outstanding", "shipped_on", "delivered_on"),
        ("number", "customer", "ordered_on", "status", "payment", "total", "outstanding"),
    ),
    "activities": (
        ("id", "customer", "kind", "due_at", "done_at", "outcome", "minutes", "note", "contact"),
        ("id", "customer", "kind", "due_at", "done_at", "outcome", "note"),
    ),
}


@dataclass(frozen=True)
class Saved:
    id: int
    name: str
    query: str
    columns: tuple[str, ...]
    pinned: bool
    target: str = "customers"  # what it runs over (``--over``)


def check_columns(text: str | None, target: str = "customers") -> tuple[str, ...]:
    """``id,name,city`` as a tuple of ``target``'s columns; blank means the default ones."""
    known, default = TARGET_COLUMNS[target]
    if text is None or not text.strip():
        return default
    names = tuple(p.strip().lower().replace("-", "_") for p in text.split(",") if p.strip())
    for name in names:
        if name not in known:
            raise InvalidInput("unknown-column", field="columns", value=name, allowed=known)
    return names


def list_queries(reader: Reader) -> list[Saved]:
    rows = reader.rows(f"SELECT {_COLUMNS} FROM saved_query ORDER BY lower(name), id")
    return [_of(r) for r in rows]


def find_query(reader: Reader, name: str) -> Saved:
    """The saved query called ``name`` (case-insensitive)."""
    row = reader.one(
        f"SELECT {_COLUMNS} FROM saved_query WHERE lower(name) = :n",
        {"n": name.strip().casefold()},
    )
    if row is None:
        known = [s.name for s in list_queries(reader)]
        if known:
            raise NotFound("no-saved-query-known", name=name, known=known)
        raise NotFound("no-saved-query", name=name)
    return _of(row)


_COLUMNS = "id, name, query, columns, pinned, target"


def _of(row: Row) -> Saved:
    return saved_of(
        row["id"], row["name"], row["query"], row["columns"], row["pinned"], row["target"]
    )


def saved_of(
    qid: int, name: str, query: str, columns: str | None, pinned: object, target: str | None
) -> Saved:
    over = target if target in TARGET_COLUMNS else "customers"
    known, default = TARGET_COLUMNS[over]
    shown = tuple(c for c in (columns or "").split(",") if c in known) or default
    return Saved(int(qid), name, query, shown, bool(pinned), over)
