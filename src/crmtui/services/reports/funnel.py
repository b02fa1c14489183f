"""The funnel: opportunities opened in the period by stage, how many reached each stage and
went on to the next, how long they stayed in each, and the amounts won and lost.

A deal "reached" a stage when it stands there or further now; a lost deal reached the stage it
was lost at (the stage history says which; a deal entered as lost reached only ``lead``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from crmtui.clock import from_db
from crmtui.db.constants import OPP_STAGES
from crmtui.db.reader import Reader
from crmtui.i18n import N_
from crmtui.money import Money
from crmtui.services.reports.types import Cell, Chart, Report, Section, percent
from crmtui.services.reports.window import Window

LADDER = ("lead", "qualified", "proposal", "negotiation", "won")
BY_STAGE = N_("Opportunities by stage")
CONVERSION = N_("Conversion between stages")
DAYS = N_("Average days in stage")
OUTCOME = N_("Won and lost")


def stage_history(reader: Reader, window: Window) -> dict[int, list[Any]]:
    """Each opportunity opened in the window → its stage changes, oldest first."""
    history: dict[int, list[Any]] = defaultdict(list)
    for row in reader.rows(
        "SELECT ch.entity_id, ch.old, ch.new, ch.at FROM change ch "
        "JOIN opportunity o ON o.id = ch.entity_id "
        "WHERE ch.entity = 'opportunity' AND ch.field = 'stage' "
        "AND o.created_at >= :start AND o.created_at < :end ORDER BY ch.entity_id, ch.at, ch.id",
        window.params(reader),
    ):
        history[int(row["entity_id"])].append(row)
    return history


def lost_at(changes: list[Any]) -> str:
    """The stage a lost deal was lost at: where it stood before its last move to lost."""
    for change in reversed(changes):
        if change["new"] == "lost" and change["old"] in LADDER:
            return str(change["old"])
    return "lead"


def funnel_report(reader: Reader, window: Window) -> Report:
    deals = reader.rows(
        "SELECT id, stage, amount, currency, created_at FROM opportunity "
        "WHERE created_at >= :start AND created_at < :end",
        window.params(reader),
    )
    history = stage_history(reader, window)
    count: dict[str, int] = defaultdict(int)
    amount: dict[str, int] = defaultdict(int)
    reached: dict[str, int] = defaultdict(int)
    stay_days: dict[str, float] = defaultdict(float)
    stays: dict[str, int] = defaultdict(int)
    for deal in deals:
        stage, changes = deal["stage"], history.get(int(deal["id"]), [])
        count[stage] += 1
        if deal["currency"] == window.currency:
            amount[stage] += int(deal["amount"])
        top = lost_at(changes) if stage == "lost" else stage
        for step in LADDER[: LADDER.index(top) + 1] if top in LADDER else ():
            reached[step] += 1
        since = from_db(deal["created_at"])
        for change in changes:
            at = from_db(change["at"])
            if since is not None and at is not None and change["old"] in LADDER:
                stay_days[change["old"]] += (at - since).total_seconds() / 86400
                stays[change["old"]] += 1
            since = at
    cur = window.currency
    by_stage: list[list[Cell]] = [[s, count[s], Money(amount[s], cur)] for s in OPP_STAGES]
    conversion: list[list[Cell]] = [
        [f"{a} → {b}", reached[a], reached[b], percent(reached[b], reached[a])]
        for a, b in zip(LADDER, LADDER[1:], strict=False)
    ]
    days: list[list[Cell]] = [
        [s, stays[s], round(stay_days[s] / stays[s], 1) if stays[s] else None] for s in LADDER[:-1]
    ]
    won, lost = count["won"], count["lost"]
    outcome: list[list[Cell]] = [
        [won, Money(amount["won"], cur), lost, Money(amount["lost"], cur), percent(won, won + lost)]
    ]
    return Report(
        "funnel",
        N_("Sales funnel"),
        window.first,
        window.last,
        [
            Section(
                BY_STAGE,
                [N_("stage"), N_("deals"), N_("amount")],
                by_stage,
                Chart(list(OPP_STAGES), [float(count[s]) for s in OPP_STAGES]),
                note=N_("opportunities opened in the period; amounts in {currency}"),
            ),
            Section(
                CONVERSION,
                [N_("step"), N_("reached"), N_("went on"), N_("conversion %")],
                conversion,
                Chart(list(LADDER), [float(reached[s]) for s in LADDER]),
            ),
            Section(DAYS, [N_("stage"), N_("stays"), N_("average days")], days),
            Section(
                OUTCOME,
                [N_("won"), N_("won amount"), N_("lost"), N_("lost amount"), N_("win rate %")],
                outcome,
            ),
        ],
        currency=cur,
    )
