"""Every number a user types (CLI options, config values, form fields) is read here.

One rule for all of them: the text is NFKC-normalised first, so full-width digits typed with a
Chinese input method (``１２``) mean the same as ``12``; then only plain ASCII digits are
accepted — no exponent, NaN, infinity, underscores or blank values — and the result must lie
within the bounds of what it counts. Anything else is one readable :class:`InvalidInput`.

Stdlib only, so read-only commands can use it without heavy imports.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from crmtui.errors import CrmError, InvalidInput, field_of

_WHOLE = re.compile(r"[+]?[0-9]+")
# 12000, 12,000.50, 12000.5 — commas only as thousands separators, at most two decimals
_AMOUNT = re.compile(r"[+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]{0,2})?|\.[0-9]{1,2}")

MINUTES_MAX = 24 * 60
ID_MAX = 2**63 - 1  # SQLite's INTEGER
AMOUNT_MAX = Decimal("1e15")


class NotANumber(InvalidInput):
    """The text is no number at all (as opposed to a number outside its bounds)."""


def _clean(value: object) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def whole(value: object, label: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high`` (inclusive), from text or an int."""
    if isinstance(value, bool):
        raise InvalidInput(
            "number-not-whole", field=field_of(label), label=label, low=low, high=high
        )
    if isinstance(value, int):
        number = value
    else:
        text = _clean(value)
        if not text:
            raise NotANumber("number-blank", field=field_of(label), label=label, low=low, high=high)
        if text.startswith("-") and _WHOLE.fullmatch(text[1:]):
            raise InvalidInput(
                "number-negative", field=field_of(label), label=label, low=low, high=high
            )
        if not _WHOLE.fullmatch(text) or len(text) > 30:
            raise NotANumber(
                "number-not-whole-value",
                field=field_of(label),
                label=label,
                low=low,
                high=high,
                value=value,
            )
        number = int(text)
    if not low <= number <= high:
        raise InvalidInput(
            "number-out-of-range",
            field=field_of(label),
            label=label,
            low=low,
            high=high,
            number=number,
        )
    return number


def amount_minor(value: object, label: str = "amount") -> int:
    """A money amount as typed (``12000``, ``12,000.50``, ``１２０００``) → integer minor units."""
    if value is None:
        return 0
    text = _clean(value)
    if not text:
        return 0
    if text.startswith("-") and _AMOUNT.fullmatch(text[1:]):
        raise InvalidInput("amount-negative", field=field_of(label), label=label, text=text)
    if not _AMOUNT.fullmatch(text) or len(text) > 40:
        raise NotANumber("amount-unreadable", field=field_of(label), label=label, value=value)
    number = Decimal(text.replace(",", ""))
    if number > AMOUNT_MAX:
        raise InvalidInput(
            "amount-too-large", field=field_of(label), label=label, text=text, most=AMOUNT_MAX
        )
    return int(number * 100)


