"""Reading notes through the lean reader: ``crm note list`` and the desktop's pinned notes."""

from __future__ import annotations

from typing import Any

from crmtui.db.reader import Reader
from crmtui.services.common.paging import TOTAL_SQL, Page, limit_sql, page
from crmtui.services.common.records import decoded
from crmtui.services.notes.types import NoteRow


def list_notes(
    reader: Reader,
    *,
    customer_id: int | None = None,
    pinned_only: bool = False,
    limit: int | None = 200,
) -> Page[NoteRow]:
    where = ["1 = 1"]
    params: dict[str, Any] = {"limit": limit}
    if customer_id is not None:
        where.append("n.customer_id = :cid")
        params["cid"] = customer_id
    if pinned_only:
        where.append("n.pinned")
    rows = reader.rows(
        "SELECT n.id, n.body, n.pinned, n.customer_id, c.name AS customer, n.updated_at, "
        f"{TOTAL_SQL} "
        f"FROM note n LEFT JOIN customer c ON c.id = n.customer_id WHERE {' AND '.join(where)} "
        f"ORDER BY n.updated_at DESC, n.id DESC{limit_sql(limit)}",
        params,
    )
    out = page([decoded(r, NoteRow) for r in rows])
    for note in out:
        note["pinned"] = bool(note["pinned"])
    return out
