"""The plain records that every file codec reads and writes.

A :class:`ContactRecord` is one person or company as it appears in a file, before anything is
matched against the database. Readers always return records in *clean* form (see
:func:`clean_record`), which is also the form in which a write→read round trip is exact.
Cleaning trims and normalises line breaks but keeps every other character as given: storage is
exact, and making control characters harmless is the display layer's job (``crmtui.textsafe``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crmtui.errors import InvalidInput
from crmtui.i18n import _

#: The phone types the codecs know, in the order a form would show them.
PHONE_TYPES: tuple[str, ...] = ("mobile", "work", "home", "fax", "other")

# Spellings met in files (vCard TYPE values, CSV labels, Chinese labels) → canonical type.
_PHONE_TYPE_ALIASES: dict[str, str] = {
    "mobile": "mobile",
    "cell": "mobile",
    "cellular": "mobile",
    "iphone": "mobile",
    "手机": "mobile",
    "移动电话": "mobile",
    "work": "work",
    "main": "work",
    "company main": "work",
    "business": "work",
    "office": "work",
    "办公": "work",
    "工作": "work",
    "单位": "work",
    "座机": "work",
    "home": "home",
    "家庭": "home",
    "住宅": "home",
    "家": "home",
    "fax": "fax",
    "work fax": "fax",
    "home fax": "fax",
    "business fax": "fax",
    "传真": "fax",
    "other": "other",
    "其他": "other",
}


class FormatError(InvalidInput):
    """A whole file cannot be read (unknown encoding, not a spreadsheet, no vCard...).

    The message is one line meant for the user, as for every ``CrmError``.
    """


@dataclass
class ContactRecord:
    """One person or company row as it appears in an imported or exported file.

    ``phones`` holds ``(type, number)`` pairs, type one of :data:`PHONE_TYPES`, number as
    written. ``birthday`` is ``MM-DD`` or ``YYYY-MM-DD``. ``extra`` carries fields a user mapped
    that the codecs have no column of their own for (industry, WeChat id, ...); keys are
    lower-case.
    """

    name: str
    company: str | None = None
    role: str | None = None
    phones: list[tuple[str, str]] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    birthday: str | None = None
    address: str | None = None
    city: str | None = None
    country: str | None = None
    website: str | None = None
    notes: str | None = None
    tags: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    # what was left out of the row and why: {"column", "value", "message"}; the row still counts
    warnings: list[dict[str, str]] = field(default_factory=list)
    # a stable identity and the time of the last change, for vCard's UID and REV (export only)
    uid: str | None = None
    revision: str | None = None


@dataclass(frozen=True)
class RowError:
    """A row (or vCard) that could not be read; ``line`` is where it starts in the file."""

    line: int
    message: str


#: What the readers yield: the line a row starts on and either a record or why it failed.
RowResult = tuple[int, ContactRecord | RowError]


def phone_type(label: str | None) -> str:
    """Map a phone label from any file to one of :data:`PHONE_TYPES` (unknown → ``other``)."""
    if not label:
        return "other"
    return _PHONE_TYPE_ALIASES.get(label.strip().casefold(), "other")


def phone_type_or_none(label: str) -> str | None:
    """Like :func:`phone_type` but ``None`` when the label is not a phone label at all."""
    return _PHONE_TYPE_ALIASES.get(label.strip().casefold())


def clean_text(value: str | None) -> str | None:
    """Trim surrounding whitespace and turn CR/CRLF into LF; empty text becomes ``None``."""
    if value is None:
        return None
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.strip()
    return value or None


def clean_key(key: str) -> str:
    """The canonical spelling of an ``extra`` key: trimmed and lower-case."""
    return key.strip().lower()


def clean_record(record: ContactRecord) -> ContactRecord:
    """Return the clean form of ``record``: what any reader would return for it.

    Texts are trimmed (see :func:`clean_text`), empty list items and empty extras dropped, phone
    types made canonical. A row with a company but no person's name is a company row: its name
    is the company's. Cleaning is idempotent.
    """
    company = clean_text(record.company)
    extra: dict[str, str] = {}
    for key, value in record.extra.items():
        k, v = clean_key(key), clean_text(value)
        if k and v:
            extra[k] = v
    return ContactRecord(
        name=clean_text(record.name) or company or "",
        company=company,
        role=clean_text(record.role),
        phones=[
            (phone_type(kind), number) for kind, raw in record.phones if (number := clean_text(raw))
        ],
        emails=[e for e in map(clean_text, record.emails) if e],
        birthday=clean_text(record.birthday),
        address=clean_text(record.address),
        city=clean_text(record.city),
        country=clean_text(record.country),
        website=clean_text(record.website),
        notes=clean_text(record.notes),
        tags=[t for t in map(clean_text, record.tags) if t],
        extra=extra,
        warnings=list(record.warnings),
        uid=clean_text(record.uid),
        revision=clean_text(record.revision),
    )


def keep_raw(record: ContactRecord, key: str, value: str, message: str, column: str) -> None:
    """Keep a value the record has no place for: in ``extra[key]`` (the import puts extras in
    the notes), with a warning saying which column held it and why it was not stored."""
    value = value.strip()
    if not value:
        return
    current = record.extra.get(key)
    record.extra[key] = f"{current}; {value}" if current else value
    record.warnings.append({"column": column, "value": value, "message": message})


def name_from_email(record: ContactRecord, column: str) -> None:
    """A record without any name but with an e-mail address is named after the address (an
    Outlook or Thunderbird row often holds nothing else); the warning says so."""
    if record.name.strip() or (record.company or "").strip() or not record.emails:
        return
    record.name = record.emails[0].strip()
    record.warnings.append(
        {"column": column, "value": record.name, "message": _("no name: named after its e-mail")}
    )
