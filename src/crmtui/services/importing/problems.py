"""``crm import --report FILE``: every row's problems as a CSV file a user can sort and fix.

One line per problem: rows not imported (``error``), values kept in the notes instead of their
field (``warning``), rows like an existing record or an earlier row (``duplicate``) and rows
left alone by ``--on-duplicate skip`` (``skipped``). Cells are neutralised against formula
injection like every CSV crmtui writes; UTF-8 with a BOM so that Excel reads it.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from crmtui.services.formats import neutralise

if TYPE_CHECKING:
    from crmtui.services.importing.run import ImportResult

REPORT_COLUMNS = ("line", "name", "problem", "column", "value", "message")


def problems_csv(result: ImportResult) -> bytes:
    """The report of ``result`` as CSV bytes, ordered by line."""
    rows: list[tuple[int, str, str, str, str, str]] = []
    for e in result.errors:
        rows.append((e["line"], "", "error", "", "", e["message"]))
    for w in result.warnings:
        rows.append(
            (
                w["line"],
                result.row_names.get(w["line"], ""),
                "warning",
                w.get("column", ""),
                w.get("value", ""),
                w.get("message", ""),
            )
        )
    for d in result.duplicates:
        rows.append((d["line"], d["name"], "duplicate", "", "", f"{d['reason']}: {d['matches']}"))
    for s in result.skipped:
        rows.append((s["line"], s["name"], "skipped", "", "", s["reason"]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for row in sorted(rows, key=lambda r: r[0]):
        writer.writerow([str(row[0]), *(neutralise(cell) for cell in row[1:])])
    return out.getvalue().encode("utf-8-sig")
