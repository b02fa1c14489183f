"""Contacts in vCard files: reading 2.1, 3.0 and 4.0 as phones and mail programs write them,
writing 3.0 as khard and phones read it.

Reading is forgiving and per card: a card that cannot be read becomes a ``RowError`` at the line
of its ``BEGIN:VCARD`` and the others are still read. Photos, logos, sounds, keys and every
property the CRM has no use for (``X-...``, ``KIND``, ``UID``...) are skipped without being
parsed, so odd data there can never spoil a card.

vobject parses each content line (parameters, quoted values, quoted-printable with its
``CHARSET``). Cards and folding are handled here, backslash escapes in ``contentline``: vobject's
own text decoding keeps only what precedes the first unescaped comma, and many writers leave
commas unescaped.

What vCard carries: every field of ``ContactRecord`` except the ``extra`` keys other than
``department`` (ORG unit), ``region`` and ``postcode`` (ADR parts); control characters other
than tab and newline are dropped on writing, since vCard text cannot hold them. As with CSV
rows, a card whose BDAY is not a real date is a ``RowError``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from typing import Any

from crmtui.services.formats.cells import compose_name, has_cjk
from crmtui.services.formats.contentline import escape, fold, split_escaped, unescape
from crmtui.services.formats.dates import parse_birthday
from crmtui.services.formats.encoding import decode_bytes
from crmtui.services.formats.model import (
    ContactRecord,
    FormatError,
    RowError,
    RowResult,
    clean_key,
    clean_record,
    keep_raw,
    name_from_email,
    phone_type,
)
from crmtui.services.formats.safety import strip_controls
from crmtui.services.formats.vcard_lines import Card, content_lines, split_cards

#: Our own properties: ``X-CRMTUI-STAGE:customer`` is ``extra["stage"]``, and so on.
EXTRA_PROPERTY = "X-CRMTUI-"
# extra fields that have a place in standard properties (ORG unit, ADR parts)
_CARRIED = frozenset({"department", "region", "postcode"})

_KNOWN = frozenset(
    {
        "VERSION",
        "FN",
        "N",
        "ORG",
        "TITLE",
        "ROLE",
        "TEL",
        "EMAIL",
        "ADR",
        "BDAY",
        "NOTE",
        "CATEGORIES",
        "URL",
    }
)
_TEL_TYPES = {
    "mobile": "CELL,VOICE",
    "work": "WORK,VOICE",
    "home": "HOME,VOICE",
    "fax": "WORK,FAX",
    "other": "VOICE",
}


def read_vcards(data: bytes | str, *, encoding: str | None = None) -> Iterator[RowResult]:
    """Read every card of a .vcf file as ``(line, ContactRecord | RowError)``.

    Bytes are decoded like CSV files (UTF-8 normally, GB18030 from old Chinese phones) unless
    ``encoding`` is given. Raises :class:`FormatError` when the file holds no vCard at all.
    """
    text = data if isinstance(data, str) else decode_bytes(data, encoding or _declared(data))[0]
    cards = list(split_cards(text))
    if not cards:
        raise FormatError("no-vcard")
    return ((card.start, _read_card(card, encoding)) for card in cards)


def write_vcards(
    records: Iterable[ContactRecord], *, prodid: str | None = None, extras: bool = False
) -> bytes:
    """Write records as vCard 3.0, UTF-8 with CRLF line ends and lines folded at 75 octets.

    A record's ``uid`` and ``revision`` become ``UID`` and ``REV`` (khard and vdirsyncer need
    the UID); ``prodid`` names the writing program. With ``extras``, every ``extra`` field
    vCard has no property for is written as ``X-CRMTUI-<KEY>``, which the reader reads back.
    """
    return b"".join(write_vcard(r, prodid=prodid, extras=extras) for r in records)


def write_vcard(record: ContactRecord, *, prodid: str | None = None, extras: bool = False) -> bytes:
    """One card, as :func:`write_vcards` writes it (a vdir holds one per file)."""
    lines = list(_card_lines(record, prodid, extras))
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


# --- reading ----------------------------------------------------------------------------------


def _read_card(card: Card, encoding: str | None) -> ContactRecord | RowError:
    warnings = list(card.warnings)
    record = _record(content_lines(card.body, _KNOWN, warnings, encoding), warnings)
    if not record.name:
        problems = "; ".join(w["message"] for w in warnings)
        return RowError(
            card.start,
            "the card has no name (FN, N or ORG)" + (f" ({problems})" if problems else ""),
        )
    return record


_DECLARED = re.compile(rb"CHARSET=([A-Za-z0-9_-]+)", re.IGNORECASE)


def _declared(data: bytes) -> str | None:
    """The one charset a non-UTF-8 vCard 2.1 file names in its ``CHARSET`` parameters.

    Phones write ``FN;CHARSET=SHIFT_JIS:`` followed by raw Shift_JIS bytes; the declaration
    is better evidence than any guess from the bytes.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        found: list[bytes] = _DECLARED.findall(data)
        names = {m.decode("ascii").lower() for m in found} - {"utf-8", "us-ascii"}
        if len(names) == 1:
            name = names.pop()
            try:
                codecs.lookup(name)
            except LookupError:
                return None
            return name
    return None


