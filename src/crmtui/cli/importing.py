"""``crm import FILE``: contacts (reported by ``data_report``) or a 业务明细 order sheet, told
apart by the sheet's headers; the order sheet's report is here."""

from __future__ import annotations

import gc
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crmtui.cli.context import State, console, print_json, state
from crmtui.cli.render import money, safe, table
from crmtui.i18n import N_, _, ngettext
from crmtui.services.money.words import word

if TYPE_CHECKING:
    from crmtui.db.engine import Database
    from crmtui.services.importing.order_import import OrderImportResult

SHOW_AT_MOST = 50


def import_cmd(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help=N_("CSV, XLSX, vCard (.vcf) or a crmtui JSON export."))
    ],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help=N_("csv|xlsx|vcard|json (default: detected).")),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Check and preview; write nothing."))
    ] = (False),
    on_duplicate: Annotated[
        str | None,
        typer.Option(
            "--on-duplicate",
            help=N_(
                "What to do with records that match existing ones: "
                "skip|update|add. Without it, duplicates stop the import."
            ),
        ),
    ] = None,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map", help=N_('Map a column: "Column=field" (repeatable; field "-" skips it).')
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            "-e",
            help=N_(
                "The file's encoding (utf-8, gb18030, shift_jis, cp1252...) when it is "
                "not detected with confidence."
            ),
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", help=N_("Write every row's problems to this CSV file.")),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("Report as JSON."))] = False,
    customer: Annotated[
        str | None,
        typer.Option(
            "--customer",
            help=N_("For an order sheet (业务明细) without a customer column: whose it is."),
        ),
    ] = None,
) -> None:
    """Import customers and contacts, or an order sheet (业务明细) as orders; one transaction:
    all of it or nothing.

    Exit status 1 when nothing was imported for duplicates, or when some rows could not be
    imported (the others were)."""
    from crmtui.cli.data_report import ProgressBar, print_import
    from crmtui.services.formats import parse_overrides
    from crmtui.services.importing.run import import_file

    st = state(ctx)
    # a 业务明细 order sheet is told apart by its headers; anything else is contacts
    if order_sheet(st, file, fmt, encoding, customer, dry_run, as_json, mapping):
        return
    db = st.db
    collecting = gc.isenabled()
    gc.disable()  # for the whole command, see _close
    try:
        with ProgressBar(enabled=not as_json) as bar:
            result = import_file(
                db,
                file,
                now=st.now(),
                fmt=fmt,
                overrides=parse_overrides(mapping or []),
                dry_run=dry_run,
                on_duplicate=on_duplicate,
                region=st.config.country,
                progress=bar.update,
                encoding=encoding,
            )
    finally:
        _close(db, collecting)
    if report is not None:
        from crmtui.services.common.files import write_private
        from crmtui.services.importing.problems import problems_csv

        write_private(report, problems_csv(result))
    if as_json:
        print_json(result.as_dict())
    else:
        print_import(result)
    if not dry_run and (result.needs_choice or result.not_imported):
        raise typer.Exit(1)


def _close(db: Database, collecting: bool) -> None:
    """Close the database, and keep what the import left out of the cycle collector's way.

    An import leaves a few hundred thousand objects alive (pypinyin's dictionaries, the
    run's caches), all made while the collector was off (see ``import_file``). Switched on
    again, it would walk all of them at once, and the interpreter's exit walks them several
    times more, to find nothing: over a second after 100,000 rows. When the process ends
    after this command they are frozen: freed as usual at the end, but never walked. The
    database is closed first, so that its connection is not left to the collector.
    """
    from crmtui.cli import context

    db.dispose()
    if context.ONE_COMMAND:
        gc.freeze()
    if collecting:
        gc.enable()


def order_sheet(
    st: State,
    file: Path,
    fmt: str | None,
    encoding: str | None,
    customer: str | None,
    dry_run: bool,
    as_json: bool,
    mapping: list[str] | None,
) -> bool:
    """Import a 业务明细 order sheet (detected by its headers); False when the file is not one."""
    from crmtui.errors import InvalidInput
    from crmtui.services.importing.order_import import import_order_sheet

    cid = st.customer(customer)["id"] if customer else None
    result = import_order_sheet(
        st.db,
        file,
        now=st.now(),
        fmt=fmt,
        encoding=encoding,
        customer_id=cid,
        currency=str(st.config.currency),
        default_days=int(st.config.credit_days),
        dry_run=True if mapping else dry_run,
    )
    if result is None:
        if customer:
            raise InvalidInput("order-sheet-only", field="customer")
        return False
    if mapping:
        raise InvalidInput("order-sheet-not-contacts", field="map", option="--map")
    if as_json:
        print_json(asdict(result))
    else:
        print_order_import(result)
    return True


def print_order_import(result: OrderImportResult) -> None:
    """The orders of the sheet (the first 50), then one line saying what was done."""
    shown = result.orders[:SHOW_AT_MOST]
    console.print(
        table(
            _("order sheet (业务明细)"),
            [_("row"), _("customer"), _("ordered"), _("product"), _("qty"), _("total"), ""],
            [
                (
                    o.row,
                    o.customer,
                    o.ordered_on,
                    f"{o.product} {o.model or ''}".strip(),
                    o.quantity,
                    money(o.total),
                    o.number or (word(o.status) if o.action == "add" else _("imported before")),
                )
                for o in shown
            ],
        )
    )
    if len(result.orders) > len(shown):
        more = len(result.orders) - len(shown)
        text = ngettext(
            "… and {count} more row (--json lists all)",
            "… and {count} more rows (--json lists all)",
            more,
        )
        console.print(safe(text.format(count=more)))
    if result.dry_run:
        text = ngettext(
            "dry run: would add {count} order", "dry run: would add {count} orders", result.added
        )
    else:
        text = ngettext("added {count} order", "added {count} orders", result.added)
    said = text.format(count=result.added)
    if result.already_imported:
        already = ngettext(
            "{count} row already imported",
            "{count} rows already imported",
            result.already_imported,
        )
        said += "; " + already.format(count=result.already_imported)
    if result.dry_run:
        said += _("; nothing was written")
    console.print(safe(said))


def register(app: typer.Typer) -> None:
    app.command("import")(import_cmd)
