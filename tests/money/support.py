"""Building money data through the services, for the money tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from crmtui.services.money.rules import LineSpec
from tests.helpers import add_customer, now

TODAY = date(2026, 11, 23)  # the pinned clock's day (tests/conftest.py)


def customer(db: Any, name: str = "宏达机械", **fields: Any) -> int:
    return add_customer(db, name, **fields)


def order(
    db: Any,
    customer_id: int,
    *lines: tuple[str, int, int | None],
    confirm: bool = False,
    force: bool = False,
    ordered_on: date | None = None,
    **kw: Any,
) -> int:
    """An order with ``(name, quantity, price)`` lines (price in minor units)."""
    from crmtui.services.money.write import confirm_order, create_order

    specs = [
        LineSpec(n.partition("/")[0], n.partition("/")[2] or None, q, p)
        for n, q, p in lines or [("Item", 1, 100_00)]
    ]
    with db.session() as session:
        made = create_order(
            session,
            now=now(),
            today=TODAY,
            customer_id=customer_id,
            lines=specs,
            ordered_on=ordered_on,
            **kw,
        )
        assert made.id is not None
        if confirm or force:
            confirm_order(session, now=now(), today=TODAY, order_id=made.id, force=force)
        return made.id


def ship(db: Any, order_id: int, on: date) -> None:
    from crmtui.services.money.write import ship_order

    with db.session() as session:
        ship_order(session, now=now(), order_id=order_id, on=on)


def pay(db: Any, customer_id: int, amount: int, **kw: Any) -> Any:
    from crmtui.services.money.write import record_payment

    kw.setdefault("paid_on", TODAY)
    with db.session() as session:
        return record_payment(session, now=now(), customer_id=customer_id, amount=amount, **kw)


def set_credit(db: Any, customer_id: int, **kw: Any) -> None:
    from crmtui.services.money.credit import set_credit as write

    with db.session() as session:
        write(session, customer_id=customer_id, now=now(), today=TODAY, **kw)


def count(db: Any, table: str) -> int:
    with db.reader() as reader:
        return int(reader.scalar(f"SELECT count(*) FROM {table}"))
