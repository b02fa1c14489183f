"""Small helpers for tests that build data through the services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from crmtui import clock


def now() -> datetime:
    return clock.now()


def add_customer(db: Any, name: str, **fields: Any) -> int:
    from crmtui.services.customers.write import create_customer

    with db.session() as session:
        customer = create_customer(session, now=fields.pop("now", now()), name=name, **fields)
        assert customer.id is not None
        return customer.id


def add_contact(db: Any, customer_id: int, name: str, **fields: Any) -> int:
    from crmtui.services.contacts.write import create_contact

    with db.session() as session:
        contact = create_contact(
            session, now=fields.pop("now", now()), customer_id=customer_id, name=name, **fields
        )
        assert contact.id is not None
        return contact.id
