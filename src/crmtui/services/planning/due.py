"""What is due on a day: every reason to contact a customer, read from the database before
the planner places anything (due follow-ups and unanswered ones, new leads, keep-in-touch
cadences, won deals, birthdays, the care touches of orders and money, complaints, service
reminders, satisfaction drops). ``day_plan.py`` plans the calls among them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from crmtui.clock import from_db, zone
from crmtui.db.reader import Reader
from crmtui.i18n import _
from crmtui.l10n import chinese
from crmtui.services.aftersale.rules import level_word, word
from crmtui.services.planning import feed
from crmtui.services.planning.money_feed import money_touches
from crmtui.services.planning.planner import (
    KINDS,
    PlannerSettings,
    birthday_call_date,
    birthday_card_date,
    complaint_follow_up_date,
    dissatisfied_call_date,
    keep_in_touch_date,
    service_reminder_date,
    thank_you_date,
)
from crmtui.services.planning.planner.explain import fmt_clock
from crmtui.services.planning.planner.touches import SERVICE_REMINDER_BEFORE
from crmtui.services.planning.types import FeedCustomer

# Service plans read ahead of the day: the reminder is 3 days before, later for holidays.
SERVICE_LOOKAHEAD = SERVICE_REMINDER_BEFORE + timedelta(days=14)


class Due(NamedTuple):
    """One reason to contact a customer on a day, before the planner places it."""

    kind: str
    customer: FeedCustomer
    contact_id: int | None
    when: date
    extra: dict[str, Any]
    contact_name: str | None = None

    @property
    def is_call(self) -> bool:
        return KINDS[self.kind].channel == "call"


def _instant(value: Any) -> datetime:
    at = from_db(value)
    assert at is not None
    return at


def due_on(reader: Reader, *, settings: PlannerSettings, now: datetime, day: date) -> list[Due]:
    """Everything due on or before ``day``."""
    tz = zone(settings.zone)
    start = datetime.combine(day, time(0), tzinfo=tz)
    due: list[Due] = []
    for r in feed.follow_ups(reader, start + timedelta(days=1)):
        at = _instant(r["due_at"])
        extra = {"due_at": at, "ref": r["ref"], "note": r["note"] or ""}
        due.append(Due("follow-up", r, r["contact_id"], at.astimezone(tz).date(), extra))
    for u in feed.unanswered_follow_ups(reader, start - timedelta(days=feed.NEW_LEAD_DAYS)):
        at = _instant(u["due_at"])
        tried = _instant(u["done_at"]).astimezone(tz)
        shown = fmt_clock(tried) if chinese() else f"{tried:%a %d %b %H:%M}"
        retry = _("no answer {at}, calling again").format(at=shown) + (
            _("; {note}").format(note=u["note"]) if u["note"] else ""
        )
        # no ref: the follow-up itself is done; the retry is the planner's own
        extra = {"due_at": at, "note": retry}
        due.append(Due("follow-up", u, u["contact_id"], at.astimezone(tz).date(), extra))
    for lead in feed.new_leads(reader, start - timedelta(days=feed.NEW_LEAD_DAYS)):
        created = _instant(lead["created_at"]).astimezone(tz).date()
        due.append(Due("new-lead", lead, None, created, {}))
    for quiet in feed.keep_in_touch(reader, settings, now):
        last = _instant(quiet["last_contact_at"]).astimezone(tz).date()
        when = keep_in_touch_date(last, quiet["grade"], settings)
        note = {"note": _("no touch for {days} days").format(days=(day - last).days)}
        due.append(Due("keep-in-touch", quiet, None, when, note))
    for win in feed.recent_wins(reader, start - timedelta(days=7)):
        won = _instant(win["closed_at"]).astimezone(tz).date()
        extra = {"ref": win["ref"], "note": win["title"]}
        due.append(Due("thank-you", win, None, thank_you_date(won, win["country"]), extra))
    due += _birthday_touches(reader, day)
    for touch in money_touches(reader, settings=settings, day=day):
        extra = {"note": touch["note"]}
        due.append(Due(touch["kind"], touch["customer"], None, touch["when"], extra))
    due += _aftersale_touches(reader, day, start)
    return due


def _date(value: Any) -> date:
    """A stored date: ISO text from SQLite's plain reader, a date from PostgreSQL."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _aftersale_touches(reader: Reader, day: date, start: datetime) -> list[Due]:
    """Complaint follow-ups after the promised date, service reminders a few days before the
    service is due, and a call the day after a rating dropped to dissatisfied or worse."""
    tz = start.tzinfo
    due: list[Due] = []
    for k in feed.complaint_follow_ups(reader, day):
        promised = _date(k["promised_by"])
        note = _("complaint {id} ({category}): solution promised by {day}").format(
            id=k["ref"], category=word(k["category"]), day=promised.isoformat()
        )
        when = complaint_follow_up_date(promised, k["country"])
        due.append(Due("complaint", k, k["contact_id"], when, {"ref": k["ref"], "note": note}))
    plans = feed.services_due(reader, day + SERVICE_LOOKAHEAD)
    reached = feed.last_reached(reader, {p["id"] for p in plans})
    for p in plans:
        next_due = _date(p["next_due"])
        when = service_reminder_date(next_due, p["country"])
        last = reached.get(p["id"])
        if when > day or (last is not None and last.astimezone(tz).date() >= when):
            continue  # not yet, or the customer was reached since the reminder fell due
        note = _("{kind} due {day}").format(kind=word(p["kind"]), day=next_due.isoformat())
        due.append(Due("service", p, None, when, {"ref": p["ref"], "note": note}))
    for d in feed.satisfaction_drops(reader, start - timedelta(days=feed.DROP_DAYS)):
        rated = _instant(d["at"]).astimezone(tz).date()
        note = _("rated {level} on {day}").format(
            level=level_word(d["level"]), day=rated.isoformat()
        )
        when = dissatisfied_call_date(rated, d["country"])
        due.append(Due("dissatisfied", d, None, when, {"ref": d["ref"], "note": note}))
    return due


def _birthday_touches(reader: Reader, day: date) -> list[Due]:
    """A card when the birthday is 7 days ahead (on a working day), a call on the day."""
    from crmtui.services.contacts.birthdays_soon import upcoming_birthdays

    found = upcoming_birthdays(reader, today=day, days=10)
    if not found:
        return []
    customers = feed.customers_by_id(reader, {b["customer_id"] for b in found})
    touches = []
    for b in found:
        customer = customers[b["customer_id"]]
        note = {"note": b["name"]}
        if birthday_card_date(b["date"], customer["country"]) == day:
            touches.append(Due("birthday-card", customer, b["contact_id"], day, note, b["name"]))
        if birthday_call_date(b["date"], customer["country"]) == day:
            touches.append(Due("birthday", customer, b["contact_id"], day, note))
    return touches