def _is_uri(line: Any) -> bool:
    return any(v.lower() == "uri" for v in line.params.get("VALUE", []))


def _types(line: Any) -> set[str]:
    values = [*line.params.get("TYPE", []), *line.singletonparams]
    return {t.strip().lower() for v in values for t in v.split(",")}


def _tel_type(types: set[str]) -> str:
    if "fax" in types:
        return "fax"
    if types & {"cell", "mobile", "iphone", "cellular"}:
        return "mobile"
    if "work" in types:
        return "work"
    return "home" if "home" in types else "other"


def _pref(line: Any) -> bool:
    """Whether a property is the preferred one of its kind (2.1/3.0 TYPE=PREF, 4.0 PREF=1)."""
    return "pref" in _types(line) or bool(line.params.get("PREF"))


def _record(lines: list[Any], warnings: list[dict[str, str]]) -> ContactRecord:
    version = next((ln.value.strip() for ln in lines if ln.name == "VERSION"), "3.0")
    record = ContactRecord(name="", warnings=warnings)
    name_parts: list[str] = []
    notes: list[str] = []
    titles: dict[str, str] = {}
    emails: list[tuple[bool, str]] = []
    addresses: list[tuple[bool, Any]] = []
    for line in lines:
        prop, value = line.name, line.value
        if prop == "FN" and not record.name.strip():
            record.name = unescape(value)
        elif prop == "N" and not name_parts:
            name_parts = split_escaped(value, ";")
        elif prop == "ORG" and record.company is None:
            company, *units = split_escaped(value, ";")
            record.company = company
            if department := " / ".join(u.strip() for u in units if u.strip()):
                record.extra["department"] = department
        elif prop in ("TITLE", "ROLE"):
            titles.setdefault(prop, unescape(value))
        elif prop == "TEL":
            number = unescape(value)
            if version.startswith("4") or _is_uri(line):
                number = re.sub(r"(?i)^tel:", "", number)  # 4.0 writes tel: URIs
            record.phones.append((_tel_type(_types(line)), number))
        elif prop == "EMAIL":
            emails.append((_pref(line), unescape(value)))
        elif prop == "ADR":
            addresses.append((_pref(line), line))
        elif prop == "BDAY" and record.birthday is None:
            _read_birthday(record, unescape(value), line.params.get("X-APPLE-OMIT-YEAR"))
        elif prop == "NOTE":
            notes.append(unescape(value))
        elif prop == "CATEGORIES":
            record.tags += split_escaped(value, ",")
        elif prop == "URL" and record.website is None:
            record.website = unescape(value)
        elif prop.startswith(EXTRA_PROPERTY):
            key = prop[len(EXTRA_PROPERTY) :].lower().replace("-", "_")
            record.extra.setdefault(key, unescape(value))
    if not record.name.strip():
        family, given, middle = (name_parts + ["", "", ""])[:3]
        record.name = compose_name(given, family, middle)
    # TITLE is the job title ("Sales Manager"); ROLE, the function, stands in for a missing
    # one and is kept beside it otherwise.
    record.role = titles.get("TITLE") or titles.get("ROLE")
    if titles.get("ROLE") and record.role != titles["ROLE"]:
        record.extra.setdefault("function", unescape(titles["ROLE"]))
    # the preferred address comes first: the CRM stores one, the others go to the notes
    record.emails = [e for pref, e in emails if pref] + [e for pref, e in emails if not pref]
    addresses.sort(key=lambda item: not item[0])
    for index, (_, line) in enumerate(addresses):
        parts = split_escaped(line.value, ";")
        if index == 0:
            _address(record, parts)
        else:
            label = ",".join(sorted(_types(line) - {"pref"})) or "address"
            text = ", ".join(p.strip() for p in parts if p.strip())
            current = record.extra.get("other address")
            record.extra["other address"] = (
                f"{current}; {label}: {text}" if current else f"{label}: {text}"
            )
    record.notes = "\n".join(notes) or None
    name_from_email(record, "EMAIL")
    return clean_record(record)


