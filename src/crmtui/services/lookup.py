"""Reading customers, contacts and actions through the lean reader (no SQLAlchemy on SQLite).

These queries serve ``crm customers``, ``crm contacts``, ``crm actions``, name resolution in every
command, and the TUI's lists; CLI and TUI call the same functions, so they always agree.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, tzinfo
from typing import Any

from crmtui.clock import from_db
from crmtui.db.reader import Reader, Row
from crmtui.errors import Ambiguous, InvalidInput, NotFound
from crmtui.services.search import match_sql

SORTS = {
    "name": "c.name COLLATE NOCASE, c.id",
    "last-contact": "c.last_contact_at IS NULL, c.last_contact_at DESC, c.id",
    "grade": "c.grade IS NULL, c.grade, c.name COLLATE NOCASE",
    "updated": "c.updated_at DESC, c.id DESC",
    "created": "c.created_at DESC, c.id DESC",
}
CUSTOMER_COLUMNS = (
    "c.id, c.name, c.is_person, c.company_name, c.stage, c.grade, c.city, c.country, "
    "c.phones, c.email, c.last_contact_at, c.updated_at, c.deleted_at"
)


def customer_row(row: Row) -> dict[str, Any]:
    """A customer row as plain data: phones decoded, instants aware."""
    out = dict(row)
    if isinstance(out.get("phones"), str):
        out["phones"] = json.loads(out["phones"])
    for key in ("last_contact_at", "updated_at", "deleted_at", "created_at", "due_at", "done_at"):
        if key in out:
            out[key] = from_db(out[key])
    if "is_person" in out:
        out["is_person"] = bool(out["is_person"])
    return out


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
        sql, params = match_sql(search, is_sqlite=reader.is_sqlite)
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
    limit: int = 50,
    offset: int = 0,
    trash: bool = False,
) -> list[dict[str, Any]]:
    """One page of customers; with ``search``, names that match best come first."""
    if sort not in SORTS:
        raise InvalidInput(f"unknown sort {sort!r}; choose one of: {', '.join(SORTS)}")
    where, params = _filters(reader, search=search, stage=stage, grade=grade, tag=tag, trash=trash)
    order = SORTS[sort]
    if search and search.strip():
        params["q"] = search.strip().casefold()
        order = f"lower(c.name) = :q DESC, instr(lower(c.name), :q) = 1 DESC, {order}"
    params |= {"limit": limit, "offset": offset}
    rows = reader.rows(
        f"SELECT {CUSTOMER_COLUMNS}, "
        "(SELECT group_concat(t.name, ',') FROM customertag ct JOIN tag t ON t.id = ct.tag_id "
        "WHERE ct.customer_id = c.id) AS tags "
        f"FROM customer c WHERE {where} ORDER BY {order} LIMIT :limit OFFSET :offset",
        params,
    )
    result = []
    for row in rows:
        item = customer_row(row)
        item["tags"] = sorted(item["tags"].split(",")) if item.get("tags") else []
        result.append(item)
    return result


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


def resolve_customer(reader: Reader, ref: str, *, include_deleted: bool = False) -> dict[str, Any]:
    """A customer named by id or by an unambiguous part of its name or its pinyin."""
    ref = (ref or "").strip()
    if not ref:
        raise InvalidInput("name a customer by id or by part of its name")
    live = "" if include_deleted else " AND c.deleted_at IS NULL"
    if ref.isdigit():
        row = reader.one(
            f"SELECT {CUSTOMER_COLUMNS} FROM customer c WHERE c.id = :id{live}", {"id": int(ref)}
        )
        if row is not None:
            return customer_row(row)
    sql, params = match_sql(ref, is_sqlite=reader.is_sqlite)
    rows = reader.rows(
        f"SELECT {CUSTOMER_COLUMNS}, c.pinyin FROM customer c "
        f"WHERE c.id IN (SELECT customer_id FROM ({sql}) m WHERE m.contact_id IS NULL){live} "
        "ORDER BY c.name COLLATE NOCASE LIMIT 500",
        params,
    )
    needle = ref.casefold()
    named = [r for r in rows if needle in r["name"].casefold() or needle in r["pinyin"]]
    exact = [r for r in named if r["name"].casefold() == needle]
    found = exact if exact else named
    if len(found) == 1:
        return customer_row(found[0])
    if not found:
        raise NotFound(f"no customer matches {ref!r}; try crm customers --search")
    candidates = [(int(r["id"]), str(r["name"])) for r in found[:10]]
    raise Ambiguous(f"{len(found)} customers match {ref!r}; name one by id:", candidates)


def list_contacts(
    reader: Reader,
    *,
    search: str | None = None,
    customer_id: int | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    where = ["p.deleted_at IS NULL", "c.deleted_at IS NULL"]
    params: dict[str, Any] = {"limit": limit}
    if search and search.strip():
        sql, sp = match_sql(search, is_sqlite=reader.is_sqlite)
        where.append(f"p.id IN (SELECT contact_id FROM ({sql}) m WHERE m.contact_id IS NOT NULL)")
        params |= sp
    if customer_id is not None:
        where.append("p.customer_id = :customer_id")
        params["customer_id"] = customer_id
    rows = reader.rows(
        "SELECT p.id, p.customer_id, c.name AS customer, p.name, p.role, p.decision_maker, "
        "p.phones, p.email, p.birthday_month, p.birthday_day, p.birthday_year, p.birthday_lunar, "
        "p.notes, p.updated_at FROM contact p JOIN customer c ON c.id = p.customer_id "
        f"WHERE {' AND '.join(where)} ORDER BY p.name COLLATE NOCASE, p.id LIMIT :limit",
        params,
    )
    out = []
    for row in rows:
        item = customer_row(row)
        item["decision_maker"] = bool(item["decision_maker"])
        item["birthday_lunar"] = bool(item["birthday_lunar"])
        out.append(item)
    return out


def resolve_contact(reader: Reader, customer_id: int, ref: str) -> dict[str, Any]:
    """A contact of the customer, by id or by part of the name (or pinyin)."""
    rows = reader.rows(
        "SELECT id, name, pinyin FROM contact WHERE customer_id = :c AND deleted_at IS NULL",
        {"c": customer_id},
    )
    needle = ref.strip().casefold()
    found = [
        r
        for r in rows
        if str(r["id"]) == needle
        or needle in r["name"].casefold()
        or (needle and needle in r["pinyin"])
    ]
    if len(found) == 1:
        return dict(found[0])
    if not found:
        raise NotFound(f"no contact {ref!r} at this customer")
    raise Ambiguous(f"{len(found)} contacts match {ref!r}:", [(r["id"], r["name"]) for r in found])


def week_end(now_local: datetime) -> datetime:
    """The end of the current week (next Monday 00:00, local)."""
    start = now_local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start + timedelta(days=7 - start.weekday())


def list_actions(
    reader: Reader,
    *,
    now: datetime,
    tz: tzinfo,
    scope: str = "week",
    customer_id: int | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Open (planned, not done) actions in ``scope`` (today, week, overdue, all), overdue first."""
    local = now.astimezone(tz)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    ends = {
        "today": midnight + timedelta(days=1),
        "week": week_end(local),
        "overdue": now,
        "all": local + timedelta(days=3650),
    }
    if scope not in ends:
        raise InvalidInput(f"unknown scope {scope!r}")
    params: dict[str, Any] = {"end": reader.ts(ends[scope]), "limit": limit, "now": reader.ts(now)}
    extra = ""
    if customer_id is not None:
        extra = " AND a.customer_id = :customer_id"
        params["customer_id"] = customer_id
    rows = reader.rows(
        "SELECT a.id, a.customer_id, c.name AS customer, a.kind, a.due_at, a.note, "
        "a.contact_id, p.name AS contact, a.due_at < :now AS overdue "
        "FROM activity a JOIN customer c ON c.id = a.customer_id "
        "LEFT JOIN contact p ON p.id = a.contact_id "
        "WHERE a.done_at IS NULL AND a.due_at IS NOT NULL AND a.due_at < :end "
        f"AND c.deleted_at IS NULL{extra} ORDER BY a.due_at, a.id LIMIT :limit",
        params,
    )
    out = [customer_row(r) for r in rows]
    for item in out:
        item["overdue"] = bool(item["overdue"])
    return out