_DECIMAL = re.compile(r"[+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def percent(value: object, label: str = "discount") -> Decimal:
    """A percentage as typed (``10``, ``12.5``): more than 0, at most 100, two decimals."""
    text = _clean(value).removesuffix("%").strip()
    if not _DECIMAL.fullmatch(text) or len(text) > 12:
        raise NotANumber("percent-unreadable", field=field_of(label), label=label, value=value)
    number = Decimal(text)
    if not Decimal(0) < number <= Decimal(100) or number != number.quantize(Decimal("0.01")):
        raise InvalidInput("percent-out-of-range", field=field_of(label), label=label, text=text)
    return number


def rate(value: object, label: str = "rate") -> Decimal:
    """An exchange rate as typed (``7.1``, ``0.92``): more than 0, at most six decimals."""
    text = _clean(value)
    if not _DECIMAL.fullmatch(text) or len(text) > 20:
        raise NotANumber("rate-unreadable", field=field_of(label), label=label, value=value)
    number = Decimal(text)
    if number <= 0 or number != number.quantize(Decimal("0.000001")) or number > AMOUNT_MAX:
        raise InvalidInput("rate-out-of-range", field=field_of(label), label=label, text=text)
    return number


def rising_days(value: object, label: str = "ageing buckets") -> tuple[int, ...]:
    """Comma-separated whole days in rising order (``30,60,90``): the receivables buckets."""
    parts = [p for p in _clean(value).replace(" ", "").split(",") if p]
    bounds = tuple(whole(p, label, 1, 3660) for p in parts)
    if not bounds or any(low >= high for low, high in zip(bounds, bounds[1:], strict=False)):
        raise InvalidInput("ageing-buckets-bad", field=field_of(label), text=value)
    return bounds


def minutes(value: object, label: str = "minutes") -> int:
    """The duration of one activity: 0 to 1440 minutes (a day); the same rule everywhere."""
    return whole(value, label, 0, MINUTES_MAX)


class OptionRejected(CrmError):
    """A command-line value was refused while the arguments were read.

    Deliberately not a ValueError: the option parser would wrap a ValueError into a
    multi-line usage message; this one reaches the command group, which prints one line
    and exits with ``exit_code``: 2 (usage) for text that is no number, as the option parser
    did before, 1 for a number outside what is allowed, like any other refused value.
    """

    def __init__(self, cause: CrmError, exit_code: int) -> None:
        super().__init__(cause.code, field=cause.field, **cause.params)
        self.exit_code = exit_code


def _rejected(exc: InvalidInput) -> OptionRejected:
    return OptionRejected(exc, 2 if isinstance(exc, NotANumber) else 1)


@dataclass(frozen=True)
class Bounded:
    """A Typer ``parser=`` for one kind of whole number; the test suite finds options by it."""

    label: str
    low: int
    high: int

    def __call__(self, value: object) -> int:
        try:
            return whole(value, self.label, self.low, self.high)
        except InvalidInput as exc:
            raise _rejected(exc) from None


@dataclass(frozen=True)
class Money:
    """A Typer ``parser=`` for a money amount; returns the text as typed once it is valid."""

    label: str = "amount"
    # An amount that is data rather than an option (an expense line): text that is no number
    # is refused like any other bad value, exit 1, not as a usage error.
    as_data: bool = False

    def __call__(self, value: object) -> str:
        try:
            if not _clean(value):
                # blank means "no amount" in a form, but on the command line it is a slip
                raise NotANumber("amount-blank", field=field_of(self.label), label=self.label)
            amount_minor(value, self.label)
        except InvalidInput as exc:
            raise (OptionRejected(exc, 1) if self.as_data else _rejected(exc)) from None
        return _clean(value)


MINUTES = Bounded("--minutes", 0, MINUTES_MAX)
LIMIT = Bounded("--limit", 1, 1_000_000)
DEMO_SIZE = Bounded("--size", 1, 1_000_000)
SEED = Bounded("--seed", 0, 2**32 - 1)
SATISFACTION = Bounded("--satisfaction", 1, 5)
MONTHS = Bounded("--months", 1, 120)
ACTION_ID = Bounded("action id", 1, ID_MAX)
OPPORTUNITY_ID = Bounded("opportunity id", 1, ID_MAX)
NOTE_ID = Bounded("note id", 1, ID_MAX)
BUSY_ID = Bounded("--remove", 1, ID_MAX)
ACTIVITY_ID = Bounded("activity id", 1, ID_MAX)
CONTACT_ID = Bounded("contact id", 1, ID_MAX)
CUSTOMER_ID = Bounded("customer id", 1, ID_MAX)
AMOUNT = Money("amount")
PRODUCT_ID = Bounded("product id", 1, ID_MAX)
CREDIT_DAYS = Bounded("--days", 0, 3660)
EXPENSE_AMOUNT = Money("amount", as_data=True)
# Amounts of the money commands (pay, prices, credit limits): a bad one is a refused value, exit 1
PAYMENT_AMOUNT = Money("amount", as_data=True)
PRICE = Money("--price", as_data=True)
CREDIT_LIMIT = Money("--limit", as_data=True)
EVENT_ID = Bounded("event id", 1, ID_MAX)
CLAIM_ID = Bounded("claim id", 1, ID_MAX)
EXPENSE_LINE_ID = Bounded("expense line id", 1, ID_MAX)
ANNOUNCEMENT_ID = Bounded("announcement id", 1, ID_MAX)
