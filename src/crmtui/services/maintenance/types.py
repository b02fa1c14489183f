"""What the maintenance area returns: a backup made, a restore done, the doctor's report.

TypedDicts: ``--json`` prints them as they are, so their keys are the JSON interface.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class BackupResult(TypedDict):
    path: str
    bytes: int
    check: str
    pruned: list[str]


class RestoreResult(TypedDict):
    """``replaced_copy`` is where the database that was replaced is kept (None: there was none)."""

    restored_from: str
    database: str
    replaced_copy: str | None
    revision: str | None
    upgraded: bool
    counts: dict[str, int]


class FileFacts(TypedDict):
    bytes: int
    mode: str | None


class FolderFacts(TypedDict):
    path: str
    mode: str | None


class BackupFacts(TypedDict):
    folder: str
    count: int
    latest: str | None
    bytes: int


class DoctorReport(TypedDict):
    """The doctor's findings; the report stops early (without the later keys) when the file is
    missing or unreadable. ``problems`` lists what is wrong, in words."""

    database: str
    exists: bool
    problems: list[str]
    files: NotRequired[dict[str, FileFacts]]
    folder: NotRequired[FolderFacts]
    integrity: NotRequired[str]
    foreign_key_problems: NotRequired[int]
    schema_revision: NotRequired[str | None]
    schema_head: NotRequired[str]
    counts: NotRequired[dict[str, int]]
    note: NotRequired[str]
    backups: NotRequired[BackupFacts]
