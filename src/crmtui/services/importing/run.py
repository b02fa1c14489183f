"""``crm import FILE``: contacts from CSV, XLSX and vCard files, or a full JSON export.

The file is read and every row checked first (errors are kept per row, with the line it starts
on); each record is matched against the database and the rows before it (``import_plan``).
Then, unless it is a dry run, everything is written in **one transaction**: the import either
completes or leaves the database as it was, also when the process is killed halfway.

Duplicates are never added silently. Without ``on_duplicate`` an import that finds any writes
nothing and lists them; ``skip`` leaves the existing record alone, ``update`` fills it with the
incoming values (phones and tags are added to, not replaced), ``add`` adds the record anyway.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from crmtui.db.engine import Database
from crmtui.errors import CrmError, InvalidInput
from crmtui.services.formats import ContactRecord, RowError
from crmtui.services.importing.matching import Entity, Index, Spec, convert, load_index, merge
from crmtui.services.importing.types import (
    Duplicate,
    ErrorRow,
    FilePreview,
    ImportReport,
    RowWarning,
    ShownRow,
    Skipped,
    TablesPreview,
)
from crmtui.services.importing.update import customer_names, session_rows, update_existing

FORMATS = ("csv", "xlsx", "vcard", "json")
ON_DUPLICATE = ("skip", "update", "add")
_SUFFIXES = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".vcf": "vcard",
    ".vcard": "vcard",
    ".json": "json",
}

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do)."""

    file: str
    format: str
    dry_run: bool
    on_duplicate: str | None
    preview: FilePreview | TablesPreview | None = None
    rows: int = 0
    added_customers: int = 0
    added_contacts: int = 0
    updated: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[ErrorRow] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    # rows imported without something they held: {"line", "column", "value", "message"}
    warnings: list[RowWarning] = field(default_factory=list)
    needs_choice: bool = False
    written: bool = False
    restored: dict[str, int] | None = None
    seconds: float = 0.0

    def as_dict(self) -> ImportReport:
        # asdict keeps the fields' order and types: ImportReport lists the same fields
        return cast(ImportReport, asdict(self))


def detect_format(path: Path, data: bytes) -> str:
    """The format from the file's content, else from its name."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:11].upper() == b"BEGIN:VCARD":
        return "vcard"
    if head[:1] == b"{":
        return "json"
    return _SUFFIXES.get(path.suffix.lower(), "csv")


def read_records(
    data: bytes, fmt: str, overrides: Mapping[str, str] | None
) -> tuple[FilePreview, list[tuple[int, ContactRecord | RowError]]]:
    """(preview, every row) of a CSV, XLSX or vCard file."""
    from crmtui.services import formats

    if fmt == "vcard":
        if overrides:
            raise InvalidInput("map-not-for-vcard")
        rows = list(formats.read_vcards(data))
        _apply_vcard_types(data, rows)
        return {
            "columns": None,
            "mapping": None,
            "unmapped": None,
            "encoding": None,
            "delimiter": None,
            "sheet": None,
            "rows": _shown(rows[:10]),
        }, rows
    reader = formats.read_xlsx if fmt == "xlsx" else formats.read_csv
    preview, found = reader(data, overrides)
    return {
        "columns": preview.columns,
        "mapping": preview.mapping,
        "unmapped": preview.unmapped,
        "encoding": preview.encoding,
        "delimiter": preview.delimiter,
        "sheet": preview.sheet,
        "rows": _shown(preview.rows),
    }, list(found)


def _apply_vcard_types(data: bytes, rows: list[tuple[int, ContactRecord | RowError]]) -> None:
    """Read our own ``X-CRMTUI-TYPE`` property, which the vCard codec skips, into ``extra``."""
    import re

    from crmtui.services.exporting.contacts import TYPE_PROPERTY

    if TYPE_PROPERTY.encode() not in data:
        return
    kinds: dict[int, str] = {}
    begin = 0
    text = data.decode("utf-8", errors="replace")
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            begin = number
        elif upper.startswith(TYPE_PROPERTY + ":"):
            kinds[begin] = line.split(":", 1)[1].strip().lower()
    for line_number, item in rows:
        if isinstance(item, ContactRecord) and line_number in kinds:
            item.extra["type"] = kinds[line_number]


def _shown(rows: list[tuple[int, ContactRecord | RowError]]) -> list[ShownRow]:
    return [
        {"line": line, "error": item.message}
        if isinstance(item, RowError)
        else {"line": line, "record": asdict(item)}
        for line, item in rows
    ]


def import_file(
    db: Database,
    path: Path,
    *,
    now: datetime,
    fmt: str | None = None,
    overrides: Mapping[str, str] | None = None,
    dry_run: bool = False,
    on_duplicate: str | None = None,
    region: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import ``path``; see the module docstring."""
    started = time.perf_counter()
    if on_duplicate is not None and on_duplicate not in ON_DUPLICATE:
        raise InvalidInput("unknown-on-duplicate", choices=ON_DUPLICATE)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput("cannot-read-file", path=path, reason=exc.strerror) from exc
    fmt = fmt or detect_format(path, data)
    if fmt not in FORMATS:
        raise InvalidInput("unknown-format", fmt=fmt, choices=FORMATS)
    result = ImportResult(file=str(path), format=fmt, dry_run=dry_run, on_duplicate=on_duplicate)
    if fmt == "json":
        from crmtui.services.importing.json_restore import restore_json

        if overrides:
            raise InvalidInput("map-not-for-json")
        restore_json(db, data, now=now, result=result, progress=progress)
        result.seconds = round(time.perf_counter() - started, 3)
        return result
    result.preview, rows = read_records(data, fmt, overrides)
    result.rows = len(rows)
    own = _own_export(data, fmt, result.preview)
    if dry_run:
        with db.reader() as reader:
            plan = _plan(
                rows, load_index(reader.rows), result, region, on_duplicate, progress, own=own
            )
    else:
        with db.session() as session:
            conn = session.connection()
            plan = _plan(
                rows,
                load_index(session_rows(conn)),
                result,
                region,
                on_duplicate,
                progress,
                own=own,
            )
            if not result.needs_choice:
                _write(session, plan, now=now, region=region, progress=progress)
                result.written = True
    result.seconds = round(time.perf_counter() - started, 3)
    return result


