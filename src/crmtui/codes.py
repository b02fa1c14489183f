"""Standard codes a user types: ISO 4217 currencies, ISO 3166 countries, email addresses.

Each is checked against a maintained source (``pycountry``'s ISO tables, the
``email-validator`` package) rather than a pattern of our own, and each bad value becomes one
readable :class:`InvalidInput`. The packages are imported only when a value is checked.
"""

from __future__ import annotations

import unicodedata

from crmtui.errors import InvalidInput

# In ISO 4217 but not money one would sell for: "no currency" and the testing code.
_NOT_MONEY = {"XXX", "XTS"}
# Kosovo has no ISO 3166 code yet; phone numbering and holiday calendars use XK.
_EXTRA_COUNTRIES = {"XK"}


def _clean(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().upper()


def currency(value: str) -> str:
    """An ISO 4217 currency code such as CNY or USD (any case), returned in capitals."""
    import pycountry

    code = _clean(value)
    found = pycountry.currencies.get(alpha_3=code) if len(code) == 3 and code.isalpha() else None
    if found is None or code in _NOT_MONEY:
        raise InvalidInput("unknown-currency", field="currency", value=value)
    return code


def country(value: str) -> str:
    """An ISO 3166 two-letter country code such as CN or US (any case), in capitals."""
    import pycountry

    code = _clean(value)
    ok = len(code) == 2 and code.isalpha() and code.isascii()
    if not ok or (code not in _EXTRA_COUNTRIES and pycountry.countries.get(alpha_2=code) is None):
        raise InvalidInput("unknown-country", field="country", value=value)
    return code


def email(value: str) -> str:
    """A syntactically valid email address, normalised (domain lower-cased, NFC)."""
    from email_validator import EmailNotValidError, validate_email

    try:
        # syntax only (crmtui is offline); test_environment admits the reserved ``.test``
        # domain (RFC 2606) that examples and trial data use
        checked = validate_email(value.strip(), check_deliverability=False, test_environment=True)
    except EmailNotValidError as exc:
        raise InvalidInput("bad-email-detail", field="email", value=value, reason=exc) from None
    return str(checked.normalized)
