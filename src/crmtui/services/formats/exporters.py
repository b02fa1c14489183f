"""The columns of the big exporters: Thunderbird, Google Contacts and Outlook CSV files.

Their sheets spread one thing over several columns, so the plain one-column-one-field map of
``headers`` is not enough. Three kinds of column belong together here:

* **addresses in slots**: ``Business Street``, ``Work City``, ``Home ZipCode``, ``Other
  Country/Region`` (Outlook, Thunderbird) and ``Address 1 - Street``, ``Address 2 - Type``
  (Google). Each slot is one address; the first one with content (work before home before
  other) fills the record's address, the others are kept whole in ``extra["other address"]``;
* **numbered items with a type**: ``Phone 1 - Type`` + ``Phone 1 - Value`` and ``E-mail 1 -
  Type`` + ``E-mail 1 - Value`` (Google; newer files say ``Label``). A phone's type comes from
  its type column (``Mobile`` stays mobile); the e-mail Google marks primary (``* Work``)
  comes first;
* **a birthday in parts**: Thunderbird's ``Birth Year``, ``Birth Month``, ``Birth Day``.

Targets of such columns look like ``addr:work:city``, ``phone:1:type``, ``birth:year``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crmtui.services.formats.model import ContactRecord, phone_type

STRUCTURED = ("addr:", "phone:", "email:", "birth:")
_WORDS = re.compile(r"[^0-9a-z]+")
_SLOTS = {"business": "work", "work": "work", "home": "home", "other": "other"}
_PARTS = {
    "street": "street",
    "address": "street",
    "street 2": "street2",
    "street 3": "street2",
    "address 2": "street2",
    "address 3": "street2",
    "extended address": "street2",
    "po box": "pobox",
    "city": "city",
    "state": "region",
    "region": "region",
    "zip": "postcode",
    "zipcode": "postcode",
    "zip code": "postcode",
    "postal code": "postcode",
    "postcode": "postcode",
    "country": "country",
    "country region": "country",
    "formatted": "formatted",
    "type": "type",
    "label": "type",
}
_SLOT_TITLE = re.compile(r"(business|work|home|other|address (\d+)) (.+)")
_NUMBERED = re.compile(r"(phone|e mail|email) (\d+) (type|label|value)")
_BIRTH = re.compile(r"birth (year|month|day)")
_CUSTOM = re.compile(r"custom (\d+)")
# Google's system groups are not tags anyone chose
_SYSTEM_GROUPS = frozenset({"mycontacts", "starred", "othercontacts", "friends"})
_SLOT_ORDER = {"work": 0, "home": 2, "other": 3}


def words(title: str) -> str:
    """``"Business Country/Region"`` → ``"business country region"``."""
    return _WORDS.sub(" ", title.casefold()).strip()


def structured_target(title: str) -> str | None:
    """The target of a column that is part of an address, a numbered item or a birthday."""
    text = words(title)
    if m := _NUMBERED.fullmatch(text):
        kind = "phone" if m[1] == "phone" else "email"
        return f"{kind}:{m[2]}:{'value' if m[3] == 'value' else 'type'}"
    if m := _BIRTH.fullmatch(text):
        return f"birth:{m[1]}"
    if m := _CUSTOM.fullmatch(text):
        return f"extra:custom {m[1]}"  # Thunderbird's Custom 1..4, kept in the notes
    if m := _SLOT_TITLE.fullmatch(text):
        slot = m[2] or _SLOTS[m[1]]
        part = _PARTS.get(m[3])
        if part == "type" and not m[2]:
            return None  # "Home Type" is nothing
        return f"addr:{slot}:{part}" if part else None
    return None


def recognise(labels: Sequence[str]) -> str | None:
    """Which program wrote a sheet with these column titles, if it is one we know."""
    titles = {words(label) for label in labels}
    if {"primary email", "display name"} <= titles and "birth year" in titles:
        return "Thunderbird"
    if "group membership" in titles or {"e mail 1 value", "phone 1 value"} & titles:
        return "Google Contacts"
    if "job title" in titles and {"e mail address", "business street"} & titles:
        return "Outlook"
    return None


def split_groups(cell: str) -> list[str]:
    """Google's ``* myContacts ::: Customers`` → ``["Customers"]``."""
    groups = [g.strip().lstrip("*").strip() for g in cell.split(":::")]
    return [g for g in groups if g and words(g).replace(" ", "") not in _SYSTEM_GROUPS]


def assemble(record: ContactRecord, cells: dict[str, str]) -> str | None:
    """Fill ``record`` from the structured cells (target → text); returns a birthday text."""
    _phones_and_emails(record, cells)
    _addresses(record, cells)
    year, month, day = (cells.get(f"birth:{p}", "").strip() for p in ("year", "month", "day"))
    if month and day:
        return f"{year}-{month}-{day}" if year else f"{month}-{day}"
    return None


def _phones_and_emails(record: ContactRecord, cells: dict[str, str]) -> None:
    numbers = sorted({int(t.split(":")[1]) for t in cells if t.startswith(("phone:", "email:"))})
    preferred: list[str] = []
    others: list[str] = []
    for n in numbers:
        for value in _values(cells.get(f"phone:{n}:value", "")):
            label = cells.get(f"phone:{n}:type", "").strip().lstrip("*").strip()
            record.phones.append((phone_type(label), value))
        primary = cells.get(f"email:{n}:type", "").strip().startswith("*")
        for value in _values(cells.get(f"email:{n}:value", "")):
            (preferred if primary else others).append(value)
    record.emails = preferred + record.emails + others


def _values(cell: str) -> list[str]:
    # Google puts several values of one type in one cell: "a@x ::: b@y"
    return [v.strip() for v in cell.split(":::") if v.strip()]


def _addresses(record: ContactRecord, cells: dict[str, str]) -> None:
    slots: dict[str, dict[str, str]] = {}
    for target, text in cells.items():
        if target.startswith("addr:") and text.strip():
            _, slot, part = target.split(":")
            parts = slots.setdefault(slot, {})
            parts[part] = (parts[part] + "\n" + text) if part in parts else text
    filled = [
        (slot, parts)
        for slot, parts in slots.items()
        if any(k != "type" for k in parts)  # a type alone is no address
    ]
    # a CRM keeps the work address first: Google names a numbered slot's kind in its type
    filled.sort(
        key=lambda item: _SLOT_ORDER.get(
            words(item[1].get("type", "")), _SLOT_ORDER.get(item[0], 1)
        )
    )
    for index, (slot, parts) in enumerate(filled):
        street = "\n".join(
            p for p in (parts.get("street"), parts.get("street2"), parts.get("pobox")) if p
        )
        if index == 0 and not record.address and not record.city:
            located = any(parts.get(k) for k in ("city", "region", "postcode", "country"))
            record.address = street or (None if located else parts.get("formatted"))
            record.city, record.country = parts.get("city"), parts.get("country")
            for key in ("region", "postcode"):
                if parts.get(key):
                    record.extra[key] = parts[key]
            continue
        label = parts.get("type", "").strip().lstrip("*").strip() or (
            slot if not slot.isdigit() else "address"
        )
        text = parts.get("formatted") or ", ".join(
            p.replace("\n", ", ")
            for p in (
                street,
                parts.get("city"),
                parts.get("region"),
                parts.get("postcode"),
                parts.get("country"),
            )
            if p
        )
        current = record.extra.get("other address")
        entry = f"{label.lower()}: {text}"
        record.extra["other address"] = f"{current}; {entry}" if current else entry
