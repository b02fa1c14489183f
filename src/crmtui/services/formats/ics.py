"""Planned actions and birthdays as an iCalendar file, for the salesperson's phone or Outlook.

Planned actions are written as VEVENTs, not VTODOs. A planned call or visit has a time of its
own, which is what an event is; and VTODO support is patchy where it matters (Google Calendar
ignores VTODOs on import, many phone calendars do not show them), while every calendar shows
VEVENTs. Done-or-not state stays in the CRM, which is the place to tick actions off.

Birthdays are all-day events repeating every year, marked transparent so they do not show the
salesperson as busy. A 29 February birthday repeats on the last day of February
(``BYMONTH=2;BYMONTHDAY=-1``): the 29th in leap years, the 28th otherwise, as the CRM does.

Every text is stripped of control characters (iCalendar text cannot hold them) and escaped by
the icalendar package, so the output stays valid whatever the salesperson typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar

from crmtui import clock
from crmtui.services.formats.dates import parse_birthday
from crmtui.services.formats.safety import strip_controls

PRODID = "-//crmtui//crmtui//EN"

# The year an all-day series starts in when the birth year is unknown. A leap year, so that a
# 29 February birthday has a real first date.
_NO_YEAR_START = 2000


@dataclass(frozen=True)
class ActionEvent:
    """A planned action (call, visit, meeting...) to put in a calendar.

    ``uid`` must stay the same across exports (e.g. ``"activity-42@crmtui"``) so that calendars
    update the event instead of adding a copy. ``start`` must be timezone-aware.
    """

    uid: str
    start: datetime
    summary: str
    description: str | None = None
    duration: timedelta = timedelta(minutes=30)


@dataclass(frozen=True)
class BirthdayEvent:
    """A yearly birthday; ``birthday`` is ``MM-DD`` or ``YYYY-MM-DD`` as in ``ContactRecord``.

    ``summary`` defaults to a cake and the name, which reads the same in every language.
    """

    uid: str
    name: str
    birthday: str
    summary: str | None = None
    description: str | None = None


def write_calendar(
    events: Iterable[ActionEvent | BirthdayEvent],
    *,
    stamp: datetime | None = None,
    calendar_name: str | None = None,
) -> bytes:
    """Return an iCalendar (RFC 5545) document holding ``events``.

    ``stamp`` is the DTSTAMP of every event (default: the CRM clock's now). Raises
    ``ValueError`` for a naive ``start`` or an impossible birthday.
    """
    dtstamp = (stamp or clock.now()).astimezone(UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")  # a published copy, not invitations to answer
    if calendar_name:
        # X- properties have no known type: say it is text, or newlines go out unescaped.
        calendar.add("x-wr-calname", icalendar.vText(_one_line(calendar_name)))
    for item in events:
        if isinstance(item, ActionEvent):
            event = _action(item)
        else:
            event = _birthday(item)
        event.add("dtstamp", dtstamp)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def _one_line(text: str) -> str:
    """Identifiers and titles stay on one line, whatever they were given."""
    return " ".join(strip_controls(text).splitlines())


def _action(item: ActionEvent) -> icalendar.Event:
    if item.start.tzinfo is None or item.start.utcoffset() is None:
        raise ValueError(f"action {item.uid!r}: start time has no time zone")
    start = item.start.astimezone(UTC)
    event = icalendar.Event()
    event.add("uid", _one_line(item.uid))
    event.add("dtstart", start)
    event.add("dtend", start + item.duration)
    event.add("summary", strip_controls(item.summary))
    if item.description:
        event.add("description", strip_controls(item.description))
    return event


def _birthday(item: BirthdayEvent) -> icalendar.Event:
    try:
        canonical = parse_birthday(item.birthday)
    except ValueError as exc:
        raise ValueError(f"birthday {item.uid!r}: {item.birthday!r} {exc}") from None
    if canonical is None:
        raise ValueError(f"birthday {item.uid!r} has no date")
    year = int(canonical[:4]) if len(canonical) == 10 else _NO_YEAR_START
    month, day = int(canonical[-5:-3]), int(canonical[-2:])
    first = date(year, month, day)
    event = icalendar.Event()
    event.add("uid", _one_line(item.uid))
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=1))
    if (month, day) == (2, 29):
        event.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
    else:
        event.add("rrule", {"freq": "yearly"})
    event.add("summary", strip_controls(item.summary or f"🎂 {item.name}"))
    if item.description:
        event.add("description", strip_controls(item.description))
    event.add("transp", "TRANSPARENT")
    return event
