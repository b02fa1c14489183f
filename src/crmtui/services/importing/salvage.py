"""A record with a name is never dropped for one bad field.

Before a record is turned into table values (``matching.convert``), each field that the CRM
checks is tried on its own. A value that cannot be stored (a phone ``n/a``, an e-mail
``"Omega" <omega@>``, a birthday ``circa 1800``, a stage nobody knows) is taken out of its
field and kept in ``extra``, which the import writes into the record's notes, and a warning
names the field, the value and the reason. What is left always converts, unless the name
itself is unusable: that row is an error, reported as such.

Phones are stored as written when rewriting them would change what is dialled or how a
person wrote an international number: pause, wait, extension and service codes
(``p1234p5678w9``, ``*21#``, ``0211 55 ext 12``) and numbers written with ``+`` and grouped
by spaces (``+1 416 555 0116``); other forms get the international form phonenumbers gives,
which it gives back unchanged when read again. A dialling string never counts as a duplicate
match either.
"""

from __future__ import annotations

import re
from email.utils import parseaddr
from functools import lru_cache
from operator import attrgetter

from crmtui.errors import CrmError, InvalidInput
from crmtui.i18n import _
from crmtui.services.common import checks
from crmtui.services.common.timeparse import parse_birthday
from crmtui.services.formats import ContactRecord
from crmtui.services.formats.model import keep_raw

# p/P pause, w/W wait, x or ext extension, comma and semicolon (Android's pause and wait),
# star and hash (service codes): a number with any of them is dialled as written
_DIALLING = re.compile(r"[pPwWxX,;*#]|ext", re.IGNORECASE)
# "+1 416 555 0116": international, grouped with spaces as people (and crmtui's demo) write it
_GROUPED = re.compile(r"\+\d+(?: \d+)+")
_STAGES = ("potential", "prospect", "customer", "dormant", "lost")
# the lengths convert() allows for these fields (the name's own limit makes the row an error)
_LIMITS = {"role": 200, "city": 200, "website": 1000}
_TEXT_FIELDS = (
    "name",
    "company",
    "role",
    "birthday",
    "address",
    "city",
    "country",
    "website",
    "notes",
)
_TEXTS = attrgetter(*_TEXT_FIELDS)
_PLAIN_EXTRA = frozenset({"stage", "grade", "timezone"})  # checked by salvage on every row


def dialling_string(phone: str) -> bool:
    """Whether a phone holds pauses, waits, an extension or a service code."""
    return _DIALLING.search(phone) is not None


def import_phone(value: str, region: str | None) -> str:
    """A phone from a file as it is stored; raises ``InvalidInput`` when it is no phone."""
    written, as_written = _written(value)
    return written if as_written else _phone(written, region)


@lru_cache(maxsize=200_000)  # salvage() and convert() both ask, with different regions
def _written(value: str) -> tuple[str, bool]:
    """(the number trimmed, whether it is stored as written: a dialling string, or already
    international and grouped by its writer, which a round trip keeps); raises
    ``InvalidInput`` when it is no phone."""
    raw = checks.text(value, "phone", limit=64, field="phones")
    if not raw:
        raise InvalidInput("phone-empty", field="phones")
    written = raw.strip()
    if dialling_string(written):
        if not any(ch.isdigit() for ch in written):
            raise InvalidInput("bad-phone", field="phones", value=value)
        return written, True
    return written, _GROUPED.fullmatch(written) is not None


@lru_cache(maxsize=50_000)  # phonenumbers is slow; salvage() and convert() ask for each phone
def _phone(written: str, region: str | None) -> str:
    return checks.phone(written, region)


def _email(value: str) -> str:
    """The address of ``"Omega" <omega@example.com>`` (RFC 5322 name-addr), else the text."""
    if "<" in value and ">" in value:
        _, address = parseaddr(value)
        if address:
            return address
    return value.strip()


def _fails(check: object, *args: object) -> str | None:
    try:
        check(*args)  # type: ignore[operator]
    except (CrmError, ValueError) as exc:
        return str(exc)
    return None


