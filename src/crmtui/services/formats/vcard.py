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

import re
from collections.abc import Iterable, Iterator
from typing import Any

from vobject.base import ParseError, textLineToContentLine  # type: ignore[import-untyped]

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
    phone_type,
)
from crmtui.services.formats.safety import strip_controls

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
# vCard 2.1 may continue base64 data on lines that are not indented; they follow these.
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_PROPERTY = re.compile(r"(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9_-]+)[;:]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_TEL_TYPES = {
    "mobile": "CELL,VOICE",
    "work": "WORK,VOICE",
    "home": "HOME,VOICE",
    "fax": "WORK,FAX",
    "other": "VOICE",
}


class _BadCard(Exception):
    """A card that cannot be read; the message says why."""


def read_vcards(data: bytes | str, *, encoding: str | None = None) -> Iterator[RowResult]:
    """Read every card of a .vcf file as ``(line, ContactRecord | RowError)``.

    Bytes are decoded like CSV files (UTF-8 normally, GB18030 from old Chinese phones) unless
    ``encoding`` is given. Raises :class:`FormatError` when the file holds no vCard at all.
    """
    text = data if isinstance(data, str) else decode_bytes(data, encoding)[0]
    cards = list(_split_cards(text))
    if not cards:
        raise FormatError("no-vcard")
    return ((start, _read_card(start, body)) for start, body in cards)


def write_vcards(records: Iterable[ContactRecord]) -> bytes:
    """Write records as vCard 3.0, UTF-8 with CRLF line ends and lines folded at 75 octets."""
    lines = [line for record in records for line in _card_lines(record)]
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


# --- reading ----------------------------------------------------------------------------------


def _split_cards(text: str) -> Iterator[tuple[int, list[str] | str]]:
    """Yield ``(line of BEGIN, body lines)`` per card, or an error text for a broken frame."""
    start = 0
    body: list[str] | None = None  # the card being collected, if inside one
    for number, raw in enumerate(_LINE_BREAK.split(text), start=1):
        # Only unindented lines count: an indented one is a folded continuation of a value.
        word = raw.rstrip().upper()
        if word == "BEGIN:VCARD":
            if body is not None:
                yield start, "the card has no END:VCARD"
            start, body = number, []
        elif word == "END:VCARD" and body is not None:
            yield start, body
            body = None
        elif body is not None:
            body.append(raw)
    if body is not None:
        yield start, "the file ends inside this card (no END:VCARD)"


def _read_card(start: int, body: list[str] | str) -> ContactRecord | RowError:
    if isinstance(body, str):
        return RowError(start, body)
    try:
        record = _record(_content_lines(body))
    except _BadCard as exc:
        return RowError(start, f"unreadable vCard: {exc}")
    except ValueError as exc:  # from the birthday
        return RowError(start, str(exc))
    if not record.name:
        return RowError(start, "the card has no name (FN, N or ORG)")
    return record


def _logical_lines(body: list[str]) -> Iterator[str]:
    """Unfold physical lines: indented continuations, and quoted-printable soft breaks (2.1)."""
    current: str | None = None
    for raw in body:
        if current is not None and current.endswith("=") and _is_qp(current):
            current += "\n" + raw  # "=\n" is a soft line break the QP decoder removes
        elif current is not None and raw[:1] in (" ", "\t"):
            current += raw[1:]
        elif not raw.strip():  # 2.1 ends a base64 block with a blank line
            if current is not None:
                yield current
            current = None
        else:
            if current is not None:
                yield current
            current = raw
    if current is not None:
        yield current


def _is_qp(line: str) -> bool:
    return "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()


def _content_lines(body: list[str]) -> list[Any]:
    lines: list[Any] = []
    in_binary = False
    for logical in _logical_lines(body):
        match = _PROPERTY.match(logical)
        if match is None:
            if in_binary:
                continue
            raise _BadCard(f"not a vCard line: {logical[:40]!r}")
        name = match.group(1).upper()
        in_binary = name in _BINARY
        if name not in _KNOWN:
            continue
        try:
            lines.append(textLineToContentLine(logical))
        except (ParseError, UnicodeDecodeError, LookupError, ValueError) as exc:
            raise _BadCard(f"{name}: {exc}") from None
    return lines


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


def _record(lines: list[Any]) -> ContactRecord:
    version = next((ln.value.strip() for ln in lines if ln.name == "VERSION"), "3.0")
    record = ContactRecord(name="")
    name_parts: list[str] = []
    notes: list[str] = []
    titles: dict[str, str] = {}
    seen_address = False
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
            record.emails.append(unescape(value))
        elif prop == "ADR" and not seen_address:
            _address(record, split_escaped(value, ";"))
            seen_address = True
        elif prop == "BDAY" and record.birthday is None:
            record.birthday = _birthday(unescape(value), line.params.get("X-APPLE-OMIT-YEAR"))
        elif prop == "NOTE":
            notes.append(unescape(value))
        elif prop == "CATEGORIES":
            record.tags += split_escaped(value, ",")
        elif prop == "URL" and record.website is None:
            record.website = unescape(value)
    if not record.name.strip():
        family, given, middle = (name_parts + ["", "", ""])[:3]
        record.name = compose_name(given, family, middle)
    # TITLE is the job title ("Sales Manager"); ROLE, the function, only stands in for it.
    record.role = titles.get("TITLE") or titles.get("ROLE")
    record.notes = "\n".join(notes) or None
    return clean_record(record)


def _address(record: ContactRecord, parts: list[str]) -> None:
    box, extended, street, city, region, code, country = (parts + [""] * 7)[:7]
    record.address = "\n".join(p for p in (street, extended, box) if p.strip()) or None
    record.city, record.country = city, country
    for key, text in (("region", region), ("postcode", code)):
        if text.strip():
            record.extra[key] = text


def _birthday(value: str, omit_year: list[str] | None) -> str | None:
    try:
        birthday = parse_birthday(value)
    except ValueError as exc:
        raise ValueError(f"BDAY {value!r} {exc}") from None
    # Apple stores year-less birthdays with a placeholder year named in X-APPLE-OMIT-YEAR.
    if birthday and omit_year and birthday.startswith(omit_year[0].strip() + "-"):
        return birthday[5:]
    return birthday


# --- writing ----------------------------------------------------------------------------------


def _card_lines(r: ContactRecord) -> Iterator[str]:
    name = strip_controls(r.name).strip() or strip_controls(r.company or "").strip()
    yield "BEGIN:VCARD"
    yield "VERSION:3.0"
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
    yield "END:VCARD"


def _bday(value: str) -> str:
    try:
        birthday = parse_birthday(value)
    except ValueError:
        return escape(value)  # written as found; reading it back will report it
    # The year-less form is RFC 6350's and what Android and Google write.
    return f"--{birthday}" if birthday and len(birthday) == 5 else escape(birthday)
