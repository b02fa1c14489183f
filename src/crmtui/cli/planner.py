"""``crm plan`` (who to call today, when and why) and ``crm busy`` (their busy times)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.text import Text

from crmtui import l10n, numbers, words
from crmtui.cli.context import State, console, print_json, state
from crmtui.cli.render import safe, table, who
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from crmtui.services.planning.planner import PlannerSettings
    from crmtui.services.planning.types import PlanCall, PlanData, Who

WhoT = TypeVar("WhoT", bound="Who")

LIST_ROWS = 20  # of each list under the calls; --json has them all


def settings_of(st: State) -> PlannerSettings:
    from crmtui.services.planning.planner import PlannerSettings

    return PlannerSettings.from_config(st.config, zone=st.tz.key)


def plan(
    ctx: typer.Context,
    day: Annotated[
        str | None, typer.Option("--date", help=N_("YYYY-MM-DD (default today)."))
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output."))] = False,
) -> None:
    """Today's calls in order, in your time and theirs, with the reasons; and what does not fit."""
    from crmtui.services.planning.plan_cache import cached_plan

    st = state(ctx)
    try:
        when = date.fromisoformat(day) if day else None
    except ValueError as exc:
        raise InvalidInput("not-a-date", text=day) from exc
    with st.reader() as reader:
        data = cached_plan(reader, settings=settings_of(st), now=st.now(), day=when)
    if as_json:
        print_json(data)
        return
    print_plan(data)


def print_plan(data: PlanData) -> None:
    """One block per call: the time, who and which number, their time, the goal, why."""
    title = _("Call plan · {day} · your zone {zone}").format(
        day=l10n.full_day(data["day"]), zone=data["zone"]
    )
    console.print(Text(title, style="bold"))
    if not data["calls"]:
        console.print(_("No calls fit this day."))
    for call in data["calls"]:
        head = Text(f"{call['at']:%H:%M}  ", style="bold")
        head.append_text(safe(_who(call)))
        head.append_text(safe(f"  {call['phone'] or ''}"))
        console.print(head)
        uncertain = _(" (zone uncertain)") if "zone-uncertain" in call["flags"] else ""
        line = _("       their {time}{uncertain} · {goal}")
        console.print(safe(line.format(time=_their(call), uncertain=uncertain, goal=call["goal"])))
        # Times avoided because of the other planned calls are noise in the text view.
        why = [r for r in call["reasons"] if not _is_other_call(r)]
        console.print(
            safe(_("       why: {reasons}").format(reasons=_("; ").join(why))), style="dim"
        )
    _section(
        _("Due but not placed"),
        data["not_placed"],
        lambda u: f"{u['reason']}" + (f" → {u['suggestion']}" if u["suggestion"] else ""),
    )
    _section(
        _("Letters, cards and tasks"),
        data["tasks"],
        lambda t: _("{goal} ({reason})").format(goal=t["goal"], reason=t["reason"]),
    )
    _section(
        _("Nurture: no answer after many tries"),
        data["nurture"],
        lambda n: ngettext("{n} unanswered", "{n} unanswered", n["unanswered"]).format(
            n=n["unanswered"]
        ),
    )


def _is_other_call(reason: str) -> bool:
    """True for "you have a call to X at 10:00": the planner avoided another planned call."""
    pattern = re.escape(_("you have {what} at {at}"))
    pattern = pattern.replace(re.escape("{what}"), "(?P<what>.*)").replace(re.escape("{at}"), ".*")
    found = re.fullmatch(pattern, reason)
    call = _("a call to {who}").split("{who}")[0]
    return found is not None and found.group("what").startswith(call)


def _section(title: str, rows: Sequence[WhoT], describe: Callable[[WhoT], str]) -> None:
    if rows:
        console.print(Text(title, style="bold"))
        for row in rows[:LIST_ROWS]:
            console.print(safe(_("  {who}: {text}").format(who=_who(row), text=describe(row))))
        if len(rows) > LIST_ROWS:
            more = _("  … and {count} more ({hint})")
            console.print(more.format(count=len(rows) - LIST_ROWS, hint="crm plan --json"))


def _their(call: PlanCall) -> str:
    return f"{call['their_time'][11:16]} {call['their_zone']}"


def _who(item: Who) -> str:
    return who(item["customer"], item["contact"])


def busy(
    ctx: typer.Context,
    customer: Annotated[
        str | None, typer.Argument(help=N_("Customer (id or part of the name)."))
    ] = None,
    slot: Annotated[
        str | None, typer.Argument(help=N_("e.g. 'Mon 10:00-11:00', 'Mon-Fri 12:00-13:00'."))
    ] = None,
    contact: Annotated[str | None, typer.Option(help=N_("The slot is this contact's."))] = None,
    kind: Annotated[str, typer.Option(help=N_("busy|preferred|do-not-call"))] = "busy",
    note: Annotated[str | None, typer.Option(help=N_("e.g. 'weekly meeting'."))] = None,
    list_: Annotated[bool, typer.Option("--list", help=N_("List the customer's slots."))] = False,
    remove: Annotated[
        int | None,
        typer.Option("--remove", help=N_("Remove the slot with this id."), parser=numbers.BUSY_ID),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=N_("JSON output (with --list)."))] = False,
) -> None:
    """Record when a customer is busy (or prefers calls, or must not be called), in their time."""
    from crmtui.services.customers.read import resolve_contact, resolve_customer
    from crmtui.services.planning import busy_slots as slots

    st = state(ctx)
    if remove is not None:
        with st.db.session() as session:
            slots.remove_slot(session, slot_id=remove)
        console.print(_("removed slot {id}").format(id=remove))
        return
    if customer is None:
        raise InvalidInput("busy-needs-customer")
    with st.reader() as reader:
        target = resolve_customer(reader, customer)
        contact_id = resolve_contact(reader, target["id"], contact)["id"] if contact else None
        if list_ or slot is None:
            rows = slots.list_slots(reader, customer_id=target["id"])
            if as_json:
                print_json(rows)
            else:
                console.print(
                    table(
                        None,
                        [_("id"), _("kind"), _("when"), _("contact"), _("note")],
                        [
                            (
                                r["id"],
                                words.label("slot", r["kind"]),
                                r["label"],
                                r["contact"] or "",
                                r["note"] or "",
                            )
                            for r in rows
                        ],
                    )
                    if rows
                    else _("no slots")
                )
            return
    with st.db.session() as session:
        added = slots.add_slots(
            session,
            now=st.now(),
            customer_id=target["id"],
            contact_id=contact_id,
            text=slot,
            kind=kind,
            note=note,
        )
    text = ngettext(
        "{kind} {slot} recorded for {name} ({count} slot)",
        "{kind} {slot} recorded for {name} ({count} slots)",
        added,
    )
    shown = words.label("slot", words.from_input("slot", kind))
    console.print(safe(text.format(kind=shown, slot=slot, name=target["name"], count=added)))


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
    app.command("busy")(busy)