@dataclass
class Plan:
    new: list[Entity] = field(default_factory=list)  # in file order; companies before contacts
    updates: list[tuple[Entity, Spec]] = field(default_factory=list)  # existing records


def _own_export(data: bytes, fmt: str, preview: FilePreview | None) -> bool:
    """Whether the file is crmtui's own contacts export (its record type column or property).

    Its rows are distinct records by construction (two companies may share a name or a phone)
    and each contact follows the customer it belongs to.
    """
    from crmtui.services.exporting.contacts import TYPE_PROPERTY

    if fmt == "vcard":
        return TYPE_PROPERTY.encode() in data
    columns = (preview["columns"] if preview else None) or []
    return any(str(c).strip().casefold() == "extra:type" for c in columns)


def _plan(
    rows: list[tuple[int, ContactRecord | RowError]],
    index: Index,
    result: ImportResult,
    region: str | None,
    on_duplicate: str | None,
    progress: Progress | None,
    *,
    own: bool = False,
) -> Plan:
    plan = Plan()
    next_key = -1
    last_customer: Entity | None = None  # in our own export, the customer a contact row follows

    def planned(
        kind: str,
        spec_values: dict[str, Any],
        tags: list[str],
        line: int,
        customer_key: int | None = None,
        placeholder: bool = False,
    ) -> Entity:
        nonlocal next_key
        entity = Entity(
            next_key,
            kind,
            spec_values["name"],
            customer_key,
            spec_values,
            list(dict.fromkeys(tags)),
            line,
            placeholder,
        )
        next_key -= 1
        plan.new.append(entity)
        index.add(
            entity, spec_values["phones"], spec_values["email"], spec_values.get("company_name")
        )
        return entity

    total = len(rows)
    for done, (line, item) in enumerate(rows, start=1):
        if progress is not None and done % 1000 == 0:
            progress("checking", done, total)
        if isinstance(item, RowError):
            result.errors.append({"line": line, "message": item.message})
            continue
        try:
            spec = convert(item, region)
        except CrmError as exc:
            result.errors.append({"line": line, "message": str(exc)})
            continue
        # a reader's warning is {"column", "value", "message"} (formats.ContactRecord)
        result.warnings += [cast(RowWarning, {"line": line, **w}) for w in item.warnings]
        company = None
        if spec.kind == "contact":
            assert spec.company is not None
            follows = (
                own
                and last_customer is not None
                and _norm(last_customer.name) == _norm(spec.company["name"])
            )
            company = last_customer if follows else index.companies.get(_norm(spec.company["name"]))
            if company is None or company.trashed:  # people are not added to the trash
                company = planned("company", spec.company, spec.tags, line, placeholder=True)
            elif company.values is not None:  # planned earlier in this file: fill its blanks
                _fill(company, spec.company, spec.tags)
        elif spec.kind == "company":
            found = index.companies.get(_norm(spec.values["name"]))
            if found is not None and found.placeholder:
                _fill(found, spec.values, spec.tags, overwrite=True)
                found.placeholder = False
                index.add(found, spec.values["phones"], spec.values["email"])
                continue
        match = index.find(spec, company)
        if own and match is not None and match[0].key < 0:
            match = None  # rows of our own export are different records, however alike
        if match is not None:
            entity, reason = match
            if spec.kind != "contact":
                last_customer = entity
            in_file = entity.key < 0  # like an earlier row of this file, not a stored record
            result.duplicates.append(
                {
                    "line": line,
                    "name": spec.values["name"],
                    "reason": reason,
                    "matches": entity.label(),
                    "in_file": in_file,
                    "matches_line": entity.line if in_file else None,
                    "kind": "contact" if spec.kind == "contact" else "customer",
                }
            )
            if on_duplicate is None:
                result.needs_choice = True
                continue
            if on_duplicate == "skip":
                result.skipped.append(
                    {"line": line, "name": spec.values["name"], "reason": f"duplicate: {reason}"}
                )
                continue
            if on_duplicate == "update":
                if entity.key < 0:
                    _fill(entity, spec.values, spec.tags, overwrite=True)
                else:
                    plan.updates.append((entity, spec))
                    result.updated += 1
                continue
        if spec.kind == "contact":
            assert company is not None
            planned("contact", spec.values, [], line, customer_key=company.key)
            if spec.tags and company.values is not None:
                company.tags = list(dict.fromkeys(company.tags + spec.tags))
        else:
            last_customer = planned(spec.kind, spec.values, spec.tags, line)
    result.added_customers = sum(e.kind != "contact" for e in plan.new)
    result.added_contacts = sum(e.kind == "contact" for e in plan.new)
    return plan


