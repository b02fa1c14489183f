"""Contacts in CSV and XLSX files: reading any reasonable sheet (writing is in ``tabular_write``).

Reading returns a :class:`Preview` (what was detected and how columns map, with the first rows)
and an iterator over every row as ``(line, ContactRecord | RowError)``. Lines are physical
lines of a CSV file (a quoted cell may span several) or row numbers of a sheet.

Lists (phones, emails, tags) share one cell, items separated by ``"; "``; a separator or
backslash inside an item is escaped with a backslash (``Acme\\, Inc``). Phones carry their type
as a label: ``mobile: 138 0013 8000; work: 010-6552 9988``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from crmtui.services.formats.cells import (
    SCIENTIFIC_PHONE,
    cell_text,
    compose_name,
    labelled_phone,
    scientific_number,
    split_values,
)
from crmtui.services.formats.dates import parse_birthday
from crmtui.services.formats.encoding import decode_bytes
from crmtui.services.formats.exporters import STRUCTURED, assemble, recognise, split_groups
from crmtui.services.formats.headers import EXTRA_PREFIX, map_columns, unique_titles
from crmtui.services.formats.model import (
    ContactRecord,
    FormatError,
    RowError,
    RowResult,
    clean_record,
    keep_raw,
    name_from_email,
)
from crmtui.services.formats.safety import unneutralise

_PHONE_TARGETS = {
    "mobile": "mobile",
    "work_phone": "work",
    "home_phone": "home",
    "fax": "fax",
    "other_phone": "other",
}
# a row with only an e-mail address is named after it (Outlook and Thunderbird write such rows)
_NAME_TARGETS = frozenset({"name", "given_name", "family_name", "company", "email"})
_LUNAR = ("农历", "阴历", "lunar")
_NO_DATE = re.compile(r"[0/.-]*")
_SEP_HINT = re.compile(r"sep=(.)\r?\n")
_SNIFF_CHARS = 1 << 16
_ZIP_MAGIC, _OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

RawRows = Callable[[], Iterator[tuple[int, list[str]]]]


@dataclass(frozen=True)
class Preview:
    """What a reader found, for the user to check before importing.

    ``mapping`` maps each used column label to its target (a field name or ``extra:<key>``);
    ``unmapped`` lists the labels of ignored columns; ``rows`` are the first rows as read.
    """

    encoding: str | None
    delimiter: str | None
    columns: list[str]
    mapping: dict[str, str]
    unmapped: list[str]
    rows: list[RowResult]
    sheet: str | None = None
    exporter: str | None = None  # the program whose export this is, when recognised


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter (comma, semicolon, tab or bar) that splits the first rows evenly."""
    best, best_score = ",", (0.0, 1)
    for delimiter in (",", ";", "\t", "|"):
        try:
            rows = [r for r in _first_rows(text, delimiter, 30) if r]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        even = sum(len(r) == width for r in rows[1:]) / max(len(rows) - 1, 1)
        if (even, width) > best_score:
            best, best_score = delimiter, (even, width)
    return best


def _first_rows(text: str, delimiter: str, count: int) -> list[list[str]]:
    """The first ``count`` rows of ``text``, read from its first 64 KiB when they are in it:
    a reader over the whole text copies all of it first (tens of megabytes for a large file,
    once per delimiter tried). When a row after them began there, they are complete."""
    head = text[:_SNIFF_CHARS]
    if len(head) < len(text):
        try:
            rows = list(
                islice(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), count + 1)
            )
        except csv.Error:
            rows = []  # read again from the whole text, which says where
        if len(rows) > count:
            return rows[:count]
    return list(islice(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), count))


def read_csv(
    data: bytes,
    overrides: Mapping[str, str] | None = None,
    *,
    preview_rows: int = 10,
    encoding: str | None = None,
) -> tuple[Preview, Iterator[RowResult]]:
    """Read a CSV file's bytes: detect encoding (unless given) and delimiter, map the columns.

    ``overrides`` maps column titles to field names (see ``headers.resolve_field``).
    Raises :class:`FormatError` for a file that cannot be read at all.
    """
    text, encoding = decode_bytes(data, encoding)
    hint = _SEP_HINT.match(text)  # Excel's "sep=;" first line
    delimiter = hint.group(1) if hint else sniff_delimiter(text)

    def rows() -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        start = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise FormatError("bad-csv", line=start, reason=exc) from None
            if not (hint and start == 1):
                yield start, row
            start = reader.line_num + 1

    return _open(rows, overrides, preview_rows, encoding=encoding, delimiter=delimiter)


def read_xlsx(
    data: bytes,
    overrides: Mapping[str, str] | None = None,
    *,
    preview_rows: int = 10,
    sheet: str | None = None,
) -> tuple[Preview, Iterator[RowResult]]:
    """Read an .xlsx workbook's bytes (first sheet unless ``sheet`` is named)."""

    def load() -> Any:
        try:
            return _openpyxl().load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # zip, XML and openpyxl errors all mean the same to the user
            raise FormatError("bad-xlsx", reason=exc) from None

    def worksheet(book: Any) -> Any:
        if sheet is None:
            return book.worksheets[0]
        if sheet not in book.sheetnames:
            raise FormatError("no-such-sheet", sheet=sheet, choices=book.sheetnames)
        return book[sheet]

    def rows() -> Iterator[tuple[int, list[str]]]:
        book = load()
        try:
            for number, row in enumerate(worksheet(book).iter_rows(values_only=True), start=1):
                yield number, [cell_text(value) for value in row]
        finally:
            book.close()

    book = load()
    title = worksheet(book).title
    book.close()
    return _open(rows, overrides, preview_rows, sheet=title)


