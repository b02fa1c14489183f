"""What the exporting area returns: the full JSON export and a calendar's lunar birthdays."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

# A column value as the JSON export writes it: instants and dates as ISO text, phones a list.
JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]
ExportRow = dict[str, JsonValue]  # one table row: every column but the derived ones


class FullExport(TypedDict):
    """``crm export contacts --format json``: the header, then every table's rows in id order."""

    format: str
    version: int
    schema: str
    exported_at: str
    tags: list[ExportRow]
    customers: list[ExportRow]
    customer_tags: list[ExportRow]
    contacts: list[ExportRow]
    opportunities: list[ExportRow]
    activities: list[ExportRow]
    notes: list[ExportRow]
    time_slots: list[ExportRow]
    changes: list[ExportRow]
    summary_notes: list[ExportRow]
    complaints: list[ExportRow]
    complaint_steps: list[ExportRow]
    service_plans: list[ExportRow]
    service_records: list[ExportRow]
    satisfaction: list[ExportRow]
    referrals: list[ExportRow]


class LunarOccurrence(TypedDict):
    """One year's solar date of a lunar (农历) birthday, as a calendar event."""

    uid: str
    date: date
    summary: str