def salvage(record: ContactRecord) -> ContactRecord:
    """Move every value ``convert`` would refuse out of its field, with a warning; in place."""
    _drop_nul(record)
    for attr, limit in _LIMITS.items():
        value = getattr(record, attr)
        if value and len(value) > limit:
            setattr(record, attr, None)
            keep_raw(
                record, attr, value, _("longer than {limit} characters").format(limit=limit), attr
            )
    emails: list[str] = []
    for raw in record.emails:
        address = _email(raw)
        if (problem := _fails(checks.email, address)) is None:
            emails.append(address)
        else:
            keep_raw(record, "email", raw, problem, "email")
    record.emails = emails
    phones: list[tuple[str, str]] = []
    for kind, number in record.phones:
        if (problem := _fails(import_phone, number, None)) is None:
            phones.append((kind, number))
        else:
            keep_raw(record, f"phone ({kind})", number, problem, "phone")
    record.phones = phones
    if record.birthday and (problem := _fails(parse_birthday, record.birthday)):
        keep_raw(record, "birthday", record.birthday, problem, "birthday")
        record.birthday = None
    lunar = record.extra.get("lunar_birthday")
    if lunar:
        text = lunar.strip()
        if not text.casefold().startswith(("农历", "lunar", "阴历")):
            text = "农历" + text
        problem = _fails(_lunar, text.replace("阴历", "农历", 1))
        if problem:
            del record.extra["lunar_birthday"]
            keep_raw(record, "lunar birthday", lunar, problem, "lunar_birthday")
    for key, check in (("stage", _stage), ("grade", _grade), ("timezone", checks.timezone)):
        value = record.extra.get(key)
        if value and (problem := _fails(check, value)):
            del record.extra[key]
            keep_raw(record, f"{key} (not understood)", value, problem, key)
    return record


def plain(record: ContactRecord) -> bool:
    """Whether :func:`salvage` leaves ``record`` as it is whenever ``convert`` accepts it.

    ``convert`` checks the first e-mail, every phone, the birthdays, city, website and every
    text it stores, as salvage does; so when it accepts a record, salvage would move nothing
    unless the record holds what only salvage looks at: a second e-mail or one written as
    ``Name <address>``, a long role (a company row stores none), a birthday beside a lunar
    one, a stage, grade or time zone (a contact row stores none), a NUL byte anywhere. Most
    rows hold none of these and are checked once instead of twice.
    """
    emails = record.emails
    if len(emails) > 1 or (emails and (emails[0] != emails[0].strip() or _name_addr(emails[0]))):
        return False
    extra = record.extra
    if record.role and len(record.role) > _LIMITS["role"]:
        return False
    if (record.birthday and "lunar_birthday" in extra) or not _PLAIN_EXTRA.isdisjoint(extra):
        return False
    return "\x00" not in _all_text(record)


def _name_addr(value: str) -> bool:
    return "<" in value and ">" in value


def _drop_nul(record: ContactRecord) -> None:
    """NUL bytes cannot be stored anywhere: taken out of every text, with one warning."""
    if "\x00" not in _all_text(record):
        return  # nearly every record: nothing to take out
    found = False

    def clean(text: str) -> str:
        nonlocal found
        if "\x00" in text:
            found = True
            return text.replace("\x00", "")
        return text

    for attr in _TEXT_FIELDS:
        value = getattr(record, attr)
        if value:
            setattr(record, attr, clean(value))
    record.phones = [(kind, clean(n)) for kind, n in record.phones]
    record.emails = [clean(e) for e in record.emails]
    record.tags = [clean(t) for t in record.tags]
    record.extra = {clean(k): clean(v) for k, v in record.extra.items()}
    if found:
        record.warnings.append({"column": "", "value": "", "message": _("NUL bytes removed")})


def _all_text(record: ContactRecord) -> str:
    """Every text of ``record`` in one string (to look for a character in all of them)."""
    parts = [t for t in _TEXTS(record) if t]
    parts += [n for _, n in record.phones]
    parts += record.emails + record.tags + list(record.extra) + list(record.extra.values())
    return "\n".join(parts)


def _lunar(text: str) -> None:
    parse_birthday(text, lunar=True)


def _stage(value: str) -> None:
    checks.choice(value, _STAGES, "stage")


def _grade(value: str) -> None:
    checks.choice(value, ("A", "B", "C"), "grade")
