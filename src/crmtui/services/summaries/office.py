"""The office section of a weekly or monthly summary: events held, who came, the leads they
brought, and what was spent by category (rejected claims left out)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypedDict

from crmtui.db.reader import Reader
from crmtui.i18n import _, translate
from crmtui.money import format_money
from crmtui.services.expenses.read import expense_report
from crmtui.services.expenses.types import ReportRow
from crmtui.services.summaries.periods import Period


class HeldEvent(TypedDict):
    id: int
    name: str
    attended: int
    leads: int


class OfficeFigures(TypedDict):
    events_held: int
    attendees: int
    leads_from_events: int
    events: list[HeldEvent]
    expenses_by_category: list[ReportRow]


def office_figures(reader: Reader, period: Period) -> OfficeFigures:
    """Events whose last day falls in ``period`` and were held (or since closed)."""
    rows = reader.rows(
        "SELECT e.id, e.name, "
        "(SELECT count(*) FROM event_invitee i WHERE i.event_id = e.id AND i.attended) AS came, "
        "(SELECT count(*) FROM event_invitee i WHERE i.event_id = e.id AND i.lead) AS leads "
        "FROM event e WHERE e.status IN ('held', 'closed') AND e.ends_on >= :start "
        "AND e.ends_on < :end ORDER BY e.ends_on, e.id",
        {"start": period.start.isoformat(), "end": period.end.isoformat()},
    )
    events: list[HeldEvent] = [
        {"id": r["id"], "name": r["name"], "attended": int(r["came"]), "leads": int(r["leads"])}
        for r in rows
    ]
    return {
        "events_held": len(events),
        "attendees": sum(e["attended"] for e in events),
        "leads_from_events": sum(e["leads"] for e in events),
        "events": events,
        "expenses_by_category": expense_report(
            reader, by="category", start=period.start, end=period.end
        ),
    }


def office_sections(
    office: Mapping[str, Any], esc: Callable[[Any], str]
) -> list[tuple[str, list[str]]]:
    """The office figures as titled lists of lines, like ``render.sections``."""
    events = [
        _("{name}: {came} came, {leads} new leads").format(
            name=esc(e["name"]), came=e["attended"], leads=e["leads"]
        )
        for e in office["events"]
    ]
    head = _("{held} held, {came} attendees, {leads} leads from events").format(
        held=office["events_held"], came=office["attendees"], leads=office["leads_from_events"]
    )
    spent = [
        f"{esc(translate(r['key']))}: {format_money(r['amount'], r['currency'])} ({r['lines']})"
        for r in office["expenses_by_category"]
    ]
    return [
        (_("Events ({count})").format(count=office["events_held"]), [head, *events]),
        (_("Expenses by category"), spent or [_("none")]),
    ]
