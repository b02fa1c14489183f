"""Data in and out: ``crm export ...``, ``crm import``, ``crm summary note``, ``crm backup``,
``crm restore`` and ``crm doctor``.

Files are written 0600 and atomically (``services.files``); what goes to a terminal passes
through ``textsafe.visible`` so exported user text can never drive it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from crmtui.cli.context import console, err_console, print_json, state
from crmtui.cli.render import safe
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, _

export_app = typer.Typer(help=N_("Export summaries, contacts and calendars."), no_args_is_help=True)
summary_app = typer.Typer(help=N_("Weekly and monthly summaries (工作总结)."), no_args_is_help=True)

OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help=N_("Write to this file (0600) instead of stdout.")),
]


def say(text: object) -> None:
    """One line of output, never interpreted as markup, never wrapped."""
    console.print(safe(text), soft_wrap=True)


def emit(data: str | bytes, output: Path | None, *, what: str) -> None:
    """Write an export to ``output`` (private, atomic) or to stdout."""
    if output is not None:
        from crmtui.services.common.files import write_private

        target = write_private(output, data.encode("utf-8") if isinstance(data, str) else data)
        err_console.print(safe(f"{what} written to {target}"), soft_wrap=True)
        return
    text = data if isinstance(data, str) else data.decode("utf-8")
    if sys.stdout.isatty():
        from crmtui.textsafe import visible

        text = visible(text, multiline=True)
    sys.stdout.write(text)
    sys.stdout.flush()


def _summary(
    ctx: typer.Context, kind: str, when: str | None, fmt: str, output: Path | None
) -> None:
    from crmtui.services.summaries.build import build_summary, parse_month, parse_week
    from crmtui.services.summaries.render import FORMATS, render

    if fmt not in FORMATS:
        raise InvalidInput("unknown-format", fmt=fmt, choices=FORMATS)
    st = state(ctx)
    today = st.local_now().date()
    period = parse_week(when, today) if kind == "week" else parse_month(when, today)
    with st.reader() as reader:
        summary = build_summary(
            reader, period, now=st.now(), tz=st.tz, with_activities=fmt in ("csv", "json")
        )
    text = render(summary, fmt, st.tz) + ("\n" if fmt == "json" else "")
    if fmt == "csv" and output is not None:
        text = "\ufeff" + text  # Excel on a Chinese Windows reads UTF-8 only with the BOM
    emit(text, output, what=f"{period.key} summary")


FormatOption = Annotated[str, typer.Option("--format", "-f", help=N_("md, html, csv or json."))]


@export_app.callback(invoke_without_command=True)
def export_all(
    ctx: typer.Context,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help=N_("json: every record, for crm import."))
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            help=N_("Only customers changed since this day (YYYY-MM-DD), with their records.")
        ),
    ] = None,
    output: OutputOption = None,
) -> None:
    """Export summaries, contacts and calendars; alone, with --format json, everything."""
    if ctx.invoked_subcommand is not None:
        return
    from datetime import date, datetime

    from crmtui.services.exporting.contacts import export_contacts

    chosen = fmt or "json"
    if chosen != "json":
        raise InvalidInput("unknown-format", fmt=chosen, choices=("json",))
    st = state(ctx)
    start = None
    if since:
        try:
            day = date.fromisoformat(since)
        except ValueError as exc:
            raise InvalidInput("not-a-date", text=since) from exc
        start = datetime.combine(day, datetime.min.time(), tzinfo=st.tz)
    data = export_contacts(st.existing_db(), "json", now=st.now(), since=start)
    emit(data, output, what=_("json export"))


@export_app.command("weekly")
def export_weekly(
    ctx: typer.Context,
    week: Annotated[
        str | None, typer.Option(help=N_("ISO week (2026-W48), a date, or last."))
    ] = None,
    fmt: FormatOption = "md",
    output: OutputOption = None,
) -> None:
    """The week's summary (default: this week, Markdown, to stdout)."""
    _summary(ctx, "week", week, fmt, output)


@export_app.command("monthly")
def export_monthly(
    ctx: typer.Context,
    month: Annotated[str | None, typer.Option(help=N_("Month (2026-11), a date, or last."))] = None,
    fmt: FormatOption = "md",
    output: OutputOption = None,
) -> None:
    """The month's summary (default: this month, Markdown, to stdout)."""
    _summary(ctx, "month", month, fmt, output)