def _norm(name: str) -> str:
    from crmtui.services.importing.matching import norm_name

    return norm_name(name)


def _fill(
    entity: Entity, values: dict[str, Any], tags: list[str], *, overwrite: bool = False
) -> None:
    """Merge values into a planned record: blanks only, or every non-empty value."""
    assert entity.values is not None
    changes = merge(entity.values, values)
    for key, value in changes.items():
        if overwrite or key == "phones" or entity.values.get(key) in (None, "", False):
            entity.values[key] = value
    entity.tags = list(dict.fromkeys(entity.tags + tags))


def _write(
    session: Any, plan: Plan, *, now: datetime, region: str | None, progress: Progress | None
) -> None:
    from crmtui.services.common.names import sort_key
    from crmtui.services.importing.rows import BulkWriter, contact_doc, customer_doc, pinyin_many

    writer = BulkWriter(session.connection(), now)
    total, done = len(plan.new) * 2, 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress("writing", done, total)

    customers = [e for e in plan.new if e.kind != "contact"]
    contacts = [e for e in plan.new if e.kind == "contact"]
    for e in customers:
        assert e.values is not None
        e.values["pinyin"] = pinyin_many(e.values["name"], e.values["company_name"])
        e.values["sort_key"] = sort_key(e.values["name"])
    ids = dict(
        zip(
            (e.key for e in customers),
            writer.insert("customer", [e.values or {} for e in customers], progress=step),
            strict=True,
        )
    )
    names = {e.key: (e.values or {}).get("name", e.name) for e in customers}
    for e in contacts:
        assert e.values is not None and e.customer_key is not None
        e.values["pinyin"] = pinyin_many(e.values["name"])
        e.values["customer_id"] = ids.get(e.customer_key, e.customer_key)
    contact_ids = writer.insert("contact", [e.values or {} for e in contacts], progress=step)
    tag_ids = writer.tag_ids(t for e in customers for t in e.tags)
    writer.insert(
        "customertag",
        [{"customer_id": ids[e.key], "tag_id": tag_ids[t]} for e in customers for t in e.tags],
        stamped=False,
    )
    existing_names = customer_names(
        session, [e.customer_key for e in contacts if e.customer_key and e.customer_key > 0]
    )
    docs = [
        {
            "customer_id": ids[e.key],
            "contact_id": None,
            "text": customer_doc(e.values or {}, e.tags),
        }
        for e in customers
    ]
    docs += [
        {
            "customer_id": e.values["customer_id"],
            "contact_id": cid,
            "text": contact_doc(
                e.values, names.get(e.customer_key or 0) or existing_names.get(e.customer_key)
            ),
        }
        for e, cid in zip(contacts, contact_ids, strict=True)
        if e.values
    ]
    writer.insert("search_doc", docs, stamped=False, progress=step)
    for entity, spec in plan.updates:
        update_existing(session, entity, spec, now=now, region=region)
