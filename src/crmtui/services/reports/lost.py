"""Why deals are lost: lost deals closed in the period by reason, competitor and the stage
they were lost at."""

from __future__ import annotations

from collections import Counter, defaultdict

from crmtui.db.reader import Reader
from crmtui.i18n import N_
from crmtui.money import Money
from crmtui.services.reports.funnel import LADDER, lost_at
from crmtui.services.reports.types import Cell, Chart, Report, Section, percent
from crmtui.services.reports.window import Window

BY_REASON = N_("Lost deals by reason")
BY_COMPETITOR = N_("Lost deals by competitor")
BY_STAGE = N_("Lost deals by the stage they were lost at")
NO_REASON = N_("(no reason given)")
NO_COMPETITOR = N_("(no competitor named)")


def lost_report(reader: Reader, window: Window) -> Report:
    deals = reader.rows(
        "SELECT id, amount, currency, lost_reason, competitor FROM opportunity "
        "WHERE closed_at >= :start AND closed_at < :end AND stage = 'lost'",
        window.params(reader),
    )
    changes: dict[int, list[object]] = defaultdict(list)
    ids = [int(d["id"]) for d in deals]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join(f":i{i}" for i in range(len(chunk)))
        for row in reader.rows(
            "SELECT entity_id, old, new, at FROM change WHERE entity = 'opportunity' "
            f"AND field = 'stage' AND entity_id IN ({marks}) ORDER BY entity_id, at, id",
            {f"i{i}": v for i, v in enumerate(chunk)},
        ):
            changes[int(row["entity_id"])].append(row)
    total = len(deals)

    def grouped(key: str, blank: str) -> list[list[Cell]]:
        counts: Counter[str] = Counter()
        amounts: Counter[str] = Counter()
        for deal in deals:
            label = (deal[key] or "").strip() or blank
            counts[label] += 1
            if deal["currency"] == window.currency:
                amounts[label] += int(deal["amount"])
        ordered = sorted(counts, key=lambda k: (-counts[k], k))
        return [
            [k, counts[k], percent(counts[k], total), Money(amounts[k], window.currency)]
            for k in ordered
        ]

    stages: Counter[str] = Counter(lost_at(changes.get(int(d["id"]), [])) for d in deals)
    reasons = grouped("lost_reason", NO_REASON)
    columns = [N_("deals"), N_("% of lost"), N_("amount")]
    return Report(
        "lost",
        N_("Lost deals"),
        window.first,
        window.last,
        [
            Section(
                BY_REASON,
                [N_("reason"), *columns],
                reasons,
                Chart([str(r[0]) for r in reasons], [float(r[1] or 0) for r in reasons]),
                note=N_("deals lost in the period; amounts in {currency}"),
            ),
            Section(
                BY_COMPETITOR, [N_("competitor"), *columns], grouped("competitor", NO_COMPETITOR)
            ),
            Section(
                BY_STAGE,
                [N_("stage"), N_("deals"), N_("% of lost")],
                [[s, stages[s], percent(stages[s], total)] for s in LADDER[:-1]],
                Chart(list(LADDER[:-1]), [float(stages[s]) for s in LADDER[:-1]]),
            ),
        ],
        currency=window.currency,
    )
