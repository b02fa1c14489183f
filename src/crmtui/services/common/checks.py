"""Checks shared by the write services: each turns bad input into one readable InvalidInput."""

from __future__ import annotations

import re
from collections.abc import Iterable

from crmtui.db.constants import NAME_MAX, TEXT_MAX
from crmtui.errors import InvalidInput, field_of
from crmtui.services.common.names import normalise_name  # re and unicodedata only

_SURROGATE = re.compile("[\ud800-\udfff]")


def text(
    value: str | None, label: str, *, limit: int = TEXT_MAX, field: str | None = None
) -> str | None:
    """Optional free text: NUL refused, length limited, empty → None. ``field`` is the form
    field a refusal is about (by default the label, ``next step`` → ``next_step``)."""
    if value is None:
        return None
    # the field is worked out only for a refusal: an import checks a million texts
    if "\x00" in value:
        raise InvalidInput("text-has-nul", field=field or field_of(label), label=label)
    if _SURROGATE.search(value):
        # bytes that were not UTF-8 (the shell passes them through as lone surrogates)
        raise InvalidInput("text-not-utf8", field=field or field_of(label), label=label)
    if len(value) > limit:
        raise InvalidInput(
            "text-too-long",
            field=field or field_of(label),
            label=label,
            count=len(value),
            limit=limit,
        )
    return value if value.strip() else None


def name(value: str | None, label: str = "name", *, field: str | None = None) -> str:
    """A required name: not blank, at most NAME_MAX characters, in its normal form."""
    field = field or field_of(label)
    cleaned = text(normalise_name(value or ""), label, limit=NAME_MAX, field=field)
    if not cleaned:
        raise InvalidInput("text-empty", field=field, label=label)
    return cleaned


def choice(
    value: str | None, allowed: Iterable[str], label: str, *, field: str | None = None
) -> str | None:
    field = field or field_of(label)
    if value is None:
        return None
    options = tuple(allowed)
    from crmtui.words import from_choices

    typed = from_choices(options, value)  # the practice's Chinese words name the same codes
    for option in options:
        if typed.strip().lower() == option.lower():
            return option
    raise InvalidInput("unknown-choice", field=field, label=label, value=value, choices=options)


def phone(value: str, region: str | None) -> str:
    """Store a phone number in international form when it can be read, else as typed."""
    raw = text(value, "phone", limit=64, field="phones")
    if not raw:
        raise InvalidInput("phone-empty", field="phones")
    from crmtui.services.formats.cells import scientific_number

    if scientific_number(raw):
        raise InvalidInput("phone-scientific", field="phones", value=raw.strip())
    digits = sum(ch.isdigit() for ch in raw)
    if digits < 3:
        raise InvalidInput("bad-phone", field="phones", value=value)
    import phonenumbers

    try:
        parsed = phonenumbers.parse(raw, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        return raw.strip()
    if not phonenumbers.is_possible_number(parsed):
        return raw.strip()
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def country(value: str | None) -> str | None:
    """An ISO 3166 two-letter code (any case) or nothing."""
    if value is None or not value.strip():
        return None
    from crmtui.codes import country as iso_country

    return iso_country(value)


def currency(value: str | None, default: str = "CNY") -> str:
    """An ISO 4217 code; blank means ``default``."""
    from crmtui.codes import currency as iso_currency

    return iso_currency(value) if value and value.strip() else default


def timezone(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    from crmtui.clock import zone

    zone(value.strip())
    return value.strip()


def email(value: str | None) -> str | None:
    """The shape every stored email keeps, whatever the path (CLI, TUI, import, services):
    text before and after one final ``@`` and no space. What a user types is checked more
    closely by :func:`typed_email` first."""
    cleaned = text(value, "email", limit=320)
    if not cleaned:
        return None
    local, at, domain = cleaned.strip().rpartition("@")
    if not at or not local or not domain.strip() or " " in cleaned.strip():
        raise InvalidInput("bad-email", field="email", value=value)
    return cleaned.strip()


def typed_email(value: str | None) -> str | None:
    """An email address as typed in a command or a form: checked by a maintained validator
    (syntax only, crmtui is offline) and normalised."""
    cleaned = email(value)
    if cleaned is None:
        return None
    from crmtui.codes import email as valid_email

    return valid_email(cleaned)


def amount(value: str | float | int | None) -> int:
    """A money amount as typed (``12000``, ``12,000.50``) → integer minor units."""
    from crmtui.numbers import amount_minor

    return amount_minor(value)


def minutes(value: int | None) -> int | None:
    """How long an activity took: the one 0–1440 rule of :mod:`crmtui.numbers`."""
    from crmtui.numbers import minutes as check_minutes

    return None if value is None else check_minutes(value)
