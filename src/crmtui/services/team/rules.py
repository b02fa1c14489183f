"""Pure rules of team mode: the keys a customer is recognised by, and valid user names."""

from __future__ import annotations

import re
from collections.abc import Iterable

from crmtui.db.dedupe_keys import credit_code_key, email_key, name_key, phone_key
from crmtui.errors import InvalidInput
from crmtui.services.team.types import CustomerKeys

# A PostgreSQL role name crmtui creates: lower-case, so it needs no quoting anywhere.
_USER = re.compile(r"[a-z_][a-z0-9_]{0,62}")
RESERVED = frozenset({"crm_sales", "crm_manager", "postgres", "public"})
# 统一社会信用代码: 18 characters, digits and upper-case letters without I, O, S, V, Z.
_CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")


def keys_of(
    *,
    name: str,
    company_name: str | None = None,
    phones: Iterable[str] = (),
    email: str | None = None,
    credit_code: str | None = None,
) -> CustomerKeys:
    phone_keys = tuple(dict.fromkeys(k for k in (phone_key(p) for p in phones) if k))
    return CustomerKeys(
        name_key=name_key(company_name or name),
        phone_keys=phone_keys,
        email=email_key(email),
        credit_code=credit_code_key(credit_code),
    )


def check_user_name(name: str) -> str:
    if not _USER.fullmatch(name) or name in RESERVED or name.startswith("pg_"):
        raise InvalidInput("bad-user-name", field="user", name=name)
    return name


def check_credit_code(code: str | None) -> str | None:
    if code is None or not code.strip():
        return None
    cleaned = credit_code_key(code)
    if not _CREDIT_CODE.fullmatch(cleaned):
        raise InvalidInput("bad-credit-code", field="credit_code", value=code)
    return cleaned
