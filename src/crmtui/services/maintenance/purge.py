"""Deleting a customer for good (``crm purge``): every row about them, and every trace in the files.

A customer first goes to the trash (``trash_customer``); only from there can it be purged. The
purge deletes, in one transaction, the customer and everything that belongs to it: contacts,
activities, opportunities, notes, tag links (and tags nobody else uses), calling windows, change
history, search documents and their full-text index entries, and rows of any other table that
points at the customer, its contacts or its opportunities. Every crmtui connection has
``secure_delete`` on, so the freed space is overwritten with zeros; the full-text index is
merged so that no old segment keeps the deleted words; then :func:`scrub_files` checkpoints the
write-ahead log into the database file and truncates it, so no earlier version of a page
survives there either, and deletes the stored day plans (``services/planning/plan_cache.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crmtui.db.dialects import dialect_for
from crmtui.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

    from crmtui.db.engine import Database

# Tables handled by name, children first; anything else that points at these rows is found
# through its foreign keys (SQLite) or removed by ON DELETE CASCADE (other databases).
_OWNED = ("activity", "timeslot", "search_doc", "opportunity", "contact", "note", "customertag")
_PARENTS = ("customer", "contact", "opportunity")


@dataclass
class PurgeResult:
    customer_id: int
    name: str
    removed: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """``2 contact(s), 5 activity rows, ...`` for the rows removed besides the customer."""
        parts = [f"{table} {n}" for table, n in self.removed.items() if n and table != "customer"]
        return "rows removed: " + (", ".join(parts) or "none besides the customer")


def purge_customer(session: Session, *, customer_id: int) -> PurgeResult:
    """Delete a customer that is in the trash, with everything about it, in the caller's
    transaction. Raises NotFound or InvalidInput (not in the trash) and deletes nothing then."""
    from sqlalchemy import text

    conn = session.connection()
    row = conn.execute(
        text("SELECT name, deleted_at FROM customer WHERE id = :id"), {"id": customer_id}
    ).first()
    if row is None:
        raise NotFound("no-customer-id", id=customer_id)
    name, deleted_at = row
    if deleted_at is None:
        raise InvalidInput("purge-not-trashed", name=name, id=customer_id)
    result = PurgeResult(customer_id, name)
    ids = {"customer": [customer_id]}
    for table in ("contact", "opportunity"):
        ids[table] = [
            r[0]
            for r in conn.execute(
                text(f"SELECT id FROM {table} WHERE customer_id = :id"), {"id": customer_id}
            )
        ]
    tag_ids = [
        r[0]
        for r in conn.execute(
            text("SELECT tag_id FROM customertag WHERE customer_id = :id"), {"id": customer_id}
        )
    ]

    def delete(table: str, column: str, values: list[int]) -> None:
        if not values:
            return
        marks = ", ".join(f":v{i}" for i in range(len(values)))
        params = {f"v{i}": v for i, v in enumerate(values)}
        done = conn.execute(text(f"DELETE FROM {table} WHERE {column} IN ({marks})"), params)
        result.removed[table] = result.removed.get(table, 0) + max(done.rowcount or 0, 0)

    for entity in ("customer", "opportunity", "contact"):
        marks = ", ".join(f":e{i}" for i in range(len(ids[entity])))
        if ids[entity]:
            done = conn.execute(
                text(f"DELETE FROM change WHERE entity = :entity AND entity_id IN ({marks})"),
                {"entity": entity, **{f"e{i}": v for i, v in enumerate(ids[entity])}},
            )
            result.removed["change"] = result.removed.get("change", 0) + max(done.rowcount, 0)
    files = dialect_for(conn.dialect.name).files
    if conn.dialect.name == "sqlite":
        # Other databases remove these rows by ON DELETE CASCADE.
        for table, column, parent in files.references(conn, _PARENTS):
            if table not in _OWNED and table != "customer" and parent in ids:
                delete(table, column, ids[parent])
    for table in _OWNED:
        delete(table, "customer_id", [customer_id])
    delete("customer", "id", [customer_id])
    if tag_ids:
        marks = ", ".join(f":t{i}" for i in range(len(tag_ids)))
        done = conn.execute(
            text(
                f"DELETE FROM tag WHERE id IN ({marks}) AND NOT EXISTS "
                "(SELECT 1 FROM customertag ct WHERE ct.tag_id = tag.id)"
            ),
            {f"t{i}": t for i, t in enumerate(tag_ids)},
        )
        result.removed["unused tag"] = max(done.rowcount or 0, 0)
    if conn.dialect.name == "sqlite":
        files.forget_deleted_text(conn)
    return result


def scrub_files(db: Database) -> bool:
    """Fold the write-ahead log into the database file and empty it (SQLite).

    Returns False when another connection still reads an older snapshot, so the log could not
    be emptied now; it is emptied when the last crm window closes.
    """
    path = db.location.path
    if path is None:
        return True
    from crmtui.services.planning.plan_cache import forget_plans

    forget_plans(path)  # stored day plans hold names and numbers too
    db.dispose()  # our own pooled connections
    return db.dialect.files.scrub(path)