def _address(record: ContactRecord, parts: list[str]) -> None:
    box, extended, street, city, region, code, country = (parts + [""] * 7)[:7]
    record.address = "\n".join(p for p in (street, extended, box) if p.strip()) or None
    record.city, record.country = city, country
    for key, text in (("region", region), ("postcode", code)):
        if text.strip():
            record.extra[key] = text


def _read_birthday(record: ContactRecord, value: str, omit_year: list[str] | None) -> None:
    try:
        birthday = parse_birthday(value)
    except ValueError as exc:
        # vCard 4.0 allows text birthdays ("circa 1800"): kept in the notes, not as a date
        keep_raw(record, "birthday", value, f"BDAY {value!r} {exc}", "BDAY")
        return
    # Apple stores year-less birthdays with a placeholder year named in X-APPLE-OMIT-YEAR.
    if birthday and omit_year and birthday.startswith(omit_year[0].strip() + "-"):
        birthday = birthday[5:]
    record.birthday = birthday


# --- writing ----------------------------------------------------------------------------------


def _card_lines(r: ContactRecord, prodid: str | None, extras: bool) -> Iterator[str]:
    name = strip_controls(r.name).strip() or strip_controls(r.company or "").strip()
    yield "BEGIN:VCARD"
    yield "VERSION:3.0"
    if prodid:
        yield "PRODID:" + escape(prodid)
    if r.uid:
        yield "UID:" + escape(r.uid)
    if r.revision:
        yield "REV:" + escape(r.revision)
    yield "FN:" + escape(name)
    # N is required in 3.0. Splitting a name into family and given is only safe for Western
    # names with a space; anything else goes whole into the family part, which phones show as is.
    family, given = name, ""
    if " " in name and not has_cjk(name):
        given, _, family = name.rpartition(" ")
    yield f"N:{escape(family)};{escape(given)};;;"
    extra = {clean_key(k): v for k, v in r.extra.items()}
    department = extra.get("department")
    if (r.company or "").strip() or (department or "").strip():
        yield "ORG:" + escape(r.company) + (";" + escape(department) if department else "")
        if name == strip_controls(r.company or "").strip():
            yield "X-ABShowAs:COMPANY"  # Apple then shows the card as a company
    if (r.role or "").strip():
        yield "TITLE:" + escape(r.role)
    for kind, number in r.phones:
        if number.strip():
            yield f"TEL;TYPE={_TEL_TYPES[phone_type(kind)]}:{escape(number)}"
    for email in r.emails:
        if email.strip():
            yield "EMAIL;TYPE=INTERNET:" + escape(email)
    if r.birthday and r.birthday.strip():
        yield "BDAY:" + _bday(r.birthday)
    adr = [r.address, r.city, extra.get("region"), extra.get("postcode"), r.country]
    if any((p or "").strip() for p in adr):
        yield "ADR;TYPE=WORK:;;" + ";".join(escape(p) for p in adr)
    if (r.notes or "").strip():
        yield "NOTE:" + escape(r.notes)
    if tags := [escape(t) for t in r.tags if t.strip()]:
        yield "CATEGORIES:" + ",".join(tags)
    if (r.website or "").strip():
        yield "URL:" + escape(r.website)
    if extras:
        for key, value in sorted(extra.items()):
            name_part = re.sub(r"[^A-Za-z0-9-]+", "-", key).strip("-").upper()
            if key not in _CARRIED and name_part and value.strip():
                yield f"{EXTRA_PROPERTY}{name_part}:{escape(value)}"
    yield "END:VCARD"


def _bday(value: str) -> str:
    try:
        birthday = parse_birthday(value)
    except ValueError:
        return escape(value)  # written as found; reading it back will report it
    # The year-less form is RFC 6350's and what Android and Google write.
    return f"--{birthday}" if birthday and len(birthday) == 5 else escape(birthday)
