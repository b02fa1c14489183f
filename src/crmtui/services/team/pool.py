"""公海, the shared pool: a customer its owner has not touched (nor taken) for
``pool_after_days`` (config, default 90) returns to the pool, where colleagues may see and take
it (``crm assign``). The release runs when anyone looks at the team (``crm team pool``); on a
team database through ``crm_release_stale``, which may see every owner's customers. Times
come from the app's clock (``CRM_NOW``), never the server's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from crmtui.clock import from_db
from crmtui.db.reader import Reader
from crmtui.db.tables.customers import Customer
from crmtui.db.tables.team import OwnershipChange
from crmtui.services.team.read import session_user, team_ready


@dataclass(frozen=True)
class PoolCustomer:
    id: int
    name: str
    last_contact_at: datetime | None


def release_stale(session: Session, *, now: datetime, days: int) -> int:
    """Return to the pool every owned customer untouched and untaken for ``days``; each move
    is logged in ``ownership_change`` (to nobody). How many went back."""
    before = now - timedelta(days=days)
    if team_ready(session):
        from sqlalchemy import text

        found = session.execute(
            text("SELECT crm_release_stale(:before, :at)"), {"before": before, "at": now}
        )
        return int(found.scalar_one())
    from sqlalchemy import func
    from sqlmodel import col, select

    stale = session.exec(
        select(Customer).where(
            col(Customer.owner).is_not(None),
            col(Customer.deleted_at).is_(None),
            func.coalesce(Customer.last_contact_at, Customer.created_at) < before,
            func.coalesce(Customer.owned_since, Customer.created_at) < before,
        )
    ).all()
    me = session_user(session) if stale else ""
    for customer in stale:
        assert customer.id is not None
        session.add(
            OwnershipChange(
                customer_id=customer.id, from_owner=customer.owner, to_owner=None, at=now, by=me
            )
        )
        customer.owner, customer.owned_since, customer.updated_at = None, now, now
    return len(stale)


def pool(reader: Reader, *, limit: int | None = 50) -> tuple[int, list[PoolCustomer]]:
    """How many customers the pool holds, and the longest untouched of them first."""
    where = "owner IS NULL AND deleted_at IS NULL"
    total = int(reader.scalar(f"SELECT count(*) FROM customer WHERE {where}") or 0)
    rows = reader.rows(
        f"SELECT id, name, last_contact_at FROM customer WHERE {where} "
        "ORDER BY last_contact_at IS NOT NULL, last_contact_at, id LIMIT :limit",
        {"limit": limit if limit is not None else total},
    )
    return total, [
        PoolCustomer(
            id=int(r["id"]), name=str(r["name"]), last_contact_at=from_db(r["last_contact_at"])
        )
        for r in rows
    ]
