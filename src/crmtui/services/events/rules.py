"""Pure rules of an event: its kinds and statuses, the moves between them, when follow-ups fall.

``planning → open → held → closed``, or ``cancelled`` before it is held. Attendance is recorded
once the event is held; invitations are taken until it is closed or cancelled.
"""

from __future__ import annotations

from datetime import date, timedelta

from crmtui.errors import InvalidInput
from crmtui.i18n import N_, pgettext
from crmtui.services.planning.planner.workdays import next_working_day

KINDS = ("trade-fair", "seminar", "demo-day", "dinner", "webinar", "other")
STATUSES = ("planning", "open", "held", "closed", "cancelled")
INVITE_STATUSES = ("invited", "registered", "declined")
MOVES: dict[str, tuple[str, ...]] = {
    "planning": ("open", "cancelled"),
    "open": ("held", "cancelled"),
    "held": ("closed",),
    "closed": (),
    "cancelled": (),
}
KIND_WORDS = {
    "trade-fair": N_("trade-fair"),
    "seminar": N_("seminar"),
    "demo-day": N_("demo-day"),
    "dinner": N_("dinner"),
    "webinar": N_("webinar"),
    "other": N_("other"),
}
INVITE_WORDS = {
    "invited": N_("invited"),
    "registered": N_("registered"),
    "declined": N_("declined"),
}
FOLLOW_UP_HOUR = 9  # local time on the working day after the event


def status_word(status: str) -> str:
    """An event's status in the user's language (``open`` and ``closed`` mean something else
    for a complaint, hence the context)."""
    words = {
        "planning": pgettext("event status", "planning"),
        "open": pgettext("event status", "open"),
        "held": pgettext("event status", "held"),
        "closed": pgettext("event status", "closed"),
        "cancelled": pgettext("event status", "cancelled"),
    }
    return words.get(status, status)


def check_move(event_id: int, old: str, new: str) -> None:
    """Refuse a move the status machine does not allow, naming the ones it does."""
    if new not in STATUSES:
        raise InvalidInput(
            "unknown-choice", field="status", label="status", value=new, choices=STATUSES
        )
    if new not in MOVES[old]:
        raise InvalidInput(
            "event-cannot-move",
            field="status",
            id=event_id,
            old=old,
            new=new,
            allowed=MOVES[old] or ("nothing",),
        )


def can_attend(status: str) -> bool:
    """Attendance is recorded while the event is held (a closed one is final)."""
    return status == "held"


def can_invite(status: str) -> bool:
    return status in ("planning", "open", "held")


def follow_up_day(ends_on: date, country: str | None) -> date:
    """The working day after the event's last day: when its attendees get a follow-up call."""
    return next_working_day(ends_on + timedelta(days=1), country)


def per_head(cost: int, count: int) -> int | None:
    """Cost per attendee or per lead, in minor units rounded half up; None when nobody."""
    if count <= 0:
        return None
    return (cost * 2 + count) // (count * 2)
