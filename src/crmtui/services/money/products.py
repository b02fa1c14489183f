"""Writing the product catalogue (产品): add and edit, each in the caller's session.

An order keeps its own copy of a product's name, model and price, so an edit here never
rewrites an order already taken.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from crmtui.codes import currency as iso_currency
from crmtui.db.tables.money import Product
from crmtui.errors import InvalidInput, NotFound
from crmtui.services.common import checks


def add_product(
    session: Session,
    *,
    now: datetime,
    name: str,
    code: str | None = None,
    model: str | None = None,
    spec: str | None = None,
    unit: str | None = None,
    price: int = 0,
    currency: str = "CNY",
) -> Product:
    product = Product(name="-", created_at=now, updated_at=now)
    _set_product(
        session,
        product,
        name=name,
        code=code,
        model=model,
        spec=spec,
        unit=unit,
        price=price,
        currency=currency,
    )
    return product


def edit_product(
    session: Session,
    *,
    now: datetime,
    product_id: int,
    name: str | None = None,
    code: str | None = None,
    model: str | None = None,
    spec: str | None = None,
    unit: str | None = None,
    price: int | None = None,
    currency: str | None = None,
    active: bool | None = None,
) -> Product:
    """Change the given fields; old orders keep their own copy of name, model and price."""
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound("no-product-id", id=product_id)
    _set_product(
        session,
        product,
        name=product.name if name is None else name,
        code=product.code if code is None else code,
        model=product.model if model is None else model,
        spec=product.spec if spec is None else spec,
        unit=product.unit if unit is None else unit,
        price=product.price if price is None else price,
        currency=product.currency if currency is None else currency,
    )
    if active is not None:
        product.active = active
    product.updated_at = now
    session.add(product)
    session.flush()
    return product


def _set_product(session: Session, product: Product, **values: object) -> None:
    code = checks.text(str(values["code"]) if values["code"] else None, "code", limit=64)
    if code:
        code = code.strip()
        other = session.exec(
            select(col(Product.id)).where(func.lower(col(Product.code)) == code.lower())
        ).first()
        if other is not None and other != product.id:
            raise InvalidInput("product-code-taken", field="code", value=code, id=other)
    price = int(values["price"] or 0)  # type: ignore[call-overload]
    if price < 0:
        raise InvalidInput("amount-cannot-be-negative", field="price")
    product.name = checks.name(str(values["name"] or ""), "name")
    product.code = code or None
    product.model = checks.text(_str(values["model"]), "model", limit=200)
    product.spec = checks.text(_str(values["spec"]), "spec", limit=1000)
    product.unit = checks.text(_str(values["unit"]), "unit", limit=32)
    product.price = price
    product.currency = iso_currency(str(values["currency"] or "CNY"))
    session.add(product)
    session.flush()


def _str(value: object) -> str | None:
    return None if value is None else str(value)
