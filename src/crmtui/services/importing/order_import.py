"""``crm import SHEET``: a 业务明细 order sheet (``order_sheet``) into orders, one per row.

Each row becomes an order with one line, a snapshot of the sheet's product name, model, unit
price and quantity (matched to a product of the catalogue by name and model where there is one).
A row with a ship date is shipped on it (its payment falls due after the customer's credit
term), a row without one is confirmed; credit control is not applied, as the sheet records
orders already taken. The first order of a potential or prospect makes it a customer, as
always. All rows or none: the first bad row refuses the whole sheet, in one transaction.

Importing the same sheet again adds nothing. An order is the same as one already stored when
customer, order date, currency, product name, model, quantity and total are all equal and it
has that one line: this stable key needs no column of its own, and it survives a product being
renamed afterwards (the line keeps the name it was imported with). Identical rows in one sheet
are all kept: the key is counted, so a sheet with the same row twice gives two orders, once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from crmtui.db.engine import Database
from crmtui.errors import CrmError, InvalidInput
from crmtui.money import Money
from crmtui.services.importing.order_sheet import SheetRow, find_header, read_sheet


@dataclass(frozen=True)
class ImportedOrder:
    """One row of the sheet and what became of it: ``add`` or ``already imported``."""

    row: int
    customer_id: int
    customer: str
    ordered_on: date
    shipped_on: date | None
    product: str
    model: str | None
    quantity: int
    unit_price: Money
    total: Money
    status: str
    action: str
    number: str | None = None


@dataclass
class OrderImportResult:
    """What an order sheet import did (or, in a dry run, would do)."""

    file: str
    format: str
    dry_run: bool
    columns: list[str]
    rows: int = 0
    added: int = 0
    already_imported: int = 0
    written: bool = False
    orders: list[ImportedOrder] = field(default_factory=list)


def import_order_sheet(
    db: Database,
    path: Path,
    *,
    now: datetime,
    fmt: str | None = None,
    encoding: str | None = None,
    customer_id: int | None = None,
    currency: str = "CNY",
    default_days: int = 30,
    dry_run: bool = False,
) -> OrderImportResult | None:
    """Import ``path`` when it is an order sheet; ``None`` when it is not (a contact sheet)."""
    from crmtui.services.importing.run import detect_format

    if path.is_dir():
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput("cannot-read-file", path=path, reason=exc.strerror) from exc
    fmt = fmt or detect_format(path, data)
    if not find_header(data, fmt, encoding):
        return None
    columns, rows = read_sheet(data, fmt, encoding)
    if not rows:
        raise InvalidInput("order-sheet-empty")
    if customer_id is None and "customer" not in columns:
        raise InvalidInput("order-sheet-no-customer")
    result = OrderImportResult(file=str(path), format=fmt, dry_run=dry_run, columns=columns)
    result.rows = len(rows)
    with db.reader() as reader:
        owners = _customers(reader, rows, customer_id)
    if dry_run:
        with db.reader() as reader:
            result.orders = _plan(reader, rows, owners, currency)
    else:
        with db.session() as session:
            from crmtui.services.money.read import SessionRows

            result.orders = _plan(SessionRows(session), rows, owners, currency)
            result.orders = _write(session, result.orders, rows, now, currency, default_days)
            result.written = any(o.action == "add" for o in result.orders)
    result.added = sum(o.action == "add" for o in result.orders)
    result.already_imported = len(result.orders) - result.added
    return result


def _refused(row: int, exc: CrmError) -> InvalidInput:
    return InvalidInput("order-sheet-row", row=row, reason=str(exc))


def _customers(
    reader: Any, rows: list[SheetRow], customer_id: int | None
) -> dict[int, tuple[int, str]]:
    """Each row's customer (id, name): ``--customer`` for all, else the row's customer cell,
    an existing customer by name (an import of orders never adds customers)."""
    from crmtui.services.customers.read import resolve_customer

    out: dict[int, tuple[int, str]] = {}
    known: dict[str, tuple[int, str]] = {}
    if customer_id is not None:
        found = resolve_customer(reader, str(customer_id))
        return {r.row: (found["id"], found["name"]) for r in rows}
    for r in rows:
        if not r.customer:
            raise _refused(r.row, InvalidInput("order-sheet-missing", column="客户 / customer"))
        if r.customer not in known:
            try:
                found = resolve_customer(reader, r.customer, by_name=True)
            except CrmError as exc:
                raise _refused(r.row, exc) from None
            known[r.customer] = (found["id"], found["name"])
        out[r.row] = known[r.customer]
    return out


def _plan(
    db: Any, rows: list[SheetRow], owners: dict[int, tuple[int, str]], currency: str
) -> list[ImportedOrder]:
    """Each row with its stored form and whether an order like it is already there."""
    from crmtui.services.money.read import find_product

    planned: list[ImportedOrder] = []
    seen: Counter[tuple[Any, ...]] = Counter()
    for r in rows:
        try:
            product = find_product(db, r.product, r.model)
        except CrmError as exc:
            raise _refused(r.row, exc) from None
        # the name and model the line will keep (create_order takes the product's own)
        name = product.name if product else r.product
        model = (product.model if product else None) or r.model
        cid, customer = owners[r.row]
        key = (cid, r.ordered_on, name, model or "", r.quantity, r.total)
        seen[key] += 1
        here = _stored(db, key, currency)
        planned.append(
            ImportedOrder(
                row=r.row,
                customer_id=cid,
                customer=customer,
                ordered_on=r.ordered_on,
                shipped_on=r.shipped_on,
                product=name,
                model=model,
                quantity=r.quantity,
                unit_price=Money(r.price, currency),
                total=Money(r.total, currency),
                status="shipped" if r.shipped_on else "confirmed",
                action="already imported" if seen[key] <= here else "add",
            )
        )
    return planned


def _stored(db: Any, key: tuple[Any, ...], currency: str) -> int:
    """How many one-line orders with this key are stored already."""
    cid, ordered_on, name, model, quantity, total = key
    found = db.rows(
        "SELECT count(*) AS n FROM sales_order o WHERE o.customer_id = :cid "
        "AND o.ordered_on = :day AND o.total = :total AND o.currency = :cur "
        "AND (SELECT count(*) FROM order_line x WHERE x.order_id = o.id) = 1 "
        "AND EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id AND l.name = :name "
        "AND coalesce(l.model, '') = :model AND l.quantity = :qty)",
        {
            "cid": cid,
            "day": ordered_on,
            "total": total,
            "cur": currency,
            "name": name,
            "model": model,
            "qty": quantity,
        },
    )
    return int(found[0]["n"])


def _write(
    session: Any,
    planned: list[ImportedOrder],
    rows: Iterable[SheetRow],
    now: datetime,
    currency: str,
    default_days: int,
) -> list[ImportedOrder]:
    """Create, confirm and ship each new order; the same rules as ``crm order``."""
    from dataclasses import replace

    from crmtui.services.money.rules import LineSpec
    from crmtui.services.money.write import confirm_order, create_order, ship_order

    by_row = {r.row: r for r in rows}
    out: list[ImportedOrder] = []
    for item in planned:
        r = by_row[item.row]
        if item.action != "add":
            out.append(item)
            continue
        try:
            order = create_order(
                session,
                now=now,
                today=r.ordered_on,
                customer_id=item.customer_id,
                lines=[LineSpec(r.product, r.model, r.quantity, r.price)],
                ordered_on=r.ordered_on,
                currency=currency,
                note=r.note,
            )
            assert order.id is not None
            confirm_order(
                session,
                now=now,
                today=r.ordered_on,
                order_id=order.id,
                default_days=default_days,
                check_credit=False,
            )
            if r.shipped_on is not None:
                ship_order(session, now=now, order_id=order.id, on=r.shipped_on)
        except CrmError as exc:
            raise _refused(r.row, exc) from None
        out.append(replace(item, number=order.number))
    return out
