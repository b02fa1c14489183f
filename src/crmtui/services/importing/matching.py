"""From an imported record to the customer or contact it becomes, and the duplicate check (撞单).

A record becomes one of three things:

* a **company** customer: a row whose name is its company (or that has only a company);
* a **contact** at a company customer: a person's name with a company beside it; the company is
  found by its name among the customers (or created, once, for the whole file);
* a **person** customer: a person without a company.

Our own exports say which one with an ``extra:type`` column, and carry the customer fields the
file formats have no column for (stage, grade, industry, ...) as ``extra:`` columns too.

Duplicates are looked for among records of the same sort (people against people, companies
against companies), in the database and earlier in the same file: the same phone number (its
last nine digits, so ``+86 138 0013 8000`` and ``13800138000`` agree), the same email, the same
company name, or a close name at the same company.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from crmtui.services.common import checks
from crmtui.services.common.timeparse import parse_birthday
from crmtui.services.customers.types import Fields
from crmtui.services.formats import ContactRecord
from crmtui.services.importing.names_at import NamesAt, close
from crmtui.services.importing.rows import CONTACT_DEFAULTS, CUSTOMER_DEFAULTS, birthday_columns
from crmtui.services.importing.salvage import dialling_string, import_phone

KINDS = ("company", "person", "contact")
_NOISE = re.compile(r"[\W_]+")
_NOT_DIGIT = re.compile(r"\D")
_COUNTRIES = {
    "china": "CN",
    "中国": "CN",
    "prc": "CN",
    "中华人民共和国": "CN",
    "usa": "US",
    "us": "US",
    "unitedstates": "US",
    "unitedstatesofamerica": "US",
    "美国": "US",
    "uk": "GB",
    "unitedkingdom": "GB",
    "greatbritain": "GB",
    "england": "GB",
    "英国": "GB",
    "germany": "DE",
    "deutschland": "DE",
    "德国": "DE",
    "france": "FR",
    "法国": "FR",
    "japan": "JP",
    "日本": "JP",
    "canada": "CA",
    "加拿大": "CA",
    "australia": "AU",
    "澳大利亚": "AU",
    "singapore": "SG",
    "新加坡": "SG",
    "hongkong": "HK",
    "香港": "HK",
    "taiwan": "TW",
    "台湾": "TW",
}
EXTRA_FIELDS = ("stage", "grade", "industry", "source", "timezone", "decision_maker")


@lru_cache(maxsize=200_000)  # a file names the same companies and people on many rows
def norm_name(text: str | None) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text or "").casefold())


@lru_cache(maxsize=200_000)
def phone_key(phone: str) -> str | None:
    if dialling_string(phone):
        return None  # an extension or a pause: another line at the same switchboard, or not
    digits = _NOT_DIGIT.sub("", phone).lstrip("0")
    return digits[-9:] if len(digits) >= 7 else None


@dataclass
class Spec:
    """What one record becomes: ``values`` are table columns (customer or contact)."""

    kind: str
    values: dict[str, Any]
    tags: list[str] = field(default_factory=list)
    # for a contact: its company's customer columns (shared by the rows naming the same
    # company: read it, or copy it)
    company: dict[str, Any] | None = None


@dataclass
class Entity:
    """A customer or contact, in the database (``key`` > 0) or planned (``key`` < 0)."""

    key: int
    kind: str
    name: str
    customer_key: int | None = None
    values: dict[str, Any] | None = None
    tags: list[str] = field(default_factory=list)
    line: int = 0
    placeholder: bool = False  # a company created for a contact row, not yet seen itself
    trashed: bool = False

    def label(self) -> str:
        if self.key < 0:
            return f"{self.name} (this file, line {self.line})"
        kind = "contact" if self.kind == "contact" else "customer"
        return f"{self.name} ({kind} {self.key}{', in the trash' if self.trashed else ''})"


@lru_cache(maxsize=1024)  # a few countries, on every row
def _country(text: str | None) -> tuple[str | None, str | None]:
    """(two-letter code, or None and the text to keep in the address)."""
    if not text:
        return None, None
    key = norm_name(text)
    if len(text.strip()) == 2 and text.strip().isalpha():
        return text.strip().upper(), None
    code = _COUNTRIES.get(key)
    return (code, None) if code else (None, text.strip())


def _flag(text: str) -> bool:
    return text.strip().casefold() in ("yes", "y", "true", "1", "是", "x", "✓")


def convert(record: ContactRecord, region: str | None) -> Spec:
    """Check a record and turn it into table values; raises InvalidInput with the reason."""
    extra = dict(record.extra)
    kind = extra.pop("type", "").strip().casefold()
    company_name = (record.company or "").strip() or None
    if kind not in KINDS:
        if company_name and norm_name(record.name) != norm_name(company_name):
            kind = "contact"
        else:
            kind = "company" if company_name else "person"
    if kind == "contact" and not company_name:
        kind = "person"
    notes = [record.notes] if record.notes else []
    email = checks.email(record.emails[0]) if record.emails else None
    notes += [f"email: {e}" for e in record.emails[1:]]
    country, country_text = _country(record.country)
    address_parts = [
        record.address,
        extra.pop("region", None),
        extra.pop("postcode", None),
        country_text,
    ]
    address = "\n".join(p for p in address_parts if p) or None
    phones: list[str] = []
    for _, number in record.phones:
        phone = import_phone(number, country or region)
        if phone not in phones:
            phones.append(phone)
    birthday = None
    lunar_text = extra.pop("lunar_birthday", None)
    if lunar_text:
        text = lunar_text.strip()
        if not text.casefold().startswith(("农历", "lunar", "阴历")):
            text = "农历" + text
        birthday = parse_birthday(text.replace("阴历", "农历", 1), lunar=True)
    elif record.birthday:
        birthday = parse_birthday(record.birthday)
    known = {k: extra.pop(k).strip() for k in EXTRA_FIELDS if k in extra}
    department = extra.pop("department", None)
    role = record.role or (department if kind == "contact" else None)
    if department and department != role:
        notes.append(f"department: {department}")
    notes += [f"{k}: {v}" for k, v in extra.items()]
    note_text = checks.text("\n".join(notes), "notes") if notes else None
    timezone = checks.timezone(known.get("timezone"))
    if kind == "contact":
        values = (
            CONTACT_DEFAULTS
            | {
                "name": _name(record.name),
                "role": checks.text(role, "role", limit=200),
                "decision_maker": _flag(known.get("decision_maker", "")),
                "email": email,
                "timezone": timezone,
                "notes": note_text,
                "phones": phones,
            }
            | birthday_columns(birthday)
        )
        company = _company(company_name, address, record.city, country, record.website)
        return Spec("contact", values, list(record.tags), company)
    stage = checks.choice(known.get("stage") or "potential", CUSTOMER_STAGES, "stage")
    grade = known.get("grade")
    values = (
        CUSTOMER_DEFAULTS
        | {
            "name": checks.name(company_name if kind == "company" else record.name),
            "is_person": kind == "person",
            "company_name": checks.text(company_name, "company", limit=200)
            if kind == "person"
            else None,
            "stage": stage,
            "grade": checks.choice(grade, ("A", "B", "C"), "grade") if grade else None,
            "industry": checks.text(known.get("industry"), "industry", limit=200),
            "source": checks.text(known.get("source"), "source", limit=200),
            "address": checks.text(address, "address"),
            "city": checks.text(record.city, "city", limit=200),
            "country": country,
            "timezone": timezone,
            "email": email,
            "website": checks.text(record.website, "website", limit=1000),
            "notes": note_text,
            "phones": phones,
        }
        | birthday_columns(birthday)
    )
    return Spec(kind, values, list(record.tags))


CUSTOMER_STAGES = ("potential", "prospect", "customer", "dormant", "lost")


@lru_cache(maxsize=100_000)  # the rows of a file name the same companies (and people) again
def _company(
    name: str | None,
    address: str | None,
    city: str | None,
    country: str | None,
    website: str | None,
) -> dict[str, Any]:
    """A contact's company as customer columns; shared, so the caller copies it."""
    return CUSTOMER_DEFAULTS | {
        "name": checks.name(name, "company"),
        "address": checks.text(address, "address"),
        "city": checks.text(city, "city", limit=200),
        "country": country,
        "website": checks.text(website, "website", limit=1000),
    }


