"""How ``crm import`` reports: the preview, errors per row, duplicates, the closing summary, and
a progress bar on stderr for imports that run longer than a second (only on a terminal)."""

from __future__ import annotations

import time
from typing import Any

from rich.text import Text

from crmtui.cli.context import console, err_console
from crmtui.cli.render import safe, table
from crmtui.i18n import N_, _, translate

SHOW_AT_MOST = 50
PREVIEW_FIELDS = ("name", "company", "role", "phones", "emails", "birthday", "city", "tags")
# the preview's column headers (the field names above), translated when shown
PREVIEW_HEADERS = (
    N_("name"),
    N_("company"),
    N_("role"),
    N_("phones"),
    N_("emails"),
    N_("birthday"),
    N_("city"),
    N_("tags"),
)


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
                _("records in the file: {tables}").format(
                    tables=_(", ").join(f"{k} {v}" for k, v in preview["tables"].items() if v)
                )
            ),
            soft_wrap=True,
        )
        return
    found = [f"{k} {preview[k]!r}" for k in ("encoding", "delimiter", "sheet") if preview.get(k)]
    if preview.get("exporter"):
        found.append(_("an export of {program}").format(program=preview["exporter"]))
    if found:
        console.print(safe(_("read as {how}").format(how=_(", ").join(found))), soft_wrap=True)
    if preview.get("mapping") is not None:
        console.print(
            table(
                _("Columns"),
                [_("column"), _("field")],
                [(c, t) for c, t in preview["mapping"].items()]
                + [(c, _("(not imported)")) for c in preview["unmapped"]],
            )
        )
    rows = []
    for row in preview["rows"]:
        if "error" in row:
            rows.append((row["line"], safe(row["error"], style="red"), *[""] * 7))
        else:
            rows.append((row["line"], *(_cell(row["record"], k) for k in PREVIEW_FIELDS)))
    if rows:
        headers = [_("line"), *(translate(h) for h in PREVIEW_HEADERS)]
        console.print(table(_("First rows"), headers, rows))


def _listing(title: str, items: list[str]) -> None:
    if not items:
        return
    console.print(Text(title, style="bold"))
    for item in items[:SHOW_AT_MOST]:
        console.print(safe(f"  {item}"), soft_wrap=True)
    if len(items) > SHOW_AT_MOST:
        more = _("  … and {count} more (--json lists all)")
        console.print(more.format(count=len(items) - SHOW_AT_MOST))


def _duplicate(d: dict[str, Any]) -> str:
    """One duplicate: two rows of the file that look alike, or a row like a stored record."""
    if d.get("in_file"):
        said = _("rows {first} and {line} look like the same {kind} ({name}): {reason}")
        return said.format(
            first=d["matches_line"],
            line=d["line"],
            kind=d["kind"],
            name=d["name"],
            reason=d["reason"],
        )
    return _("line {line}: {name} matches {matches}: {reason}").format(
        line=d["line"], name=d["name"], matches=d["matches"], reason=d["reason"]
    )


def print_import(result: Any) -> None:
    if result.preview and (result.dry_run or result.needs_choice or result.errors):
        print_preview(result.preview)
    _listing(
        _("Rows with errors ({count}), not imported:").format(count=len(result.errors)),
        [
            _("line {line}: {message}").format(line=e["line"], message=e["message"])
            for e in result.errors
        ],
    )
    _listing(
        _("Warnings ({count}), imported without the value:").format(count=len(result.warnings)),
        [
            _("row {line}, column {column!r}: {message}").format(
                line=w["line"], column=w["column"], message=w["message"]
            )
            + (
                _(" (kept in the notes: {value})").format(value=w["value"])
                if w.get("value")
                else ""
            )
            for w in result.warnings
        ],
    )
    _listing(
        _("Duplicates ({count}):").format(count=len(result.duplicates)),
        [_duplicate(d) for d in result.duplicates],
    )
    reasons: dict[str, int] = {}
    for item in result.skipped:
        reason = item["reason"].split(":")[0]
        reasons[reason] = reasons.get(reason, 0) + 1
    skipped = _(", ").join(f"{n} {r}" for r, n in reasons.items())
    if result.dry_run:
        summary = _(
            "would add {customers} customers and {contacts} contacts, would update {updated}, "
            "skipped {skipped}{detail}, {errors} rows with errors — "
            "{rows} records read in {seconds} s"
        )
    else:
        summary = _(
            "added {customers} customers and {contacts} contacts, updated {updated}, "
            "skipped {skipped}{detail}, {errors} rows with errors — "
            "{rows} records read in {seconds} s"
        )
    summary = summary.format(
        customers=result.added_customers,
        contacts=result.added_contacts,
        updated=result.updated,
        skipped=len(result.skipped),
        detail=_(" ({detail})").format(detail=skipped) if skipped else "",
        errors=len(result.errors),
        rows=result.rows,
        seconds=f"{result.seconds:.1f}",
    )
    if result.restored:
        tables = _(", ").join(f"{k} {v}" for k, v in result.restored.items())
        summary += _(" (restored: {tables})").format(tables=tables)
    if result.needs_choice and not result.dry_run:
        repeated = sum(1 for d in result.duplicates if d.get("in_file"))
        existing = len(result.duplicates) - repeated
        parts = (
            [_("{count} rows look like an earlier row of this file").format(count=repeated)]
            if repeated
            else []
        ) + ([_("{count} records match existing ones").format(count=existing)] if existing else [])
        said = _(
            "error: {what}; nothing was imported. Choose --on-duplicate skip|update|add "
            "(try --dry-run first)"
        )
        err_console.print(safe(said.format(what=_(" and ").join(parts))), soft_wrap=True)
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
            _("dry run: nothing was written")
            + (
                _("; the duplicates need --on-duplicate skip|update|add")
                if result.needs_choice
                else ""
            )
        )
