"""``crm expense ...``: expense claims (费用) and the expense reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from crmtui import numbers
from crmtui.cli.context import AsJson, Limit200, console, print_json, state
from crmtui.cli.dates import day
from crmtui.cli.render import money, safe, table
from crmtui.i18n import N_, _, ngettext, pgettext, translate

if TYPE_CHECKING:
    from crmtui.cli.context import State
    from crmtui.services.expenses.types import LineInput

expense_app = typer.Typer(
    help=N_("Expense claims: add, list, show, submit, approve, reject, reimburse, report."),
    no_args_is_help=True,
)
ClaimId = Annotated[int, typer.Argument(help=N_("Claim id."), parser=numbers.CLAIM_ID)]
Status = Annotated[
    str | None, typer.Option(help=N_("draft|submitted|approved|rejected|reimbursed"))
]


# "-5" must reach the amount's parser (refused as negative), not be taken for an option
@expense_app.command("add", context_settings={"ignore_unknown_options": True})
def expense_add(
    ctx: typer.Context,
    spent: Annotated[str | None, typer.Argument(help=N_("Day spent, YYYY-MM-DD."))] = None,
    category: Annotated[
        str | None,
        typer.Argument(help=N_("travel|hotel|meals|gifts|transport|event|samples|other")),
    ] = None,
    amount: Annotated[
        str | None,
        typer.Argument(help=N_("Amount, e.g. 680 or 1,280.50."), parser=numbers.EXPENSE_AMOUNT),
    ] = None,
    line: Annotated[
        list[str] | None,
        typer.Option(
            "--line", help=N_("Another line: 'DATE CATEGORY AMOUNT [NOTE]' (repeatable).")
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(help=N_("What it was for."))] = None,
    receipt: Annotated[str | None, typer.Option(help=N_("Receipt number or file path."))] = None,
    customer: Annotated[
        str | None, typer.Option(help=N_("For this customer (id or name)."))
    ] = None,
    opp: Annotated[
        int | None, typer.Option(help=N_("For this opportunity id."), parser=numbers.OPPORTUNITY_ID)
    ] = None,
    event: Annotated[
        int | None, typer.Option(help=N_("For this event id."), parser=numbers.EVENT_ID)
    ] = None,
    claim: Annotated[
        int | None,
        typer.Option(
            help=N_("Add to this claim (default: the latest draft)."), parser=numbers.CLAIM_ID
        ),
    ] = None,
    new: Annotated[bool, typer.Option("--new", help=N_("Start a new claim."))] = False,
    title: Annotated[str | None, typer.Option(help=N_("The claim's title."))] = None,
    currency: Annotated[
        str | None, typer.Option(help=N_("Currency (default from config)."))
    ] = None,
) -> None:
    """Add expenses to a draft claim: one line from the arguments, more with --line.

    The customer, opportunity, event, note and receipt apply to every line of the command.
    """
    from dataclasses import replace

    from crmtui.errors import InvalidInput
    from crmtui.services.expenses.rules import parse_line
    from crmtui.services.expenses.types import LineInput
    from crmtui.services.expenses.write import add_lines

    st = state(ctx)
    cur = currency or st.config.currency
    lines: list[LineInput] = []
    given = [v for v in (spent, category, amount) if v is not None]
    if given:
        if len(given) < 3:
            raise InvalidInput("expense-no-lines")
        assert spent is not None and category is not None
        spent_on = day(spent)
        assert spent_on is not None
        lines.append(LineInput(spent_on, category, numbers.amount_minor(amount), cur))
    lines += [parse_line(text, cur) for text in line or []]
    cid = st.customer(customer)["id"] if customer else None
    lines = [
        replace(
            item,
            note=item.note or note,
            receipt=receipt,
            customer_id=cid,
            opportunity_id=opp,
            event_id=event,
        )
        for item in lines
    ]
    with st.db.session() as session:
        row = add_lines(
            session, now=st.now(), lines=lines, claim_id=claim, title=title, new_claim=new
        )
        claim_id = row.id
    total = sum(item.amount for item in lines)
    said = ngettext(
        "{count} line, {total}, added to claim {id}",
        "{count} lines, {total}, added to claim {id}",
        len(lines),
    )
    console.print(safe(said.format(count=len(lines), total=money(total, cur), id=claim_id)))


@expense_app.command("list")
def expense_list(
    ctx: typer.Context, status: Status = None, limit: Limit200 = None, as_json: AsJson = False
) -> None:
    """List claims, the latest changed first."""
    from crmtui.cli.paging import list_rows
    from crmtui.services.expenses.read import list_claims

    list_rows(
        ctx,
        lambda reader, n: list_claims(reader, status=status, limit=n),
        limit=limit,
        as_json=as_json,
        empty=_("no expense claims"),
        headers=[
            _("id"),
            pgettext("period", "from"),
            _("title"),
            _("status"),
            _("lines"),
            _("total"),
        ],
        cells=lambda c: (
            c["id"],
            c["first_day"].isoformat() if c["first_day"] else "",
            c["title"] or "",
            translate(c["status"]),
            c["lines"],
            money(c["total"], c["total"].currency or ""),
        ),
    )


@expense_app.command("show")
def expense_show(ctx: typer.Context, claim: ClaimId, as_json: AsJson = False) -> None:
    """One claim with its lines."""
    from crmtui.services.expenses.read import claim_card

    st = state(ctx)
    with st.reader() as reader:
        card = claim_card(reader, claim)
    if as_json:
        print_json(card)
        return
    c = card["claim"]
    head = _("claim {id}: {status}").format(id=c["id"], status=translate(c["status"]))
    console.print(safe(f"{head}  {c['title'] or ''}", style="bold"))
    if c["reject_reason"]:
        console.print(safe(_("rejected: {reason}").format(reason=c["reject_reason"])))
    console.print(
        table(
            None,
            [_("line"), _("day"), _("category"), _("amount"), _("for"), _("note"), _("receipt")],
            [
                (
                    i["id"],
                    i["spent_on"].isoformat(),
                    translate(i["category"]),
                    money(i["amount"], i["currency"]),
                    " / ".join(x for x in (i["customer"], i["opportunity"], i["event"]) if x),
                    i["note"] or "",
                    i["receipt"] or "",
                )
                for i in card["items"]
            ],
        )
    )
    console.print(
        safe(_("total {total}").format(total=money(c["total"], c["total"].currency or "")))
    )


def _decide(st: State, claim: int, step: str, reason: str | None = None) -> None:
    from crmtui.services.expenses import write

    with st.db.session() as session:
        if step == "rejected":
            row = write.reject_claim(session, now=st.now(), claim_id=claim, reason=reason or "")
        else:
            move = {
                "submitted": write.submit_claim,
                "approved": write.approve_claim,
                "reimbursed": write.reimburse_claim,
            }[step]
            row = move(session, now=st.now(), claim_id=claim)
        status = row.status
    console.print(safe(_("claim {id} is now {status}").format(id=claim, status=translate(status))))


@expense_app.command("submit")
def expense_submit(ctx: typer.Context, claim: ClaimId) -> None:
    """Hand a draft claim in (it can no longer be changed)."""
    _decide(state(ctx), claim, "submitted")


@expense_app.command("approve")
def expense_approve(ctx: typer.Context, claim: ClaimId) -> None:
    """Record that a submitted claim was approved."""
    _decide(state(ctx), claim, "approved")


@expense_app.command("reject")
def expense_reject(
    ctx: typer.Context,
    claim: ClaimId,
    reason: Annotated[str, typer.Option(help=N_("Why it was rejected."))],
) -> None:
    """Record that a submitted claim was rejected, and why."""
    _decide(state(ctx), claim, "rejected", reason)


@expense_app.command("reimburse")
def expense_reimburse(ctx: typer.Context, claim: ClaimId) -> None:
    """Record that an approved claim was paid out."""
    _decide(state(ctx), claim, "reimbursed")


@expense_app.command("remove-line")
def expense_remove_line(
    ctx: typer.Context,
    line: Annotated[int, typer.Argument(help=N_("Line id."), parser=numbers.EXPENSE_LINE_ID)],
) -> None:
    """Take a line off a draft claim."""
    from crmtui.services.expenses.write import remove_line

    st = state(ctx)
    with st.db.session() as session:
        claim = remove_line(session, now=st.now(), line_id=line).id
    console.print(safe(_("line {line} removed from claim {id}").format(line=line, id=claim)))


@expense_app.command("report")
def expense_report(
    ctx: typer.Context,
    by: Annotated[str, typer.Option(help=N_("month|category|customer|event"))] = "category",
    month: Annotated[str | None, typer.Option(help=N_("Only this month, e.g. 2026-11."))] = None,
    as_json: AsJson = False,
) -> None:
    """Spending grouped by month, category, customer or event (rejected claims left out)."""
    from crmtui.services.expenses.read import expense_report as report
    from crmtui.services.summaries.periods import parse_month

    st = state(ctx)
    start = end = None
    if month:
        period = parse_month(month, st.local_now().date())
        start, end = period.start, period.end
    with st.reader() as reader:
        rows = report(reader, by=by, start=start, end=end)
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print(_("no expenses"))
        return
    console.print(
        table(
            None,
            [translate(by), _("lines"), _("amount")],
            [(r["label"] or "–", r["lines"], money(r["amount"], r["currency"])) for r in rows],
        )
    )


@expense_app.command("cost-of-sale")
def expense_cost_of_sale(
    ctx: typer.Context,
    limit: Annotated[
        int | None, typer.Option(help=N_("At most this many (default 200)."), parser=numbers.LIMIT)
    ] = None,
    as_json: AsJson = False,
) -> None:
    """What each won opportunity cost: its own expenses and its customer's while it was open."""
    from crmtui.services.expenses.read import cost_of_sale

    st = state(ctx)
    with st.reader() as reader:
        rows = cost_of_sale(reader, limit=limit or 200)
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print(_("no won opportunities"))
        return
    console.print(
        table(
            None,
            [_("opportunity"), _("customer"), _("won"), _("cost"), _("share")],
            [
                (
                    f"#{r['opportunity_id']} {r['title']}",
                    r["customer"],
                    money(r["won_amount"], r["currency"]),
                    money(r["cost"], r["currency"]),
                    r["share"],
                )
                for r in rows
            ],
        )
    )


def register(app: typer.Typer) -> None:
    app.add_typer(expense_app, name="expense")
