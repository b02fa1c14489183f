"""Money as the services hand it out: integer minor units that know their currency.

The database stores an amount as integer minor units (hundredths: ``1_200_050`` is 12,000.50)
beside its ISO 4217 currency. Services wrap each amount they read in :class:`Money`, so the
layers above know a value is money without a list of key names:

- ``--json`` (``textsafe.json_dumps``) writes it as a decimal string with two decimals,
  ``"amount": "12000.50"``, and names its currency (``"currency": "CNY"`` beside it);
- tables and panels format it with :func:`format_money` (``12,000.50 CNY``), as before.

``Money`` is an ``int`` subclass on purpose: everything that already counts in minor units
(sums, comparisons, ``int(...)``, SQL parameters, code comparing with plain integers) keeps
working unchanged; only the JSON encoder looks at the type. Arithmetic gives plain ``int``
back, so a sum is wrapped again by whoever knows its currency.

Stdlib only and no layer imports: ``textsafe`` and read-only commands use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypeVar, cast

_CENT = Decimal("0.01")


class Money(int):
    """An amount in minor units (hundredths) with its currency.

    ``currency`` is ``None`` only for a total that has no single currency (nothing counted, or
    several currencies added up); JSON then says ``"currency": null``.
    """

    currency: str | None

    def __new__(cls, minor: int, currency: str | None) -> Money:
        value = super().__new__(cls, minor)
        object.__setattr__(value, "currency", currency)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Money is immutable")

    def __getnewargs__(self) -> tuple[int, str | None]:  # type: ignore[override]
        # copy and pickle rebuild it through __new__, which needs the currency too
        return int(self), self.currency

    def decimal(self) -> Decimal:
        """The amount in major units, exact: ``Decimal('12000.50')``."""
        return (Decimal(int(self)) * _CENT).quantize(_CENT)

    def json_text(self) -> str:
        """The JSON form: a plain decimal string, two decimals, no grouping (``"12000.50"``)."""
        return f"{self.decimal():f}"


RowT = TypeVar("RowT")


def of_row(row: RowT, key: str = "amount") -> RowT:
    """Wrap ``row[key]`` (minor units) as Money in ``row["currency"]``; returns the row.

    Any dict-shaped row (a service's TypedDict included): Money is an int, so the row keeps its
    type."""
    values = cast(dict[str, Any], row)
    if key in values:
        values[key] = Money(int(values[key] or 0), values.get("currency"))
    return row


def total(pairs: Iterable[tuple[int, str | None]]) -> Money:
    """The sum of ``(minor, currency)`` pairs, in their currency if they share one."""
    amounts = list(pairs)
    currencies = {currency for _, currency in amounts}
    currency = currencies.pop() if len(currencies) == 1 else None
    return Money(sum(int(minor or 0) for minor, _ in amounts), currency)


def grouped(minor: int) -> str:
    """Minor units as display digits: ``12,000`` or ``12,000.50`` (cents only when not zero)."""
    units, cents = divmod(int(minor), 100)
    return f"{units:,}" if not cents else f"{units:,}.{cents:02d}"


def format_money(minor: int | None, currency: str = "") -> str:
    """An amount for a table or panel: ``12,000.50 CNY`` (``¥12,000.50`` in Chinese); blank for
    no amount.

    The currency is the one passed (not taken from a :class:`Money`), so a total shown without
    its currency today stays that way.
    """
    if minor is None:
        return ""
    from crmtui.l10n import money  # the user's language writes amounts its own way

    return money(minor, currency)


def to_json(data: Any) -> Any:
    """``data`` with every Money made JSON-ready (see the module docstring).

    Needed before ``json.dumps``: being an ``int``, Money would otherwise be written as its
    minor units without asking the encoder's ``default``. A dict whose ``amount`` is Money and
    that has no ``currency`` gets one, so every amount in JSON names its currency. Containers
    without Money are returned as they are (not copied): large listings stay cheap.
    """
    if type(data) in _LEAVES:
        return data
    if isinstance(data, Money):
        return data.json_text()
    if isinstance(data, dict):
        changed = {}
        for key, value in data.items():
            if type(value) not in _LEAVES:
                new = to_json(value)
                if new is not value:
                    changed[key] = new
        amount = data.get("amount")
        if isinstance(amount, Money) and "currency" not in data:
            changed["currency"] = amount.currency
        return {**data, **changed} if changed else data
    if isinstance(data, list | tuple):
        items = [to_json(value) for value in data]
        if any(new is not old for new, old in zip(items, data, strict=True)):
            return items
        return data
    return data


_LEAVES = frozenset({str, int, float, bool, type(None)})
