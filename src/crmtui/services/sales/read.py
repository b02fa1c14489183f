"""Reading opportunities through the lean reader."""

from __future__ import annotations

from typing import Any

from crmtui.db.reader import Reader
from crmtui.money import of_row
from crmtui.services.common.paging import TOTAL_SQL, Page, limit_sql, page
from crmtui.services.common.records import decoded
from crmtui.services.sales.types import OpportunityRow


def list_opportunities(
    reader: Reader,
    *,
    customer_id: int | None = None,
    open_only: bool = False,
    limit: int | None = 200,
) -> Page[OpportunityRow]:
    where = ["c.deleted_at IS NULL"]
    params: dict[str, Any] = {"limit": limit}
    if customer_id is not None:
        where.append("o.customer_id = :cid")
        params["cid"] = customer_id
    if open_only:
        where.append("o.closed_at IS NULL")
    rows = reader.rows(
        "SELECT o.id, o.customer_id, c.name AS customer, o.title, o.stage, o.amount, o.currency, "
        "o.expected_close, o.next_step, o.lost_reason, o.competitor, o.closed_at, o.updated_at, "
        f"{TOTAL_SQL} "
        f"FROM opportunity o JOIN customer c ON c.id = o.customer_id WHERE {' AND '.join(where)} "
        f"ORDER BY o.updated_at DESC, o.id DESC{limit_sql(limit)}",
        params,
    )
    return page([of_row(decoded(r, OpportunityRow)) for r in rows])
