"""Restoring a full JSON export (``export_json``) with ``crm import FILE.json``.

Into an empty database the rows keep their ids, so a restore followed by an export gives the
same file back. Into a database that already holds data every row gets a new id and the links
between rows follow; customers already there (same phone, email or name: ``import_plan``) are
duplicates, handled as ``--on-duplicate`` says: ``skip`` leaves out the customer and all its
records, ``update`` fills the existing customer and adds the incoming records to it, ``add``
adds it anyway. Search text and pinyin are rebuilt for the new rows. One transaction.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from crmtui.db.engine import KNOWN_REVISIONS, Database
from crmtui.errors import InvalidInput
from crmtui.services.common.names import normalise_name
from crmtui.services.exporting.json_dump import (
    FORMAT,
    MONEY_COLUMNS,
    SECTIONS,
    VERSION,
    columns,
    tables,
)
from crmtui.services.importing.json_links import MONEY, drop_outside_links
from crmtui.services.importing.json_money import MONEY_COUNTED
from crmtui.services.importing.json_restorer import Restorer
from crmtui.services.team.read import team_ready

if TYPE_CHECKING:
    from crmtui.services.importing.run import ImportResult, Progress

COUNTED = (
    "customer",
    "contact",
    "opportunity",
    "activity",
    "note",
    "tag",
    "summary_note",
    "announcement",
    "competitor",
    "event",
    "expense_claim",
    *MONEY_COUNTED,
)


def _load(data: bytes) -> dict[str, Any]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput("json-unreadable", reason=exc) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InvalidInput("json-not-export")
    version = doc.setdefault("version", 1)  # the first exports all say 1
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidInput("json-unknown-version", version=version)
    if version > VERSION:
        raise InvalidInput("json-newer-version", version=version)
    if str(doc.get("schema")) not in KNOWN_REVISIONS:
        raise InvalidInput("json-newer-schema", schema=doc.get("schema"))
    return doc


def _stored_amount(value: Any, version: int) -> int:
    """A money amount (an opportunity's, a service's cost) in minor units, from either file version.

    Version 1 wrote integer minor units (``1200050``), version 2 a decimal string
    (``"12000.50"``). Each accepts only its own form: an integer in a version 2 file could mean
    either unit, and a string in a version 1 file would be stored a hundred times too small.
    """
    from crmtui.numbers import amount_minor

    if version == 1:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise ValueError("a version 1 export holds whole minor units, e.g. 1200050")
    if not isinstance(value, str):
        raise ValueError('a version 2 export holds a decimal string, e.g. "12000.50"')
    try:
        return amount_minor(value)
    except InvalidInput as exc:
        raise ValueError(str(exc)) from None


def _typed(table: Any, row: Any, where: str, version: int) -> dict[str, Any]:
    """A JSON row as column values of ``table``; raises InvalidInput for what does not fit."""
    from sqlalchemy import JSON, Boolean, Date, DateTime, TypeDecorator

    if not isinstance(row, dict):
        raise InvalidInput("json-expected-object", where=where)
    known = {c.name: c for c in columns(table)}
    unknown = set(row) - set(known)
    if unknown:
        raise InvalidInput("json-unknown-field", where=where, name=sorted(unknown)[0])
    out: dict[str, Any] = {}
    for name, column in known.items():
        value = row.get(name)
        kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
        try:
            if value is None:
                if name == "phones":
                    value = []
            elif (table.name, name) in MONEY:
                value = _stored_amount(value, version)
            elif name in MONEY_COLUMNS.get(table.name, ()):
                value = _stored_amount(value, 2)
            elif isinstance(kind, DateTime):
                parsed = datetime.fromisoformat(value)
                value = parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
            elif isinstance(kind, Date):
                value = date.fromisoformat(value)
            elif isinstance(kind, Boolean):
                value = bool(value)
            elif isinstance(kind, JSON):
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValueError("expected a list of texts")
        except (TypeError, ValueError) as exc:
            raise InvalidInput(
                "json-value-does-not-fit", where=where, name=name, value=value, reason=exc
            ) from None
        if name in ("name", "company_name") and table.name in ("customer", "contact") and value:
            value = normalise_name(str(value))  # the same form every other write path stores
        out[name] = value
    return out


def restore_json(
    db: Database,
    data: bytes,
    *,
    now: datetime,
    result: ImportResult,
    progress: Progress | None = None,
) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError, StatementError

    doc = _load(data)
    found = tables()
    rows: dict[str, list[dict[str, Any]]] = {}
    for key, name in SECTIONS:
        items = doc.get(key, [])
        if not isinstance(items, list):
            raise InvalidInput("json-expected-list", key=key)
        version = doc["version"]
        rows[name] = [_typed(found[name], r, f"{key}[{i}]", version) for i, r in enumerate(items)]
    drop_outside_links(rows)
    result.rows = sum(len(v) for v in rows.values())
    result.preview = {"tables": {k: len(doc.get(k, [])) for k, _ in SECTIONS}}
    try:
        with db.session() as session:
            conn = session.connection()
            # A salesperson's view of a team database may look empty; the ids are not free.
            empty = not team_ready(session) and not any(
                conn.execute(text(f"SELECT 1 FROM {t} LIMIT 1")).first() for t in COUNTED
            )
            restorer = Restorer(conn, now, rows, result, progress)
            if empty:
                restorer.exact()
            else:
                restorer.merge(session)
            if result.dry_run or result.needs_choice:
                raise _Rollback
            result.written = True
    except _Rollback:
        pass
    except (IntegrityError, StatementError) as exc:
        detail = str(getattr(exc, "orig", exc)).splitlines()[0]
        raise InvalidInput("json-does-not-fit", detail=detail) from None


class _Rollback(Exception):
    """Ends a dry run (or an import that needs a choice) by rolling its transaction back."""
