"""How ``crm import`` reports: the preview, errors per row, duplicates, the closing summary, and
a progress bar on stderr for imports that run longer than a second (only on a terminal)."""

from __future__ import annotations

import time
from typing import Any

from rich.text import Text

from crmtui.cli.context import console, err_console
from crmtui.cli.render import safe, table
from crmtui.i18n import _

SHOW_AT_MOST = 50
PREVIEW_FIELDS = ("name", "company", "role", "phones", "emails", "birthday", "city", "tags")


class ProgressBar:
    """Call ``update(stage, done, total)`` freely; a bar appears once a second has passed."""

    def __init__(self, *, enabled: bool = True, delay: float = 1.0):
        self.enabled = enabled and err_console.is_terminal
        self.delay = delay
        self.started = time.monotonic()
        self.progress: Any = None
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.progress is None:
            if time.monotonic() - self.started < self.delay:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.progress = Progress(
                "{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            )
            self.progress.start()
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)


def _cell(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if key == "phones":
        return ", ".join(f"{kind}: {number}" for kind, number in value or [])
    if isinstance(value, list):
        return ", ".join(value)
    return value or ""


def print_preview(preview: dict[str, Any]) -> None:
    if "tables" in preview:
        console.print(
            safe(
                "records in the file: "
                + ", ".join(f"{k} {v}" for k, v in preview["tables"].items() if v)
            ),
            soft_wrap=True,
        )
        return
    found = [f"{k} {preview[k]!r}" for k in ("encoding", "delimiter", "sheet") if preview.get(k)]
    if preview.get("exporter"):
        found.append(_("an export of {program}").format(program=preview["exporter"]))
    if found:
        console.print(safe("read as " + ", ".join(found)), soft_wrap=True)
    if preview.get("mapping") is not None:
        console.print(
            table(
                "Columns",
                ["column", "field"],
                [(c, t) for c, t in preview["mapping"].items()]
                + [(c, "(not imported)") for c in preview["unmapped"]],
            )
        )
    rows = []
    for row in preview["rows"]:
        if "error" in row:
            rows.append((row["line"], safe(row["error"], style="red"), *[""] * 7))
        else:
            rows.append((row["line"], *(_cell(row["record"], k) for k in PREVIEW_FIELDS)))
    if rows:
        console.print(table("First rows", ["line", *PREVIEW_FIELDS], rows))


def _listing(title: str, items: list[str]) -> None:
    if not items:
        return
    console.print(Text(title, style="bold"))
    for item in items[:SHOW_AT_MOST]:
        console.print(safe(f"  {item}"), soft_wrap=True)
    if len(items) > SHOW_AT_MOST:
        console.print(f"  … and {len(items) - SHOW_AT_MOST} more (--json lists all)")


def _duplicate(d: dict[str, Any]) -> str:
    """One duplicate: two rows of the file that look alike, or a row like a stored record."""
    if d.get("in_file"):
        return (
            f"rows {d['matches_line']} and {d['line']} look like the same {d['kind']} "
            f"({d['name']}): {d['reason']}"
        )
    return f"line {d['line']}: {d['name']} matches {d['matches']}: {d['reason']}"


def print_import(result: Any) -> None:
    if result.preview and (result.dry_run or result.needs_choice or result.errors):
        print_preview(result.preview)
    _listing(
        f"Rows with errors ({len(result.errors)}), not imported:",
        [f"line {e['line']}: {e['message']}" for e in result.errors],
    )
    _listing(
        f"Warnings ({len(result.warnings)}), imported without the value:",
        [
            f"row {w['line']}, column {w['column']!r}: {w['message']}"
            + (
                _(" (kept in the notes: {value})").format(value=w["value"])
                if w.get("value")
                else ""
            )
            for w in result.warnings
        ],
    )
    _listing(f"Duplicates ({len(result.duplicates)}):", [_duplicate(d) for d in result.duplicates])
    reasons: dict[str, int] = {}
    for item in result.skipped:
        reason = item["reason"].split(":")[0]
        reasons[reason] = reasons.get(reason, 0) + 1
    skipped = ", ".join(f"{n} {r}" for r, n in reasons.items())
    verb = "would add" if result.dry_run else "added"
    summary = (
        f"{verb} {result.added_customers} customers and {result.added_contacts} contacts"
        f", {'would update' if result.dry_run else 'updated'} {result.updated}"
        f", skipped {len(result.skipped)}{' (' + skipped + ')' if skipped else ''}"
        f", {len(result.errors)} rows with errors"
        f" — {result.rows} records read in {result.seconds:.1f} s"
    )
    if result.restored:
        summary += " (restored: " + ", ".join(f"{k} {v}" for k, v in result.restored.items()) + ")"
    if result.needs_choice and not result.dry_run:
        repeated = sum(1 for d in result.duplicates if d.get("in_file"))
        existing = len(result.duplicates) - repeated
        parts = ([f"{repeated} rows look like an earlier row of this file"] if repeated else []) + (
            [f"{existing} records match existing ones"] if existing else []
        )
        err_console.print(
            safe(
                f"error: {' and '.join(parts)}; nothing was imported. Choose "
                "--on-duplicate skip|update|add (try --dry-run first)"
            ),
            soft_wrap=True,
        )
        return
    console.print(safe(summary), soft_wrap=True)
    if result.not_imported and not result.dry_run:
        # the rows that were read but are not in the database, said plainly (exit status 1)
        err_console.print(
            safe(
                _(
                    "error: {count} of {rows} rows were not imported (listed above); "
                    "the other {imported} were"
                ).format(count=result.not_imported, rows=result.rows, imported=result.imported_rows)
            ),
            soft_wrap=True,
        )
    if result.dry_run:
        console.print(
            "dry run: nothing was written"
            + (
                "; the duplicates need --on-duplicate skip|update|add"
                if result.needs_choice
                else ""
            )
        )
