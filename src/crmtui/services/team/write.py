"""Team mode writes: owning new customers (refusing 撞单), assigning, roles and policies.

Each function works in the caller's Session (one user action, one transaction).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from crmtui.db.tables.customers import Customer
from crmtui.db.tables.team import OwnershipChange
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.team.read import _is_server, owner_conflict, session_user
from crmtui.services.team.rules import check_user_name, keys_of
from crmtui.services.team.types import Assignment

# One lock for every customer added on a server: the duplicate check and the insert of two
# concurrent adds cannot interleave, so of two salespeople adding the same customer at the
# same moment exactly one wins (the lock is released when the transaction ends).
ADD_CUSTOMER_LOCK = 0x63726D01  # "crm" 1


def stamp_keys(customer: Customer) -> None:
    """Recompute the duplicate keys after the name, company, phones, email or code changed."""
    keys = keys_of(
        name=customer.name,
        company_name=customer.company_name,
        phones=customer.phones,
        email=customer.email,
        credit_code=customer.credit_code,
    )
    customer.name_key = keys.name_key
    customer.phone_keys = keys.phone_text


def own_new_customer(session: Session, customer: Customer, *, now: datetime) -> None:
    """Before a new customer is inserted: refuse it when another user owns the same customer
    (no 撞单), else make the current user its owner."""
    if _is_server(session):
        from sqlalchemy import text

        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADD_CUSTOMER_LOCK})
    stamp_keys(customer)
    keys = keys_of(
        name=customer.name,
        company_name=customer.company_name,
        phones=customer.phones,
        email=customer.email,
        credit_code=customer.credit_code,
    )
    conflict = owner_conflict(session, keys)
    if conflict is not None:
        since = conflict.since.date().isoformat() if conflict.since else "?"
        raise InvalidInput("owned-by-other", field="name", owner=conflict.owner, since=since)
    customer.owner = session_user(session)
    customer.owned_since = now
    customer.updated_by = customer.owner


def assign_customer(
    session: Session, *, customer_id: int, to_user: str, now: datetime
) -> Assignment:
    """Give a customer to another salesperson with its whole history (人走客不走); logged."""
    check_user_name(to_user)
    customer = session.get(Customer, customer_id)
    if customer is None or customer.deleted_at is not None:
        raise NotFound("no-customer-id", id=customer_id)
    if _is_server(session) and _team_ready(session):
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        try:
            previous = session.execute(
                text("SELECT crm_assign(:id, :to, :at)"),
                {"id": customer_id, "to": to_user, "at": now},
            ).scalar_one()
        except DBAPIError as exc:
            if "crm:no-such-user" in str(exc.orig):
                raise InvalidInput("no-such-user", field="user", name=to_user) from exc
            raise NotFound("no-customer-id", id=customer_id) from exc
        return Assignment(customer_id, customer.name, previous, to_user)
    previous = customer.owner
    customer.owner, customer.owned_since, customer.updated_at = to_user, now, now
    me = session_user(session)
    customer.updated_by = me
    session.add(customer)
    session.add(
        OwnershipChange(
            customer_id=customer_id, from_owner=previous, to_owner=to_user, at=now, by=me
        )
    )
    return Assignment(customer_id, customer.name, previous, to_user)


def _team_ready(session: Session) -> bool:
    from crmtui.services.team.read import team_ready

    return team_ready(session)


def init_team(session: Session) -> int:
    """Install roles, grants, policies and functions; returns how many statements ran."""
    if not _is_server(session):
        raise InvalidInput("team-needs-server")
    from sqlalchemy import text

    from crmtui.db.dialects.postgres.team import init_statements

    statements = init_statements()
    for sql in statements:
        session.execute(text(sql))
    return len(statements)


def add_user(session: Session, *, name: str, manager: bool, password: str | None) -> str:
    """Create the login role of a salesperson (or a manager)."""
    if not _is_server(session):
        raise InvalidInput("team-needs-server")
    check_user_name(name)
    if not _team_ready(session):
        raise InvalidInput("team-not-initialised")
    from sqlalchemy import text

    from crmtui.db.dialects.postgres.team import add_user_statement

    exists: Any = session.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}
    ).first()
    if exists is not None:
        raise InvalidInput("user-exists", field="user", name=name)
    session.execute(text(add_user_statement(name, manager=manager, password=password)))
    return name
