"""Writing an import into records that exist already: ``--on-duplicate update``.

The existing customer or contact is changed through the services (``update_customer``,
``update_contact``), so checks, the stage/grade history and the search text stay right.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from crmtui.services.importing.matching import Entity, Spec, merge


def session_rows(conn: Any) -> Callable[[str], Any]:
    """``rows_of(sql)`` for ``import_plan.load_index`` on a SQLAlchemy connection."""
    from sqlalchemy import text

    return lambda sql: conn.execute(text(sql)).mappings()


def customer_names(session: Any, keys: list[int | None]) -> dict[int | None, str]:
    from sqlalchemy import text

    wanted = sorted({k for k in keys if k})
    names: dict[int | None, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join(f":k{i}" for i in range(len(chunk)))
        rows = session.connection().execute(
            text(f"SELECT id, name FROM customer WHERE id IN ({marks})"),
            {f"k{i}": k for i, k in enumerate(chunk)},
        )
        names.update({int(i): n for i, n in rows})
    return names


_CUSTOMER_UPDATABLE = (
    "name",
    "company_name",
    "stage",
    "grade",
    "industry",
    "source",
    "address",
    "city",
    "country",
    "timezone",
    "email",
    "website",
    "notes",
    "phones",
)
_CONTACT_UPDATABLE = ("name", "role", "email", "timezone", "notes", "phones", "decision_maker")


def update_existing(
    session: Any, entity: Entity, spec: Spec, *, now: datetime, region: str | None
) -> None:
    """Fill an existing customer or contact with the incoming values (through the services)."""
    from crmtui.services.common.timeparse import Birthday

    values = spec.values
    birthday = None
    if values.get("birthday_month"):
        birthday = Birthday(
            values["birthday_month"],
            values["birthday_day"],
            values["birthday_year"],
            bool(values["birthday_lunar"]),
        )
    if entity.kind == "contact":
        from crmtui.services.contacts.write import get_contact, update_contact

        contact = get_contact(session, entity.key)
        changes = merge(
            contact.model_dump(), {k: values[k] for k in _CONTACT_UPDATABLE if k in values}
        )
        update_contact(session, now=now, contact_id=entity.key, changes=changes, birthday=birthday)
        return
    from crmtui.services.customers.write import (
        get_customer,
        restore_customer,
        tag_names,
        update_customer,
    )

    if entity.trashed:  # updating a customer in the trash brings it back
        restore_customer(session, customer_id=entity.key, now=now)
        entity.trashed = False
    current = get_customer(session, entity.key)
    changes = merge(
        current.model_dump(), {k: values[k] for k in _CUSTOMER_UPDATABLE if k in values}
    )
    tags = None
    if spec.tags:
        tags = list(dict.fromkeys(tag_names(session, entity.key) + spec.tags))
    update_customer(
        session,
        customer_id=entity.key,
        now=now,
        changes=changes,
        tags=tags,
        birthday=birthday,
        region=region,
    )