@lru_cache(maxsize=100_000)
def _name(text: str | None) -> str:
    return checks.name(text)


class Index:
    """Who is already there (or planned earlier in the file), for finding duplicates fast."""

    def __init__(self) -> None:
        self.phones: dict[tuple[bool, str], Entity] = {}  # (is company, phone key)
        self.emails: dict[tuple[bool, str], Entity] = {}
        self.companies: dict[str, Entity] = {}
        self.persons: dict[tuple[str, str], Entity] = {}  # (name, company) of person customers
        self.contacts: dict[int, NamesAt] = defaultdict(NamesAt)
        self.by_key: dict[int, Entity] = {}

    def add(
        self, entity: Entity, phones: list[str], email: str | None, company_name: str | None = None
    ) -> None:
        is_company = entity.kind == "company"
        self.by_key[entity.key] = entity
        for phone in phones:
            if key := phone_key(phone):
                self.phones.setdefault((is_company, key), entity)
        if email:
            self.emails.setdefault((is_company, email.casefold()), entity)
        name = norm_name(entity.name)
        if is_company:
            current = self.companies.get(name)
            if current is None or (current.trashed and not entity.trashed):
                self.companies[name] = entity
        elif entity.kind == "person":
            self.persons.setdefault((name, norm_name(company_name)), entity)
        elif entity.customer_key is not None:
            self.contacts[entity.customer_key].add(name, entity)

    def find(self, spec: Spec, company: Entity | None) -> tuple[Entity, str] | None:
        """An existing or earlier record this one duplicates, and why."""
        is_company = spec.kind == "company"
        values = spec.values

        def same(found: Entity | None) -> bool:
            if found is None or found is company:
                return False
            # colleagues at one company often share its switchboard or mailbox: a different
            # name there is another person, not the same one twice
            colleague = (
                spec.kind == "contact"
                and found.kind == "contact"
                and company is not None
                and found.customer_key == company.key
            )
            return not colleague or close(norm_name(values["name"]), norm_name(found.name))

        if values["email"]:
            found = self.emails.get((is_company, values["email"].casefold()))
            if same(found):
                assert found is not None
                return found, f"same email {values['email']}"
        for phone in values["phones"]:
            key = phone_key(phone)
            found = self.phones.get((is_company, key)) if key else None
            if same(found):
                assert found is not None
                return found, f"same phone {phone}"
        name = norm_name(values["name"])
        if is_company:
            found = self.companies.get(name)
            return (found, "same company name") if found is not None else None
        if spec.kind == "person":
            found = self.persons.get((name, norm_name(values["company_name"])))
            return (found, "same name") if found is not None else None
        assert company is not None
        names = self.contacts.get(company.key)
        found_close = names.first_close(name) if names is not None else None
        if found_close is None:
            return None
        other, entity = found_close
        return entity, f"{'same' if name == other else 'close'} name at {company.name}"


