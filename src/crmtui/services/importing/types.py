"""What the importing area returns: an import's report (``crm import --json``) and its parts.

TypedDicts: ``--json`` prints them as they are, so their keys are the JSON interface.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class ShownRow(TypedDict):
    """A row of the preview: the record as read, or why it could not be read."""

    line: int
    error: NotRequired[str]
    record: NotRequired[dict[str, Any]]  # a formats.ContactRecord as asdict() gives it


class FilePreview(TypedDict):
    """What a CSV, XLSX or vCard reader found (a vCard has no columns to map: all None)."""

    columns: list[str] | None
    mapping: dict[str, str] | None
    unmapped: list[str] | None
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    rows: list[ShownRow]
    exporter: NotRequired[str | None]  # "Thunderbird", "Google Contacts", "Outlook"


class TablesPreview(TypedDict):
    """What a crmtui JSON export holds: rows per section."""

    tables: dict[str, int]


class ErrorRow(TypedDict):
    """A row that could not be imported, and why."""

    line: int
    message: str


class RowWarning(TypedDict):
    """Something a row held that was not imported."""

    line: int
    column: NotRequired[str]
    value: NotRequired[str]
    message: NotRequired[str]


class Duplicate(TypedDict):
    """A row like a stored record (or an earlier row of the file, ``in_file``)."""

    line: int
    name: str
    reason: str
    matches: str
    in_file: NotRequired[bool]
    matches_line: NotRequired[int | None]
    kind: NotRequired[str]


class Skipped(TypedDict):
    line: int
    name: str
    reason: str


class ImportReport(TypedDict):
    """``ImportResult.as_dict()``: what an import did (or, in a dry run, would do)."""

    file: str
    format: str
    dry_run: bool
    on_duplicate: str | None
    preview: FilePreview | TablesPreview | None
    rows: int
    added_customers: int
    added_contacts: int
    updated: int
    skipped: list[Skipped]
    errors: list[ErrorRow]
    duplicates: list[Duplicate]
    warnings: list[RowWarning]
    needs_choice: bool
    written: bool
    restored: dict[str, int] | None
    seconds: float
    imported_rows: int
    not_imported: int
    complete: bool
