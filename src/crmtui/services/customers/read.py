"""Reading customers and their contacts through the lean reader (no SQLAlchemy on SQLite).

These queries serve ``crm customers``, ``crm contacts``, name resolution in every command, and
the TUI's lists; CLI and TUI call the same functions, so they always agree.
"""

from __future__ import annotations

from typing import Any

from crmtui.db.reader import Reader, Row, in_list
from crmtui.errors import Ambiguous, InvalidInput, NotFound
from crmtui.services.common.paging import TOTAL_SQL, Page, limit_sql, page
from crmtui.services.common.records import decoded
from crmtui.services.customers.types import (
    ContactRef,
    ContactRow,
    CustomerRow,
    ListedCustomer,
)
from crmtui.services.search.index import match_sql

SORTS = {
    "name": "c.sort_key, c.id",  # pinyin for Chinese: 北京, 成都, 上海
    "last-contact": "c.last_contact_at IS NULL, c.last_contact_at DESC, c.id",
    "grade": "c.grade IS NULL, c.grade, c.name COLLATE NOCASE",
    "updated": "c.updated_at DESC, c.id DESC",
    "created": "c.created_at DESC, c.id DESC",
}
CUSTOMER_COLUMNS = (
    "c.id, c.name, c.is_person, c.company_name, c.stage, c.grade, c.city, c.country, "
    "c.phones, c.email, c.last_contact_at, c.updated_at, c.deleted_at"
)

# Contacts in name order, Chinese names by their pinyin (stored for search: "chenjing cj"),
# other names as typed, so 陈静 comes between Brown and Davis rather than after every Latin name.
CONTACT_ORDER = "CASE WHEN p.pinyin <> '' THEN p.pinyin ELSE lower(p.name) END"


def customer_row(row: Row) -> CustomerRow:
    """A customer row (``CUSTOMER_COLUMNS``) as plain data: phones decoded, instants aware."""
    return decoded(row, CustomerRow)


