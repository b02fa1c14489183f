"""``crm grade suggest``: ABC grades by the 80/20 rule, the Pareto table, ``--apply``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import State, console, print_json, state
from crmtui.cli.render import money, safe, table
from crmtui.i18n import N_, _, translate

if TYPE_CHECKING:
    from crmtui.services.grading.read import GradeReport, Suggestion

SHOWN = 50  # suggestions in the table unless --all
grade_app = typer.Typer(help=N_("ABC grades by the 80/20 rule."), no_args_is_help=True)


@grade_app.command("suggest")
def suggest(
    ctx: typer.Context,
    months: Annotated[
        int, typer.Option(help=N_("Sales of the last this many months."), parser=numbers.MONTHS)
    ] = 12,
    cut: Annotated[str, typer.Option(help=N_("Cumulative share where A and B end."))] = "80,95",
    apply: Annotated[
        bool, typer.Option("--apply", help=N_("Write the suggested grades (locked ones are kept)."))
    ] = False,
    show_all: Annotated[bool, typer.Option("--all", help=N_("List every customer."))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """Suggest A/B/C grades from sales (A to 80%, B to 95%, C the rest, N no sales)."""
    from dataclasses import asdict

    from crmtui.services.grading.read import names_of, parse_cuts, suggest_grades
    from crmtui.services.grading.rules import last_months

    cut_a, cut_b = parse_cuts(cut)
    st = state(ctx)
    now = st.now()
    first, last = last_months(now.astimezone(st.tz).date(), months)
    with st.reader() as reader:
        report = suggest_grades(
            reader,
            first=first,
            last=last,
            tz=st.tz,
            currency=st.config.currency,
            cut_a=cut_a,
            cut_b=cut_b,
        )
        listed = report.suggestions if show_all else [s for s in report.suggestions if s.differs]
        shown = listed if show_all or as_json else listed[:SHOWN]
        names = names_of(reader, [s.customer_id for s in shown if s.name is None])
    changed = None
    if apply:
        from crmtui.services.grading.write import apply_grades

        with st.db.session() as session:
            changed = apply_grades(session, report=report, now=now)
        _reminder_handled(st)
    if as_json:
        out = asdict(report) | {"changes": len(report.changes)}
        if changed is not None:
            out["applied"] = changed
        print_json(out)
        return
    _print(report, shown, names, more=len(listed) - len(shown))
    if changed is not None:
        kept = sum(1 for s in report.suggestions if s.locked and s.differs)
        line = _("applied: {changed} grades changed, {kept} locked kept")
        console.print(safe(line.format(changed=changed, kept=kept)))


def _reminder_handled(st: State) -> None:
    """Applying the suggestion deals with this month's 80/20 reminder, as dismissing does."""
    from crmtui import config
    from crmtui.services.grading.reminder import month_of

    config.set_value("grade_reminder_dismissed", month_of(st.now(), st.tz))


def _print(
    report: GradeReport, shown: list[Suggestion], names: dict[int, str], *, more: int
) -> None:
    console.print(
        safe(
            _("Sales {start} to {end} ({source}, {currency}): {total}").format(
                start=report.start,
                end=report.end,
                source=translate(report.source),
                currency=report.currency,
                total=money(report.total),
            )
        )
    )
    headers = [_("grade"), _("customers"), _("% customers"), _("sales"), _("% sales")]
    pareto = [
        (r.grade, r.customers, f"{r.customer_share:.1f}%", money(r.sales), f"{r.sales_share:.1f}%")
        for r in report.table
    ]
    console.print(table(None, headers, pareto))
    if report.other_currency_deals:
        line = _("{count} won deals in other currencies are not counted")
        console.print(safe(line.format(count=report.other_currency_deals)))
    if not shown:
        console.print(_("every grade already matches the suggestion"))
        return
    rows = [
        (
            s.customer_id,
            s.name or names.get(s.customer_id, ""),
            money(s.sales),
            f"{s.cumulative_share:.1f}%",
            s.current,
            s.suggested,
            _("locked") if s.locked else "",
        )
        for s in shown
    ]
    headers = [_("id"), _("name"), _("sales"), _("cum."), _("now"), _("suggested"), ""]
    console.print(table(None, headers, rows))
    if more:
        console.print(safe(_("… and {count} more (--all lists them)").format(count=more)))
    console.print(
        safe(_("{count} grades differ; --apply writes them").format(count=len(report.changes)))
    )


@grade_app.command("dismiss")
def dismiss(ctx: typer.Context) -> None:
    """Dismiss this month's 80/20 reminder on the desktop (it returns next month)."""
    from crmtui import config
    from crmtui.services.grading.reminder import month_of

    st = state(ctx)
    month = month_of(st.now(), st.tz)
    config.set_value("grade_reminder_dismissed", month)
    line = _("the 80/20 grade reminder is dismissed for {month}")
    console.print(safe(line.format(month=month)))


def register(app: typer.Typer) -> None:
    app.add_typer(grade_app, name="grade")
