"""The summary's after-sale figures: complaints received and closed (with the median days to
close), services done, the satisfaction ratings given, referrals recorded — and their lines."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping
from typing import Any

from crmtui.clock import from_db
from crmtui.db.reader import Reader
from crmtui.i18n import N_, _, translate
from crmtui.services.summaries.periods import Period
from crmtui.services.summaries.types import AfterSale

# the five levels, best first (the after-sale area holds their Chinese names)
LEVEL_NAMES = {
    "5": N_("very satisfied"),
    "4": N_("satisfied"),
    "3": N_("fairly satisfied"),
    "2": N_("dissatisfied"),
    "1": N_("very dissatisfied"),
}


def after_sale(reader: Reader, span: Mapping[str, Any], period: Period) -> AfterSale:
    """The period's figures; ``span`` holds the UTC bounds as the reader stores instants."""
    received = int(
        reader.scalar(
            "SELECT count(*) FROM complaint WHERE received_at >= :start AND received_at < :end",
            span,
        )
    )
    closed = reader.rows(
        "SELECT received_at, closed_at, status FROM complaint "
        "WHERE closed_at >= :start AND closed_at < :end",
        span,
    )
    days = []
    for row in closed:
        opened, ended = from_db(row["received_at"]), from_db(row["closed_at"])
        if opened is not None and ended is not None:
            days.append((ended - opened).total_seconds() / 86400)
    services = int(
        reader.scalar(
            "SELECT count(*) FROM service_record WHERE done_on >= :first AND done_on < :after",
            {"first": period.start.isoformat(), "after": period.end.isoformat()},
        )
    )
    levels = {str(level): 0 for level in range(5, 0, -1)}
    for row in reader.rows(
        "SELECT level, count(*) AS n FROM satisfaction WHERE at >= :start AND at < :end "
        "GROUP BY level",
        span,
    ):
        levels[str(row["level"])] = int(row["n"])
    referrals = int(
        reader.scalar(
            "SELECT count(*) FROM referral WHERE created_at >= :start AND created_at < :end", span
        )
    )
    return AfterSale(
        complaints_received=received,
        complaints_closed=len(closed),
        complaints_unresolved=sum(1 for r in closed if r["status"] == "closed-unresolved"),
        median_days_to_close=round(statistics.median(days), 1) if days else None,
        services_done=services,
        satisfaction=levels,
        referrals=referrals,
    )


def after_sale_lines(figures: AfterSale, esc: Callable[[Any], str]) -> list[str]:
    """The figures as the summary's lines (Markdown and HTML)."""
    median = figures["median_days_to_close"]
    lines = [
        _("complaints received {received} · closed {closed} ({unresolved} unresolved)").format(
            received=figures["complaints_received"],
            closed=figures["complaints_closed"],
            unresolved=figures["complaints_unresolved"],
        ),
        _("median days to close: {days}").format(days="-" if median is None else median),
        _("services done {services} · referrals {referrals}").format(
            services=figures["services_done"], referrals=figures["referrals"]
        ),
    ]
    ratings = [
        f"{esc(translate(LEVEL_NAMES[level]))} {count}"
        for level, count in figures["satisfaction"].items()
        if count
    ]
    if ratings:
        lines.append(_("satisfaction: {ratings}").format(ratings=" · ".join(ratings)))
    return lines
