"""The full JSON export: every record of every table a salesperson owns, nothing derived.

``crm export contacts --format json`` writes it; ``crm import`` restores it (``import_json``).
Instants are ISO 8601 in UTC (``+00:00``), dates ISO, phones lists, flags booleans; money is a
decimal string beside its currency, as in every other JSON crmtui writes (``"amount":
"12000.50"``; version 1 files held integer minor units, ``1200050``, and still import). Each
table's rows are in id order. Search text and pinyin are derived data, rebuilt on import, so
they are left out; so is the schema bookkeeping.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, cast

from crmtui.db.engine import SCHEMA_HEAD, Database
from crmtui.money import of_row
from crmtui.services.exporting.types import FullExport

if TYPE_CHECKING:
    from sqlalchemy import Table

FORMAT = "crmtui-export"
# 2: opportunity amounts as decimal strings (1: integer minor units). ``crm import`` reads both.
VERSION = 2
# JSON key → table, in an order where every row's parents come before it.
SECTIONS = (
    ("tags", "tag"),
    ("customers", "customer"),
    ("customer_tags", "customertag"),
    ("contacts", "contact"),
    ("opportunities", "opportunity"),
    ("activities", "activity"),
    ("notes", "note"),
    ("time_slots", "timeslot"),
    ("changes", "change"),
    ("summary_notes", "summary_note"),
    ("complaints", "complaint"),
    ("complaint_steps", "complaint_step"),
    ("service_plans", "service_plan"),
    ("service_records", "service_record"),
    ("satisfaction", "satisfaction"),
    ("referrals", "referral"),
    ("announcements", "announcement"),
    ("competitors", "competitor"),
    ("opportunity_competitors", "opportunity_competitor"),
    ("events", "event"),
    ("event_invitees", "event_invitee"),
    ("expense_claims", "expense_claim"),
    ("expense_lines", "expense_line"),
)
# Derived from other columns (rebuilt on import): pinyin, sort and duplicate keys.
DERIVED = frozenset({"pinyin", "sort_key", "name_key", "phone_keys"})
# With --since, the tables whose rows follow their customer: all of a chosen customer's rows.
UNDER_CUSTOMER = ("customertag", "contact", "opportunity", "activity", "timeslot")


def tables() -> dict[str, Table]:
    from sqlmodel import SQLModel

    from crmtui.db import tables  # noqa: F401  (registers the tables)

    return {name: SQLModel.metadata.tables[name] for _, name in SECTIONS}


def columns(table: Any) -> list[Any]:
    return [c for c in table.columns if c.name not in DERIVED]


def plain(value: Any) -> Any:
    if isinstance(value, datetime):
        aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return aware.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def export_everything(db: Database, *, now: datetime, since: datetime | None = None) -> FullExport:
    """All data as one JSON-ready dict; with ``since``, only the customers changed since then
    (themselves or any of their contacts, activities, opportunities or notes) with all their
    records, the notes, changes and summary notes of that period, and every tag: what moves
    a salesperson's work between a laptop and the team database (``crm import`` skips what
    is already there by its UUID)."""
    from sqlalchemy import select

    out: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "schema": SCHEMA_HEAD,
        "exported_at": plain(now),
    }
    found = tables()
    if since is not None:
        out["since"] = plain(since)
        since = since.astimezone(UTC)  # the column type stores it as every instant is
    with db.engine.connect() as conn:
        for key, name in SECTIONS:
            table = found[name]
            cols = columns(table)
            order = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
            query = select(*cols)
            if since is not None:
                query = query.where(_changed_since(found, name, since))
            rows = conn.execute(query.order_by(*order))
            out[key] = [{c.name: plain(v) for c, v in zip(cols, row, strict=True)} for row in rows]
    for opportunity in out["opportunities"]:
        of_row(opportunity)  # json_dumps writes Money as its decimal string
    for record in out["service_records"]:
        of_row(record, "cost")
    for line in out["expense_lines"]:
        of_row(line)
    for event in out["events"]:
        of_row(event, "budget")
    return cast(FullExport, out)  # one key per SECTIONS entry, filled in the loop above


def _changed_since(found: dict[str, Table], name: str, since: datetime) -> Any:
    """The condition on ``name``'s rows for an export of what changed since ``since``."""
    from sqlalchemy import true, union

    def touched(table: str) -> Any:
        t = found[table]
        return select_column(t.c.customer_id).where(
            t.c.customer_id.is_not(None), t.c.updated_at >= since
        )

    customer = found["customer"]
    chosen = union(
        select_column(customer.c.id).where(customer.c.updated_at >= since),
        *(touched(t) for t in ("contact", "activity", "opportunity", "note")),
    )
    table = found[name]
    if name == "customer":
        return table.c.id.in_(chosen)
    if name in UNDER_CUSTOMER:
        return table.c.customer_id.in_(chosen)
    if name == "note":
        return table.c.customer_id.in_(chosen) | (
            table.c.customer_id.is_(None) & (table.c.updated_at >= since)
        )
    if name == "change":
        return table.c.at >= since
    if name == "summary_note":
        return table.c.updated_at >= since
    return true()  # tags: few, and a customer's tag links need them


def select_column(column: Any) -> Any:
    from sqlalchemy import select

    return select(column)