@summary_app.command("note")
def summary_note(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help=N_("The reflection; omit to show it."))] = None,
    week: Annotated[str | None, typer.Option(help=N_("ISO week (default: this week)."))] = None,
    month: Annotated[
        str | None, typer.Option(help=N_("A month instead of a week (2026-11)."))
    ] = None,
    append: Annotated[bool, typer.Option("--append", help=N_("Add to the note, not replace."))] = (
        False
    ),
    clear: Annotated[bool, typer.Option("--clear", help=N_("Remove the note."))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """Keep a free-text reflection with the week (or month); it shows in its summary."""
    from crmtui.services.summaries.build import parse_month, parse_week, reflection, set_reflection

    st = state(ctx)
    today = st.local_now().date()
    if week and month:
        raise InvalidInput("week-or-month")
    if text is not None and not text.strip() and not clear:
        raise InvalidInput("reflection-empty")
    period = parse_month(month, today) if month else parse_week(week, today)
    if text is None and not clear:
        with st.reader() as reader:
            body = reflection(reader, period.key)
        if as_json:
            print_json({"period": period.key, "reflection": body})
        else:
            console.print(safe(body, multiline=True) if body else f"no reflection for {period.key}")
        return
    with st.db.session() as session:
        body = set_reflection(
            session,
            period_key=period.key,
            text=None if clear else text,
            now=st.now(),
            append=append,
        )
    if as_json:
        print_json({"period": period.key, "reflection": body})
    else:
        console.print(f"reflection for {period.key} " + ("saved" if body else "removed"))


def backup_cmd(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help=N_("File or folder (default: the data folder's backups/, keeping the last N).")
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite an existing file."))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """Back up the database (a consistent copy even while crm runs; the file is 0600)."""
    from crmtui.db.location import resolve
    from crmtui.services.maintenance.backup import backup

    st = state(ctx)
    result = backup(
        resolve(st.db_option), now=st.now(), target=path, keep=st.config.backups_keep, force=force
    )
    if as_json:
        print_json(result)
        return
    say(f"backup written to {result['path']} ({result['bytes']:,} bytes, check {result['check']})")
    for old in result["pruned"]:
        say(f"removed old backup {old}")


def restore_cmd(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help=N_("The backup to restore."))],
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=N_("Do not ask for confirmation."))
    ] = False,
) -> None:
    """Replace the database by a backup, after checking it; the replaced data is kept."""
    from crmtui.cli.privacy import confirm_replace
    from crmtui.db.location import resolve
    from crmtui.services.maintenance.backup import restore

    st = state(ctx)
    location = resolve(st.db_option)
    confirm_replace(location, file, yes=yes)
    result = restore(location, file, now=st.now())
    if as_json:
        print_json(result)
        return
    say(
        f"restored {result['database']} from {result['restored_from']} "
        f"(schema {result['revision']})"
    )
    if result["replaced_copy"]:
        say(f"the data it replaced is kept in {result['replaced_copy']}")


def doctor_cmd(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """Check the database: integrity, schema version, file permissions, sizes, backups."""
    from crmtui.db.location import resolve
    from crmtui.services.maintenance.backup import doctor

    st = state(ctx)
    report = doctor(resolve(st.db_option))
    if as_json:
        print_json(report)
    else:
        say(f"database   {report['database']}")
        for name, info in report.get("files", {}).items():
            say(f"  {name:<14} {info['bytes']:>14,} bytes  mode {info['mode']}")
        if "folder" in report:
            say(f"folder     {report['folder']['path']} (mode {report['folder']['mode']})")
        if "integrity" in report:
            say(f"integrity  {report['integrity']}")
            say(f"schema     {report['schema_revision']} (this crmtui: {report['schema_head']})")
            say("rows       " + ", ".join(f"{k} {v:,}" for k, v in report["counts"].items()))
        if "backups" in report:
            b = report["backups"]
            say(
                f"backups    {b['count']} in {b['folder']}"
                + (f", latest {b['latest']}" if b["latest"] else "")
            )
        if report.get("note"):
            say(f"note       {report['note']}")
        for problem in report["problems"]:
            err_console.print(safe(f"problem: {problem}"), soft_wrap=True)
        if not report["problems"]:
            console.print("no problems found")
    if report["problems"]:
        raise typer.Exit(1)


@export_app.command("contacts")
def export_contacts_cmd(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=N_("vcard, csv or json (everything)."))
    ] = ("vcard"),
    output: OutputOption = None,
    split: Annotated[
        Path | None,
        typer.Option(
            "--split",
            help=N_(
                "vCard only: one card per file (UID.vcf) in this folder, the vdir layout "
                "khard and vdirsyncer read."
            ),
        ),
    ] = None,
) -> None:
    """Customers and contacts as vCard or CSV; json exports everything, for crm import."""
    from crmtui.services.exporting.contacts import export_contacts, vcard_files

    st = state(ctx)
    if split is not None:
        if fmt != "vcard" or output is not None:
            raise InvalidInput("split-vcard-only")
        from crmtui.services.common.files import write_private

        folder = split.expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InvalidInput("cannot-write-in", folder=folder, reason=exc.strerror) from exc
        files = vcard_files(st.existing_db())
        for name, card in files:
            write_private(folder / name, card)
        message = _("{count} vCards written to {folder}").format(count=len(files), folder=folder)
        err_console.print(safe(message), soft_wrap=True)
        return
    emit(export_contacts(st.existing_db(), fmt, now=st.now()), output, what=f"{fmt} export")


@export_app.command("calendar")
def export_calendar_cmd(ctx: typer.Context, output: OutputOption = None) -> None:
    """Planned actions and birthdays (yearly) as an iCalendar (.ics) file."""
    from crmtui.services.exporting.contacts import export_calendar

    st = state(ctx)
    with st.reader() as reader:
        data = export_calendar(reader, now=st.now(), tz=st.tz, call_minutes=st.config.call_minutes)
    emit(data, output, what="calendar")


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.add_typer(summary_app, name="summary")
    app.command("backup")(backup_cmd)
    app.command("restore")(restore_cmd)
    app.command("doctor")(doctor_cmd)
