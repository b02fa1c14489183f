"""File codecs for import and export: CSV, XLSX, vCard and iCalendar.

Pure functions over plain records (:class:`ContactRecord`, :class:`RowError`, the calendar
events): no database, no Textual, no Typer. The importers and exporters that match records
against the database build on these.

Names are loaded on first use: icalendar, openpyxl and charset-normalizer together cost a
quarter of a second to import, which a plain ``crm today`` should not pay.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE = {
    "parse_birthday": "dates",
    "decode_bytes": "encoding",
    "FIELDS": "headers",
    "parse_overrides": "headers",
    "ActionEvent": "ics",
    "BirthdayEvent": "ics",
    "write_calendar": "ics",
    "PHONE_TYPES": "model",
    "ContactRecord": "model",
    "FormatError": "model",
    "RowError": "model",
    "RowResult": "model",
    "clean_record": "model",
    "neutralise": "safety",
    "strip_controls": "safety",
    "unneutralise": "safety",
    "CSV_COLUMNS": "tabular_write",
    "Preview": "tabular",
    "csv_bytes": "tabular_write",
    "read_csv": "tabular",
    "read_table": "tabular",
    "read_xlsx": "tabular",
    "write_csv": "tabular_write",
    "write_xlsx": "tabular_write",
    "read_vcards": "vcard",
    "write_vcards": "vcard",
}

__all__ = [
    "ActionEvent",
    "BirthdayEvent",
    "CSV_COLUMNS",
    "ContactRecord",
    "FIELDS",
    "FormatError",
    "PHONE_TYPES",
    "Preview",
    "RowError",
    "RowResult",
    "clean_record",
    "csv_bytes",
    "decode_bytes",
    "neutralise",
    "parse_birthday",
    "parse_overrides",
    "read_csv",
    "read_table",
    "read_vcards",
    "read_xlsx",
    "strip_controls",
    "unneutralise",
    "write_calendar",
    "write_csv",
    "write_vcards",
    "write_xlsx",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from crmtui.services.formats.dates import parse_birthday
    from crmtui.services.formats.encoding import decode_bytes
    from crmtui.services.formats.headers import FIELDS, parse_overrides
    from crmtui.services.formats.ics import ActionEvent, BirthdayEvent, write_calendar
    from crmtui.services.formats.model import (
        PHONE_TYPES,
        ContactRecord,
        FormatError,
        RowError,
        RowResult,
        clean_record,
    )
    from crmtui.services.formats.safety import neutralise, strip_controls, unneutralise
    from crmtui.services.formats.tabular import Preview, read_csv, read_table, read_xlsx
    from crmtui.services.formats.tabular_write import CSV_COLUMNS, csv_bytes, write_csv, write_xlsx
    from crmtui.services.formats.vcard import read_vcards, write_vcards
