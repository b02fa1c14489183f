"""``crm import FILE``: contacts from CSV, XLSX and vCard files, or a full JSON export.

The file is read and every row checked first (errors are kept per row, with the line it starts
on); each record is matched against the database and the rows before it (``decisions``).
Then, unless it is a dry run, everything is written in **one transaction**: the import either
completes or leaves the database as it was, also when the process is killed halfway.

Duplicates are never added silently. Without ``on_duplicate`` an import that finds any writes
nothing and lists them; ``skip`` leaves the existing record alone, ``update`` fills it with the
incoming values (phones and tags are added to, not replaced), ``add`` adds the record anyway.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from crmtui.db.engine import Database
from crmtui.errors import InvalidInput
from crmtui.services.formats import ContactRecord, RowError
from crmtui.services.importing.decisions import Plan, own_export, plan_records
from crmtui.services.importing.matching import load_index
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
from crmtui.services.team.read import session_user
from crmtui.services.team.rules import keys_of

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
    # rows that became (or, dry, would become) a record, and rows that were not imported for an
    # error; ``complete`` only when no row was lost to an error
    imported_rows: int = 0
    not_imported: int = 0
    complete: bool = True
    # the name of each row with warnings, for ``--report`` (not part of the JSON report)
    row_names: dict[int, str] = field(default_factory=dict, repr=False)

    def as_dict(self) -> ImportReport:
        # asdict keeps the fields' order and types: ImportReport lists the same fields
        report = asdict(self)
        del report["row_names"]
        return cast(ImportReport, report)


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
    data: bytes, fmt: str, overrides: Mapping[str, str] | None, encoding: str | None = None
) -> tuple[FilePreview, list[tuple[int, ContactRecord | RowError]]]:
    """(preview, every row) of a CSV, XLSX or vCard file."""
    from crmtui.services import formats

    if fmt == "vcard":
        if overrides:
            raise InvalidInput("map-not-for-vcard")
        rows = list(formats.read_vcards(data, encoding=encoding))
        _apply_vcard_types(data, rows)
        return {
            "columns": None,
            "mapping": None,
            "unmapped": None,
            "encoding": None,
            "delimiter": None,
            "sheet": None,
            "rows": _shown(rows[:10]),
            "exporter": None,
        }, rows
    if fmt == "xlsx":
        preview, found = formats.read_xlsx(data, overrides)
    else:
        preview, found = formats.read_csv(data, overrides, encoding=encoding)
    return {
        "columns": preview.columns,
        "mapping": preview.mapping,
        "unmapped": preview.unmapped,
        "encoding": preview.encoding,
        "delimiter": preview.delimiter,
        "sheet": preview.sheet,
        "rows": _shown(preview.rows),
        "exporter": preview.exporter,
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


def _read_source(path: Path) -> bytes:
    """The bytes to import: the file, or every ``.vcf`` card of a folder (a vdir, as
    ``crm export contacts --split`` and khard or vdirsyncer keep them), one after another."""
    try:
        if not path.is_dir():
            return path.read_bytes()
        cards = sorted(path.glob("*.vcf"))
        if not cards:
            raise InvalidInput("folder-without-cards", path=path)
        return b"\n".join(card.read_bytes() for card in cards)
    except OSError as exc:
        raise InvalidInput("cannot-read-file", path=path, reason=exc.strerror) from exc


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
    encoding: str | None = None,
) -> ImportResult:
    """Import ``path``; see the module docstring."""
    started = time.perf_counter()
    if on_duplicate is not None and on_duplicate not in ON_DUPLICATE:
        raise InvalidInput("unknown-on-duplicate", choices=ON_DUPLICATE)
    data = _read_source(path)
    if path.is_dir():
        fmt = fmt or "vcard"
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
    with _no_cycle_collection():
        _import_rows(db, data, fmt, result, now, overrides, region, progress, encoding)
    _count_rows(result)
    result.seconds = round(time.perf_counter() - started, 3)
    return result


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while an import builds its records.

    An import makes a few objects per cell and keeps them all until it is written; the
    collector, run every few hundred allocations, walks all of them again each time, which on
    100,000 rows cost more than a third of the import. The few cycles made meanwhile are
    collected after it, when the collector is on again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import_rows(
    db: Database,
    data: bytes,
    fmt: str,
    result: ImportResult,
    now: datetime,
    overrides: Mapping[str, str] | None,
    region: str | None,
    progress: Progress | None,
    encoding: str | None,
) -> None:
    """Read, check, decide and (unless a dry run) write the rows of a contacts file."""
    on_duplicate, dry_run = result.on_duplicate, result.dry_run
    result.preview, rows = read_records(data, fmt, overrides, encoding)
    result.rows = len(rows)
    own = own_export(data, fmt, result.preview)
    if dry_run:
        with db.reader() as reader:
            plan = plan_records(
                rows, load_index(reader.rows), result, region, on_duplicate, progress, own=own
            )
    else:
        with db.session() as session:
            conn = session.connection()
            plan = plan_records(
                rows,
                load_index(session_rows(conn)),
                result,
                region,
                on_duplicate,
                progress,
                own=own,
            )
            # the records are in the plan now: their memory is reused for the rows written
            del rows
            if not result.needs_choice:
                _write(session, plan, now=now, region=region, progress=progress)
                result.written = bool(plan.new or plan.updates)


def _count_rows(result: ImportResult) -> None:
    result.not_imported = len(result.errors)
    result.imported_rows = result.rows - result.not_imported - len(result.skipped)
    if result.needs_choice:
        result.imported_rows -= len({d["line"] for d in result.duplicates})
        if not result.dry_run:
            result.imported_rows = 0  # nothing was written
    result.complete = not result.errors


def _write(
    session: Any, plan: Plan, *, now: datetime, region: str | None, progress: Progress | None
) -> None:
    from crmtui.services.common.names import sort_key
    from crmtui.services.importing.rows import (
        BulkWriter,
        contact_doc,
        customer_doc,
        pinyin_many,
        uuid4_texts,
    )

    writer = BulkWriter(session.connection(), now)
    total, done = len(plan.new) * 2, 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress("writing", done, total)

    customers = [e for e in plan.new if e.kind != "contact"]
    contacts = [e for e in plan.new if e.kind == "contact"]
    me = session_user(session)
    uuids = uuid4_texts(len(plan.new))
    for e in customers:
        assert e.values is not None
        e.values["pinyin"] = pinyin_many(e.values["name"], e.values["company_name"])
        e.values["sort_key"] = sort_key(e.values["name"])
        keys = keys_of(
            name=e.values["name"],
            company_name=e.values.get("company_name"),
            phones=e.values.get("phones") or [],
            email=e.values.get("email"),
        )
        # Owned by whoever imports them, and findable by the duplicate check (撞单).
        e.values.update(
            name_key=keys.name_key, phone_keys=keys.phone_text, owner=me, owned_since=writer.stamp
        )
        # the UUID every write through the ORM gives; left to SQLite's trigger, each row would
        # be written twice (the trigger updates the row it has just inserted)
        if "uuid" not in e.values:
            e.values["uuid"] = next(uuids)
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
        if "uuid" not in e.values:
            e.values["uuid"] = next(uuids)
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