def read_table(
    data: bytes,
    overrides: Mapping[str, str] | None = None,
    *,
    preview_rows: int = 10,
    encoding: str | None = None,
) -> tuple[Preview, Iterator[RowResult]]:
    """Read a CSV or XLSX file, telling them apart by content rather than by file name.

    ``encoding`` applies to CSV only; see :func:`read_csv` and :func:`read_xlsx`.
    """
    if data.startswith(_ZIP_MAGIC):
        return read_xlsx(data, overrides, preview_rows=preview_rows)
    if data.startswith(_OLE_MAGIC):
        raise FormatError("old-xls")
    return read_csv(data, overrides, preview_rows=preview_rows, encoding=encoding)


def _openpyxl() -> Any:
    import openpyxl  # type: ignore[import-untyped]  # 90 ms: loaded only for a workbook

    return openpyxl


def _open(
    rows: RawRows,
    overrides: Mapping[str, str] | None,
    preview_rows: int,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> tuple[Preview, Iterator[RowResult]]:
    header_line, header = next(((n, r) for n, r in rows() if any(c.strip() for c in r)), (0, []))
    if not header:
        raise FormatError("file-no-rows")
    labels = unique_titles(header)
    targets = map_columns(labels, overrides)
    if not _NAME_TARGETS.intersection(t for t in targets if t):
        raise FormatError("no-name-column", choices=labels)

    def records() -> Iterator[RowResult]:
        for line, cells in rows():
            if line > header_line and any(c.strip() for c in cells):
                yield line, _record(line, cells, targets, labels)

    preview = Preview(
        encoding=encoding,
        delimiter=delimiter,
        columns=labels,
        mapping={label: t for label, t in zip(labels, targets, strict=True) if t},
        unmapped=[label for label, t in zip(labels, targets, strict=True) if not t],
        rows=list(islice(records(), preview_rows)),
        sheet=sheet,
        exporter=recognise(labels),
    )
    return preview, records()


def _phones(record: ContactRecord, target: str, text: str, label: str) -> list[tuple[str, str]]:
    """The phones of one cell; a spreadsheet-mangled number is left out with a warning."""
    found = []
    if target == "phones":
        items = [labelled_phone(item) for item in split_values(text)]
    else:
        items = [(_PHONE_TARGETS[target], item) for item in split_values(text)]
    for kind, number in items:
        if scientific_number(number):
            message = SCIENTIFIC_PHONE.format(value=number.strip())
            record.warnings.append({"column": label, "value": number.strip(), "message": message})
        else:
            found.append((kind, number))
    return found


def _record(
    line: int, cells: list[str], targets: list[str | None], labels: list[str] | None = None
) -> ContactRecord | RowError:
    if any(c.strip() for c in cells[len(targets) :]):
        return RowError(line, f"the row has {len(cells)} cells, the header only {len(targets)}")
    record = ContactRecord(name="")
    notes: list[str] = []
    single: dict[str, str] = {}
    structured: dict[str, str] = {}
    for column, (target, raw) in enumerate(zip(targets, cells, strict=False)):
        text = unneutralise(raw)
        if target is None or not text.strip():
            continue
        if target == "phones" or target in _PHONE_TARGETS:
            label = labels[column] if labels and column < len(labels) else f"column {column + 1}"
            record.phones += _phones(record, target, text, label)
        elif target == "email":
            record.emails += split_values(text)
        elif target == "tags":
            record.tags += split_groups(text) if ":::" in text else split_values(text)
        elif target.startswith(STRUCTURED):
            structured[target] = text
        elif target == "notes":
            notes.append(text)
        elif target.startswith(EXTRA_PREFIX):
            record.extra[target[len(EXTRA_PREFIX) :]] = text
        else:
            single.setdefault(target, text)
    record.name = single.get("name") or compose_name(
        single.get("given_name"), single.get("family_name"), single.get("middle_name")
    )
    record.company, record.role = single.get("company"), single.get("role")
    record.address, record.city = single.get("address"), single.get("city")
    record.country, record.website = single.get("country"), single.get("website")
    record.notes = "\n".join(notes) or None
    birthday = single.get("birthday", "").strip()
    if structured:
        birthday = assemble(record, structured) or birthday
    if _NO_DATE.fullmatch(birthday):
        birthday = ""  # Outlook writes 0/0/00 for "no birthday"
    if birthday:
        if birthday.casefold().startswith(_LUNAR):
            # Lunar birthdays need a calendar conversion the codecs do not do; keep the text.
            record.extra["lunar_birthday"] = birthday
        else:
            try:
                record.birthday = parse_birthday(birthday)
            except ValueError as exc:
                where = labels[targets.index("birthday")] if labels else "birthday"
                keep_raw(record, "birthday", birthday, f"birthday {birthday!r} {exc}", where)
    record = clean_record(record)
    name_from_email(record, "email")
    if not record.name:
        return RowError(line, "the row has neither a name nor a company")
    return record
