"""``crm report NAME``: pareto, funnel, lost, customers, activity as Markdown, HTML, CSV or JSON."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from crmtui.cli.context import state
from crmtui.cli.data import FormatOption, OutputOption, emit
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, _


def _day(text: str | None, label: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("report-bad-date", field=label, label=label, text=text) from None


def report(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help=N_("pareto, funnel, lost, customers, activity, sales or expenses.")),
    ],
    start: Annotated[
        str | None, typer.Option("--from", help=N_("First day, YYYY-MM-DD (default: per report)."))
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help=N_("Last day (default: today)."))] = None,
    fmt: FormatOption = "md",
    output: OutputOption = None,
) -> None:
    """A report: pareto (80/20), funnel, lost (why), customers, activity, sales, expenses."""
    from crmtui.services.reports.build import REPORTS, build_report, default_first
    from crmtui.services.reports.render import FORMATS, render
    from crmtui.services.reports.window import Window

    key = name.strip().lower()
    if key not in REPORTS:
        raise InvalidInput("unknown-report", field="name", name=name, choices=list(REPORTS))
    if fmt not in FORMATS:
        raise InvalidInput("unknown-format", fmt=fmt, choices=FORMATS)
    st = state(ctx)
    today = st.local_now().date()
    last = _day(end, "--to") or today
    first = _day(start, "--from") or default_first(key, last)
    if first > last:
        raise InvalidInput("report-empty-period", field="--from", start=first, end=last)
    config = st.config
    window = Window(
        first=first,
        last=last,
        now=st.now(),
        tz=st.tz,
        currency=config.currency,
        cadences=(int(config.cadence_a), int(config.cadence_b), int(config.cadence_c)),
    )
    with st.reader() as reader:
        built = build_report(reader, key, window)
    text = render(built, fmt) + ("\n" if fmt in ("json", "md") else "")
    if fmt == "csv" and output is not None:
        text = "\ufeff" + text  # Excel on a Chinese Windows reads UTF-8 only with the BOM
    emit(text, output, what=_("{name} report").format(name=key))


def register(app: typer.Typer) -> None:
    app.command("report")(report)
