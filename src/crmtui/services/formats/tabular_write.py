"""Contacts written as CSV and XLSX files that the reader (``tabular``) reads back exactly.

Writing uses the fixed columns :data:`CSV_COLUMNS` plus one ``extra:<key>`` column per extra
field, all recognised by the reader, so export → import gives back the clean records exactly.
Lists (phones, emails, tags) share one cell, items separated by ``"; "``; a separator or
backslash inside an item is escaped with a backslash (``Acme\\, Inc``). Phones carry their type
as a label: ``mobile: 138 0013 8000; work: 010-6552 9988``. Every cell is passed through
:func:`~crmtui.services.formats.safety.neutralise` against formula injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from crmtui.services.formats.cells import join_values
from crmtui.services.formats.headers import EXTRA_PREFIX
from crmtui.services.formats.model import ContactRecord, clean_key, phone_type
from crmtui.services.formats.safety import neutralise, strip_controls
from crmtui.services.formats.tabular import _openpyxl

#: The columns :func:`write_csv` writes, before the ``extra:<key>`` ones.
CSV_COLUMNS: tuple[str, ...] = (
    "Name",
    "Company",
    "Role",
    "Phones",
    "Emails",
    "Birthday",
    "Address",
    "City",
    "Country",
    "Website",
    "Notes",
    "Tags",
)
# The same columns titled in Chinese, each a title the reader maps to the same field.
CSV_COLUMNS_ZH: tuple[str, ...] = (
    "姓名",
    "公司",
    "职务",
    "电话列表",
    "邮箱",
    "生日",
    "地址",
    "城市",
    "国家",
    "网址",
    "备注",
    "标签",
)


def write_csv(records: Iterable[ContactRecord], fh: IO[str]) -> None:
    """Write records as CSV to a text stream opened with ``newline=""``.

    Use ``encoding="utf-8-sig"`` for files meant for Excel: without the BOM, Excel on a Chinese
    Windows reads UTF-8 as GBK. :func:`csv_bytes` does that for you. The records are gathered
    first, because the ``extra:<key>`` columns depend on all of them.
    """
    writer = csv.writer(fh)
    for row in _table(records):
        writer.writerow([neutralise(cell) for cell in row])


def csv_bytes(records: Iterable[ContactRecord]) -> bytes:
    """The CSV of :func:`write_csv` as UTF-8 bytes with a BOM, ready to save."""
    buffer = io.StringIO(newline="")
    write_csv(records, buffer)
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(records: Iterable[ContactRecord], fh: IO[bytes]) -> None:
    """Write records as an .xlsx workbook with the same columns as :func:`write_csv`.

    The XML inside a workbook cannot hold control characters, so those are dropped.
    """
    book = _openpyxl().Workbook(write_only=True)
    sheet = book.create_sheet("Contacts")
    # Neutralising comes after stripping: dropping a control can expose a trigger ("\x00=1").
    for row in _table(records, strip_controls):
        sheet.append([neutralise(cell) for cell in row])
    book.save(fh)


def csv_columns() -> tuple[str, ...]:
    """The column titles of an export: :data:`CSV_COLUMNS`, or their Chinese titles when the
    interface speaks Chinese (:data:`CSV_COLUMNS_ZH`; the reader knows both)."""
    from crmtui.l10n import chinese

    return CSV_COLUMNS_ZH if chinese() else CSV_COLUMNS


def _table(
    records: Iterable[ContactRecord], text: Callable[[str], str] = str
) -> Iterator[list[str]]:
    """The header and one row of cells per record, before neutralising.

    ``text`` is applied to every single value before list values are joined, so that what it
    does (dropping controls, CR → LF) cannot create or hide a separator.
    """

    def t(value: str | None) -> str:
        return text(value) if value else ""

    records = list(records)
    keys = sorted({k for r in records for k in map(clean_key, r.extra) if k})
    yield [*csv_columns(), *(EXTRA_PREFIX + t(k) for k in keys)]
    for r in records:
        extra = {clean_key(k): v for k, v in r.extra.items()}
        yield [
            t(r.name),
            t(r.company),
            t(r.role),
            join_values(f"{phone_type(kind)}: {t(number)}" for kind, number in r.phones),
            join_values(map(t, r.emails)),
            t(r.birthday),
            t(r.address),
            t(r.city),
            t(r.country),
            t(r.website),
            t(r.notes),
            join_values(map(t, r.tags)),
            *(t(extra.get(k)) for k in keys),
        ]
