"""Logging a call or visit with its outcome, completing a planned one, scheduling a follow-up.

The outcome list is built for speed: a digit picks an outcome and moves on to the note, so
logging a call is ``l``, a digit, the note, Enter.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Label, OptionList, Select
from textual.widgets.option_list import Option

from crmtui import words
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, _, pgettext
from crmtui.l10n import moment
from crmtui.messages import ActivityLogged, DataSaved, FollowUpPlanned
from crmtui.widgets.choices import ACTIVITY_KINDS, OUTCOMES
from crmtui.widgets.data_access import crm, read
from crmtui.widgets.form import FormScreen, Saved, choice_field, note_line, saved_id, text_field
from crmtui.widgets.text import plain

if TYPE_CHECKING:
    from sqlmodel import Session


# the keys 1-8 of the outcome list, as the palette and the keys panel name them
PICKS = (
    N_("Outcome 1"),
    N_("Outcome 2"),
    N_("Outcome 3"),
    N_("Outcome 4"),
    N_("Outcome 5"),
    N_("Outcome 6"),
    N_("Outcome 7"),
    N_("Outcome 8"),
)


class OutcomeList(OptionList):
    """The outcomes, numbered; a digit or Enter picks one and moves to the next field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"pick({n - 1})", name, show=False) for n, name in enumerate(PICKS, 1)
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            *(Option(f"{n}  {words.label('outcome', o)}", id=o) for n, o in enumerate(OUTCOMES, 1)),
            id=id,
            compact=True,
        )

    @property
    def value(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def on_mount(self) -> None:
        self.highlighted = 0

    def action_pick(self, index: int) -> None:
        self.highlighted = index
        self.screen.focus_next()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.screen.focus_next()


def _minutes(value: str) -> int | None:
    """Blank, or the duration by the same rule as ``crm log --minutes``."""
    from crmtui.numbers import minutes

    return minutes(value) if (value or "").strip() else None


class ContactChoice(FormScreen):
    """A form with a "Contact" drop-down of the customer's contacts.

    The card passes the contacts it has; opened from elsewhere (the desktop, the planner) the
    form reads them in a thread worker and fills the drop-down when they come.
    """

    customer_id: int
    contacts: list[dict[str, Any]] | None
    default_contact: int | None = None

    def contact_field(self) -> ComposeResult:
        yield from choice_field(
            "contact",
            N_("Contact"),
            self._people(),
            self._default(),
            blank=True,
            prompt=N_("(none)"),
        )

    def _people(self) -> list[tuple[Text, int]]:
        return [(plain(c["name"]), int(c["id"])) for c in self.contacts or []]

    def _default(self) -> int | None:
        known = {c["id"] for c in self.contacts or []}
        return self.default_contact if self.default_contact in known else None

    def load_contacts(self) -> None:
        if self.contacts is None:
            self._read_contacts()

    @work(thread=True, exclusive=True, group="form-contacts", exit_on_error=False)
    def _read_contacts(self) -> None:
        from crmtui.services.customers.read import list_contacts

        customer_id = self.customer_id
        found = read(self.app, lambda r: list_contacts(r, customer_id=customer_id, limit=500))
        if found is not None:
            self.app.call_from_thread(self._got_contacts, found)

    def _got_contacts(self, found: list[dict[str, Any]]) -> None:
        if not self.is_attached:
            return
        self.contacts = found
        choice = self.query_one("#f-contact", Select)
        if choice.value is Select.NULL:  # nothing picked while they were read
            choice.set_options(self._people())
            default = self._default()
            if default is not None:
                choice.value = default


def _logged_at(text: str, app: Any) -> datetime:
    """When a logged touch happened: typed in the user's zone, never in the future."""
    from crmtui.services.common.timeparse import parse_when

    local_now = app.now().astimezone(app.tz)
    moment = parse_when(text, local_now)
    if moment > local_now:
        raise InvalidInput("when-in-future", field="when")
    return moment


class LogActivityForm(ContactChoice):
    """Log a touch on a customer; ``planned=`` (an open action) completes that action, and
    ``plan_call=`` (a call of today's plan) records its outcome the way the plan expects."""

    def __init__(
        self,
        customer_id: int,
        customer_name: str,
        *,
        planned: dict[str, Any] | None = None,
        plan_call: dict[str, Any] | None = None,
        contacts: list[dict[str, Any]] | None = None,
        kind: str = "call",
    ) -> None:
        super().__init__()
        self.plan_call = plan_call
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.planned = planned
        self.contacts = contacts
        self.kind = kind
        self.default_contact = (plan_call or planned or {}).get("contact_id")

    def heading(self) -> Text:
        if self.plan_call:
            what = _("Call done: ")
        elif self.planned:
            kind = words.label("activity", self.planned.get("kind") or "call")
            what = _("Done: {kind} with ").format(kind=kind)
        else:
            what = _("Log a touch with ")
        return Text.assemble((what, "bold"), plain(self.customer_name, style="bold"))

    def fields(self) -> ComposeResult:
        if self.plan_call is not None:
            call = self.plan_call
            who = f" · {call['contact']}" if call.get("contact") else ""
            yield from note_line(plain(f"{call.get('goal') or ''}{who}", style="dim"))
        elif self.planned is None:
            yield from choice_field(
                "kind",
                N_("Kind"),
                [(words.label("activity", k), k) for k in ACTIVITY_KINDS],
                self.kind,
            )
        elif self.planned.get("note"):
            planned = _("planned: {note}").format(note=self.planned["note"])
            yield from note_line(plain(planned, style="dim"))
        yield Label(_("Outcome  1-8"), classes="field-label")
        yield OutcomeList(id="f-outcome")
        yield from text_field("note", N_("Note"), placeholder=N_("what was said, what comes next"))
        yield from text_field("minutes", N_("Minutes"), placeholder=N_("optional"))
        yield from text_field(
            "when",
            N_("When *"),
            pgettext("typed time", "now"),
            placeholder=N_("now, 10:00, 2026-03-10 15:30, -1d 16:00"),
        )
        yield from self.contact_field()

    def on_mount(self) -> None:
        self.query_one("#f-outcome").focus()
        self.load_contacts()

    def check(self, name: str, value: Any) -> str | None:
        if name == "minutes":
            _minutes(value)
        elif name == "when":
            app = crm(self.app)
            return "→ " + moment(_logged_at(value, app).astimezone(app.tz))
        elif name == "note" and value and "\x00" in value:
            raise InvalidInput("note-has-nul", field="note")
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.activities.write import complete_activity, log_activity

        app = crm(self.app)
        now = app.now()
        at = _logged_at(values["when"], app).astimezone(UTC)
        contact = values.get("contact")
        note = values["note"].strip() or None
        minutes = _minutes(values["minutes"])
        if self.plan_call is not None:
            from crmtui.services.desktop.tui import log_plan_call

            act = log_plan_call(
                session,
                now=now,
                call=self.plan_call,
                outcome=values["outcome"],
                note=note,
                minutes=minutes,
                at=at,
                contact_id=contact,
            )
        elif self.planned is not None:
            act = complete_activity(
                session,
                now=now,
                activity_id=self.planned["id"],
                outcome=values["outcome"],
                note=note,
                minutes=minutes,
                at=at,
                contact_id=contact,
            )
        else:
            act = log_activity(
                session,
                now=now,
                customer_id=self.customer_id,
                kind=values["kind"],
                outcome=values["outcome"],
                minutes=minutes,
                note=note,
                at=at,
                contact_id=contact,
            )
        return Saved("activity", saved_id(act), self.customer_id, values["outcome"] or "")

    def saved_message(self, saved: Saved) -> DataSaved:
        return ActivityLogged(saved.customer_id)

    def done_text(self, saved: Saved) -> str:
        return f"Logged: {saved.label or 'done'} · {self.customer_name}"


class FollowUpForm(ContactChoice):
    """Schedule a planned action (a call by default) on a customer, with whom if known."""

    def __init__(
        self,
        customer_id: int,
        customer_name: str,
        *,
        contacts: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.contacts = contacts

    def heading(self) -> Text:
        return Text.assemble(
            (_("Follow up with "), "bold"), plain(self.customer_name, style="bold")
        )

    def fields(self) -> ComposeResult:
        yield from text_field(
            "due",
            N_("When *"),
            pgettext("typed time", "tomorrow 10:00"),
            placeholder=N_("tomorrow 10:00, fri 9:30, +3d, 2026-03-20 14:00"),
        )
        yield from choice_field(
            "kind", N_("Kind"), [(words.label("activity", k), k) for k in ACTIVITY_KINDS], "call"
        )
        yield from text_field("note", N_("Note"), placeholder=N_("what to talk about"))
        yield from self.contact_field()

    def on_mount(self) -> None:
        self.query_one("#f-due").focus()
        self.load_contacts()

    def check(self, name: str, value: Any) -> str | None:
        if name != "due":
            return None
        app = crm(self.app)
        local_now = app.now().astimezone(app.tz)
        from crmtui.services.activities.write import check_follow_up_time
        from crmtui.services.common.timeparse import parse_when

        due = parse_when(value, local_now)
        check_follow_up_time(due, local_now)  # the same refusal as crm follow-up
        return "→ " + moment(due.astimezone(app.tz))

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.activities.write import plan_activity
        from crmtui.services.common.timeparse import parse_when

        app = crm(self.app)
        now = app.now()
        due = parse_when(values["due"], now.astimezone(app.tz)).astimezone(UTC)
        act = plan_activity(
            session,
            now=now,
            customer_id=self.customer_id,
            due_at=due,
            kind=values["kind"],
            note=values["note"].strip() or None,
            refuse_past=True,
            contact_id=values.get("contact"),
        )
        return Saved("activity", saved_id(act), self.customer_id, values["kind"])

    def saved_message(self, saved: Saved) -> DataSaved:
        return FollowUpPlanned(saved.customer_id)

    def done_text(self, saved: Saved) -> str:
        return f"Planned a {saved.label} with {self.customer_name}"
