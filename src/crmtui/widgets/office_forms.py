"""Forms of the office screens: a new event, an invitation, an expense claim with its lines and
a running total, rejecting a claim, an announcement. Each saves through the same service as the
command line, in one transaction."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult

from crmtui.errors import InvalidInput
from crmtui.i18n import _, ngettext, translate
from crmtui.messages import DataSaved
from crmtui.widgets.data_access import crm
from crmtui.widgets.form import (
    FormScreen,
    Saved,
    area_field,
    check_field,
    choice_field,
    note_line,
    saved_id,
    text_field,
)
from crmtui.widgets.text import money

if TYPE_CHECKING:
    from sqlmodel import Session

    from crmtui.services.expenses.types import LineInput


def _day(text: str, field: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("not-a-date", field=field, text=text) from None


class EventForm(FormScreen):
    """Plan a marketing event."""

    def heading(self) -> Text:
        return Text(_("New marketing event (市场活动)"), style="bold")

    def fields(self) -> ComposeResult:
        from crmtui.services.events.rules import KIND_WORDS, KINDS

        yield from text_field("name", _("Name *"))
        kinds = [(translate(KIND_WORDS[k]), k) for k in KINDS]
        yield from choice_field("kind", _("Kind"), kinds, "other")
        yield from text_field("start", _("First day *"), placeholder="2026-12-10")
        yield from text_field("end", _("Last day"), placeholder=_("the first day"))
        yield from text_field("place", _("Place"))
        yield from text_field("budget", _("Budget"), placeholder="50000")
        yield from text_field("partners", _("Partners"))

    def on_mount(self) -> None:
        self.query_one("#f-name").focus()

    def check(self, name: str, value: Any) -> str | None:
        from crmtui.services.common import checks

        if name == "name" and "name" in self._touched:
            checks.name(value)
        elif name in ("start", "end"):
            day = _day(value, name)
            return f"→ {day:%a %Y-%m-%d}" if day else None
        elif name == "budget":
            minor = checks.amount(value)
            return f"→ {money(minor, crm(self.app).config.currency)}" if value.strip() else None
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.common import checks
        from crmtui.services.events.write import create_event

        app = crm(self.app)
        start = _day(values["start"], "start")
        if start is None:
            raise InvalidInput("not-a-date", field="start", text=values["start"])
        event = create_event(
            session,
            now=app.now(),
            name=values["name"],
            kind=values["kind"],
            starts_on=start,
            ends_on=_day(values["end"], "end"),
            place=values["place"].strip() or None,
            budget=checks.amount(values["budget"]),
            currency=app.config.currency,
            partners=values["partners"].strip() or None,
        )
        return Saved("event", saved_id(event), None, event.name)

    def saved_message(self, saved: Saved) -> DataSaved:
        return DataSaved()


class InviteForm(FormScreen):
    """Invite a customer to an event, or add a new lead met there."""

    def __init__(self, event_id: int, event_name: str) -> None:
        super().__init__()
        self.event_id = event_id
        self.event_name = event_name

    def heading(self) -> Text:
        return Text(_("Invite to {event}").format(event=self.event_name), style="bold")

    def fields(self) -> ComposeResult:
        from crmtui.services.events.rules import INVITE_STATUSES

        yield from text_field("customer", _("Customer"), placeholder=_("id or part of the name"))
        yield from choice_field(
            "status", _("Answer"), [(translate(s), s) for s in INVITE_STATUSES], "invited"
        )
        yield from text_field("lead", _("…or a new lead"), placeholder=_("name of someone new"))
        yield from text_field("phone", _("Their phone"))

    def on_mount(self) -> None:
        self.query_one("#f-customer").focus()

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.customers.read import resolve_customer
        from crmtui.services.events.write import add_lead, invite

        app = crm(self.app)
        if values["lead"].strip():
            row = add_lead(
                session,
                now=app.now(),
                event_id=self.event_id,
                name=values["lead"],
                phone=values["phone"].strip() or None,
                region=app.config.country,
                country=app.config.country,
                zone=app.tz,
            )
            return Saved("invitee", saved_id(row), row.customer_id, values["lead"])
        if not values["customer"].strip():
            raise InvalidInput("event-invite-who", field="customer")
        with app.readers.reader() as reader:
            customer = resolve_customer(reader, values["customer"])
        row = invite(
            session,
            now=app.now(),
            event_id=self.event_id,
            customer_id=customer["id"],
            status=values["status"],
        )
        return Saved("invitee", saved_id(row), customer["id"], customer["name"])

    def saved_message(self, saved: Saved) -> DataSaved:
        return DataSaved(saved.customer_id)


class ClaimForm(FormScreen):
    """An expense claim: one line per row, ``DATE CATEGORY AMOUNT [NOTE]``, with the running
    total shown as the lines are typed."""

    def heading(self) -> Text:
        return Text(_("New expense claim (费用报销)"), style="bold")

    def fields(self) -> ComposeResult:
        yield from text_field("title", _("Title"), placeholder=_("November travel"))
        yield from note_line(_("one line each: DATE CATEGORY AMOUNT [NOTE]"))
        yield from area_field("lines", _("Lines *"))
        yield from text_field("customer", _("For customer"), placeholder=_("id or name"))
        yield from text_field("event", _("For event id"))

    def on_mount(self) -> None:
        self.query_one("#f-lines").focus()

    def _lines(self, text: str) -> list[LineInput]:
        from crmtui.services.expenses.rules import parse_line

        currency = crm(self.app).config.currency
        return [parse_line(row, currency) for row in text.splitlines() if row.strip()]

    def check(self, name: str, value: Any) -> str | None:
        if name == "lines":
            lines = self._lines(value or "")
            if not lines:
                return None
            total = sum(line.amount for line in lines)
            currency = crm(self.app).config.currency
            return ngettext(
                "{count} line, total {total}", "{count} lines, total {total}", len(lines)
            ).format(count=len(lines), total=money(total, currency))
        if name == "event" and (value or "").strip():
            from crmtui.numbers import whole

            whole(value, "event id", 1, 2**63 - 1)
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from dataclasses import replace

        from crmtui.numbers import whole
        from crmtui.services.customers.read import resolve_customer
        from crmtui.services.expenses.write import add_lines

        app = crm(self.app)
        lines = self._lines(values["lines"])
        if not lines:
            raise InvalidInput("expense-no-lines", field="lines")
        customer_id = None
        if values["customer"].strip():
            with app.readers.reader() as reader:
                customer_id = resolve_customer(reader, values["customer"])["id"]
        event_id = whole(values["event"], "event id", 1, 2**63 - 1) if values["event"] else None
        lines = [replace(x, customer_id=customer_id, event_id=event_id) for x in lines]
        claim = add_lines(
            session,
            now=app.now(),
            lines=lines,
            title=values["title"].strip() or None,
            new_claim=True,
        )
        return Saved("claim", saved_id(claim), customer_id, claim.title or "")

    def saved_message(self, saved: Saved) -> DataSaved:
        return DataSaved()


class RejectForm(FormScreen):
    """Reject a submitted claim, with the reason."""

    def __init__(self, claim_id: int) -> None:
        super().__init__()
        self.claim_id = claim_id

    def heading(self) -> Text:
        return Text(_("Reject claim {id}").format(id=self.claim_id), style="bold")

    def fields(self) -> ComposeResult:
        yield from text_field("reason", _("Why *"))

    def on_mount(self) -> None:
        self.query_one("#f-reason").focus()

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.expenses.write import reject_claim

        claim = reject_claim(
            session, now=crm(self.app).now(), claim_id=self.claim_id, reason=values["reason"]
        )
        return Saved("claim", saved_id(claim), None, claim.status)

    def saved_message(self, saved: Saved) -> DataSaved:
        return DataSaved()


class AnnouncementForm(FormScreen):
    """An announcement for the today desktop."""

    def heading(self) -> Text:
        return Text(_("New announcement (公告)"), style="bold")

    def fields(self) -> ComposeResult:
        yield from text_field("title", _("Announcement *"))
        yield from text_field("until", _("Shown until"), placeholder="2026-12-31")
        yield from check_field("pinned", _("pin it at the top"))

    def on_mount(self) -> None:
        self.query_one("#f-title").focus()

    def check(self, name: str, value: Any) -> str | None:
        if name == "until":
            day = _day(value, "until")
            return f"→ {day:%a %Y-%m-%d}" if day else None
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.announcements.write import announce

        app = crm(self.app)
        row = announce(
            session,
            now=app.now(),
            title=values["title"],
            pinned=values["pinned"],
            valid_until=_day(values["until"], "until"),
            today=app.now().astimezone(app.tz).date(),
        )
        return Saved("announcement", saved_id(row), None, row.title)

    def saved_message(self, saved: Saved) -> DataSaved:
        return DataSaved()