def load_index(rows_of: Any) -> Index:
    """Index the live customers and contacts; ``rows_of(sql)`` returns mappings."""
    from crmtui.services.common.phones import phones_of

    index = Index()
    # Customers in the trash count too: a record there is not new, and "update" brings it back.
    for r in rows_of(
        "SELECT id, name, is_person, company_name, email, phones, "
        "deleted_at IS NOT NULL AS trashed FROM customer ORDER BY id"
    ):
        kind = "person" if r["is_person"] else "company"
        index.add(
            Entity(int(r["id"]), kind, r["name"], trashed=bool(r["trashed"])),
            phones_of(r["phones"]),
            r["email"],
            r["company_name"],
        )
    for r in rows_of(
        "SELECT p.id, p.customer_id, p.name, p.email, p.phones FROM contact p "
        "JOIN customer c ON c.id = p.customer_id WHERE p.deleted_at IS NULL "
        "AND c.deleted_at IS NULL ORDER BY p.id"
    ):
        index.add(
            Entity(int(r["id"]), "contact", r["name"], customer_key=int(r["customer_id"])),
            phones_of(r["phones"]),
            r["email"],
        )
    return index


def merge(target: dict[str, Any], incoming: dict[str, Any]) -> Fields:
    """The fields of ``incoming`` that change ``target``: non-empty values, phones added."""
    changes: Fields = {}
    for key, value in incoming.items():
        if key == "phones":
            extra = [p for p in value if p not in target.get("phones", [])]
            if extra:
                changes["phones"] = list(target.get("phones", [])) + extra
        elif value not in (None, "", False) and target.get(key) != value and key != "is_person":
            if key == "stage" and value == "potential":
                continue  # the default, not information
            changes[key] = value
    return changes