def _filters(
    reader: Reader,
    *,
    search: str | None,
    stage: str | None,
    grade: str | None,
    tag: str | None,
    trash: bool,
) -> tuple[str, dict[str, Any]]:
    where = ["c.deleted_at IS NOT NULL" if trash else "c.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    if search and search.strip():
        sql, params = match_sql(search, dialect=reader.dialect)
        where.append(f"c.id IN (SELECT customer_id FROM ({sql}) m)")
    if stage:
        where.append("c.stage = :stage")
        params["stage"] = stage
    if grade:
        where.append("c.grade = :grade")
        params["grade"] = grade.upper()
    if tag:
        where.append(
            "c.id IN (SELECT ct.customer_id FROM customertag ct JOIN tag t ON t.id = ct.tag_id "
            "WHERE t.name = :tag)"
        )
        params["tag"] = tag.lstrip("#")
    return " AND ".join(where), params


def list_customers(
    reader: Reader,
    *,
    search: str | None = None,
    stage: str | None = None,
    grade: str | None = None,
    tag: str | None = None,
    sort: str = "name",
    limit: int | None = 50,
    offset: int = 0,
    trash: bool = False,
    count: bool = False,
) -> Page[ListedCustomer]:
    """One page of customers (``limit=None``: all); with ``search``, best matches come first.

    With ``count``, a full page also counts every match (``Page.total``). It is a separate
    query, not a window column: a window would read every row before the first page shows.
    """
    if sort not in SORTS:
        raise InvalidInput("unknown-sort", sort=sort, choices=SORTS)
    where, params = _filters(reader, search=search, stage=stage, grade=grade, tag=tag, trash=trash)
    order = SORTS[sort]
    select = (
        f"SELECT {CUSTOMER_COLUMNS}, "
        f"(SELECT {reader.dialect.aggregate.joined('t.name')} FROM customertag ct "
        "JOIN tag t ON t.id = ct.tag_id "
        "WHERE ct.customer_id = c.id) AS tags "
        "FROM customer c WHERE "
    )
    first = _short_first_page(reader, search, sort, trash, offset, limit, stage, grade, tag)
    if first is not None:  # a 1-3 letter search: its first page found without sorting
        holders, id_params = in_list("i", first)
        found = {r["id"]: r for r in reader.rows(f"{select}c.id IN ({holders})", id_params)}
        rows = [found[i] for i in first]
    else:
        if search and search.strip():
            params["q"] = search.strip().casefold()
            starts = reader.dialect.search.starts_with("lower(c.name)", ":q")
            order = f"lower(c.name) = :q DESC, {starts} DESC, {order}"
        params |= {"limit": limit, "offset": offset}
        rows = reader.rows(f"{select}{where} ORDER BY {order}{limit_sql(limit, offset)}", params)
    result = []
    for row in rows:
        item = decoded(row, ListedCustomer)
        tags = row["tags"]  # the group_concat text, made a list here
        item["tags"] = sorted(tags.split(",")) if tags else []
        result.append(item)
    out = page(result)
    out.total = offset + len(out)
    if count and limit is not None and len(out) == limit:
        out.total = count_customers(
            reader, search=search, stage=stage, grade=grade, tag=tag, trash=trash
        )
    return out


def _short_first_page(
    reader: Reader,
    search: str | None,
    sort: str,
    trash: bool,
    offset: int,
    limit: int | None,
    stage: str | None,
    grade: str | None,
    tag: str | None,
) -> list[int] | None:
    """The ids of the first page for a 1-3 letter search in name order (short_search.py), or
    None when the ordinary query answers."""
    from crmtui.services.customers import short_search

    term = short_search.short_term(search)
    if term is None or sort != "name" or trash or offset or limit is None:
        return None
    where, params = _filters(reader, search=None, stage=stage, grade=grade, tag=tag, trash=False)
    return short_search.first_ids(reader, term, where=where, params=params, limit=limit)


def count_customers(
    reader: Reader,
    *,
    search: str | None = None,
    stage: str | None = None,
    grade: str | None = None,
    tag: str | None = None,
    trash: bool = False,
) -> int:
    where, params = _filters(reader, search=search, stage=stage, grade=grade, tag=tag, trash=trash)
    return int(reader.scalar(f"SELECT count(*) FROM customer c WHERE {where}", params) or 0)


# SQLite integers are 64-bit: a longer number cannot be anyone's id.
MAX_ID = 2**63 - 1


def as_id(ref: str) -> int | None:
    """The id an all-digit reference (``12`` or ``#12``) names; None for anything else.

    A number is only ever an id, never part of a name: otherwise a trashed or mistyped id would
    silently fall through to a customer whose name happens to contain those digits.
    """
    text = ref.strip()
    text = text[1:].strip() if text.startswith("#") else text
    if not text or not text.isdecimal():
        return None
    return int(text)


def _by_id(reader: Reader, cid: int, *, include_deleted: bool) -> CustomerRow:
    row = None
    if cid <= MAX_ID:
        row = reader.one(f"SELECT {CUSTOMER_COLUMNS} FROM customer c WHERE c.id = :id", {"id": cid})
    if row is None:
        raise NotFound("no-customer-has-id", id=cid)
    if row["deleted_at"] is not None and not include_deleted:
        raise NotFound("customer-trashed", id=cid, name=row["name"])
    return customer_row(row)


def resolve_customer(
    reader: Reader, ref: str, *, include_deleted: bool = False, by_name: bool = False
) -> CustomerRow:
    """A customer named by id (``12``, ``#12``) or, with ``by_name`` or when the reference is
    not a number, by an unambiguous part of its name or pinyin, or of one of its contacts'."""
    ref = (ref or "").strip()
    if not ref:
        raise InvalidInput("customer-ref-empty")
    cid = None if by_name else as_id(ref)
    if cid is not None:
        return _by_id(reader, cid, include_deleted=include_deleted)
    live = "" if include_deleted else " AND c.deleted_at IS NULL"
    needle = ref.casefold()
    sql, params = match_sql(ref, dialect=reader.dialect)
    rows = reader.rows(
        f"SELECT {CUSTOMER_COLUMNS}, c.pinyin FROM customer c "
        f"WHERE c.id IN (SELECT customer_id FROM ({sql}) m WHERE m.contact_id IS NULL){live} "
        "ORDER BY c.sort_key, c.id LIMIT 500",
        params,
    )
    named = [r for r in rows if needle in r["name"].casefold() or needle in r["pinyin"]]
    exact = [r for r in named if r["name"].casefold() == needle]
    if exact:
        return _one(exact, ref)
    # Then through the people: a contact named exactly so counts like part of a customer's
    # name; only when neither finds anyone, part of a contact's name (or its pinyin) does.
    people = _through_contacts(reader, ref, sql, params, live)
    exact_people = [r for r in people if r["contact"].casefold() == needle]
    found = _distinct(named + exact_people)
    return _one(found or _distinct(people), ref)


def _through_contacts(
    reader: Reader, ref: str, sql: str, params: dict[str, Any], live: str
) -> list[Row]:
    needle = ref.casefold()
    rows = reader.rows(
        f"SELECT {CUSTOMER_COLUMNS}, p.name AS contact, p.pinyin AS contact_pinyin "
        "FROM contact p JOIN customer c ON c.id = p.customer_id "
        f"WHERE p.id IN (SELECT contact_id FROM ({sql}) m WHERE m.contact_id IS NOT NULL) "
        f"AND p.deleted_at IS NULL{live} ORDER BY c.sort_key, c.id LIMIT 500",
        params,
    )
    return [
        r
        for r in rows
        if needle in r["contact"].casefold() or needle in (r["contact_pinyin"] or "")
    ]


def _distinct(rows: list[Row]) -> list[Row]:
    seen: dict[int, Row] = {}
    for row in rows:
        seen.setdefault(int(row["id"]), row)
    return list(seen.values())


def _one(found: list[Row], ref: str) -> CustomerRow:
    if len(found) == 1:
        # the columns selected only to match the reference are not part of the record
        extra = ("pinyin", "contact", "contact_pinyin")
        return customer_row({k: found[0][k] for k in found[0].keys() if k not in extra})
    if not found:
        raise NotFound("no-customer-matches", ref=ref)
    candidates = [(int(r["id"]), str(r["name"])) for r in found[:10]]
    raise Ambiguous("customers-ambiguous", candidates, count=len(found), ref=ref)


def list_contacts(
    reader: Reader,
    *,
    search: str | None = None,
    customer_id: int | None = None,
    limit: int | None = 50,
) -> Page[ContactRow]:
    """Live contacts by name; ``limit=None`` returns them all."""
    where = ["p.deleted_at IS NULL", "c.deleted_at IS NULL"]
    params: dict[str, Any] = {"limit": limit}
    if search and search.strip():
        sql, sp = match_sql(search, dialect=reader.dialect)
        where.append(f"p.id IN (SELECT contact_id FROM ({sql}) m WHERE m.contact_id IS NOT NULL)")
        params |= sp
    if customer_id is not None:
        where.append("p.customer_id = :customer_id")
        params["customer_id"] = customer_id
    rows = reader.rows(
        "SELECT p.id, p.customer_id, c.name AS customer, p.name, p.role, p.decision_maker, "
        "p.phones, p.email, p.birthday_month, p.birthday_day, p.birthday_year, p.birthday_lunar, "
        f"p.notes, p.updated_at, {TOTAL_SQL} "
        "FROM contact p JOIN customer c ON c.id = p.customer_id "
        f"WHERE {' AND '.join(where)} ORDER BY {CONTACT_ORDER}, p.id{limit_sql(limit)}",
        params,
    )
    out = []
    for row in rows:
        item = decoded(row, ContactRow)
        item["decision_maker"] = bool(item["decision_maker"])
        item["birthday_lunar"] = bool(item["birthday_lunar"])
        out.append(item)
    return page(out)


def resolve_contact(reader: Reader, customer_id: int, ref: str) -> ContactRef:
    """A contact of the customer: by id when ``ref`` is a number, else by part of the name
    (or pinyin)."""
    pid = as_id(ref)
    if pid is not None:
        row = None
        if pid <= MAX_ID:
            row = reader.one(
                "SELECT id, name, customer_id, deleted_at FROM contact WHERE id = :id", {"id": pid}
            )
        if row is None:
            raise NotFound("no-contact-has-id", field="contact", id=pid)
        if row["deleted_at"] is not None:
            raise NotFound("contact-deleted", field="contact", id=pid, name=row["name"])
        if row["customer_id"] != customer_id:
            raise InvalidInput(
                "contact-of-other-customer", field="contact", id=pid, name=row["name"]
            )
        return {"id": row["id"], "name": row["name"]}
    rows = reader.rows(
        "SELECT id, name, pinyin FROM contact WHERE customer_id = :c AND deleted_at IS NULL",
        {"c": customer_id},
    )
    needle = ref.strip().casefold()
    found = [
        r
        for r in rows
        if needle in r["name"].casefold() or (needle and needle in (r["pinyin"] or ""))
    ]
    exact = [r for r in found if r["name"].casefold() == needle]
    found = exact or found
    if len(found) == 1:
        return {"id": found[0]["id"], "name": found[0]["name"]}
    if not found:
        raise NotFound("no-contact-matches", field="contact", ref=ref)
    raise Ambiguous(
        "contacts-ambiguous",
        [(r["id"], r["name"]) for r in found],
        field="contact",
        count=len(found),
        ref=ref,
    )
