"""Logging a call or visit with its outcome, completing a planned one, scheduling a follow-up.

The outcome list is built for speed: a digit picks an outcome and moves on to the note, so
logging a call is ``l``, a digit, the note, Enter.
"""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from crmtui.errors import InvalidInput
from crmtui.messages import ActivityLogged, DataSaved, FollowUpPlanned
from crmtui.screens.base import crm
from crmtui.widgets.choices import ACTIVITY_KINDS, OUTCOMES
from crmtui.widgets.form import FormScreen, Saved, choice_field, note_line, saved_id, text_field
from crmtui.widgets.text import plain, when

if TYPE_CHECKING:
    from sqlmodel import Session


class OutcomeList(OptionList):
    """The outcomes, numbered; a digit or Enter picks one and moves to the next field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"pick({n - 1})", f"Outcome {n}", show=False) for n in range(1, 9)
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            *(Option(f"{n}  {o}", id=o) for n, o in enumerate(OUTCOMES, 1)), id=id, compact=True
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


class LogActivityForm(FormScreen):
    """Log a touch on a customer; ``planned=`` (an open action) completes that action, and
    ``plan_call=`` (a call of today's plan) records its outcome the way the plan expects."""

    FIELD_WORDS: ClassVar = (
        ("minutes", "minutes"),
        ("outcome", "outcome"),
        ("note", "note"),
        ("contact", "contact"),
        ("kind", "kind"),
    )

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
        self.contacts = contacts or []
        self.kind = kind

    def heading(self) -> Text:
        if self.plan_call:
            what = "Call done: "
        elif self.planned:
            what = f"Done: {self.planned.get('kind') or 'call'} with "
        else:
            what = "Log a touch with "
        return Text.assemble((what, "bold"), plain(self.customer_name, style="bold"))

    def fields(self) -> ComposeResult:
        if self.plan_call is not None:
            call = self.plan_call
            who = f" · {call['contact']}" if call.get("contact") else ""
            yield from note_line(plain(f"{call.get('goal') or ''}{who}", style="dim"))
        elif self.planned is None:
            yield from choice_field("kind", "Kind", [(k, k) for k in ACTIVITY_KINDS], self.kind)
            if self.contacts:
                people = [(plain(c["name"]), c["id"]) for c in self.contacts]
                yield from choice_field("contact", "Contact", people, blank=True, prompt="(none)")
        elif self.planned.get("note"):
            yield from note_line(plain(f"planned: {self.planned['note']}", style="dim"))
        yield Label("Outcome  1-8", classes="field-label")
        yield OutcomeList(id="f-outcome")
        yield from text_field("note", "Note", placeholder="what was said, what comes next")
        yield from text_field("minutes", "Minutes", placeholder="optional")

    def on_mount(self) -> None:
        self.query_one("#f-outcome").focus()

    def check(self, name: str, value: Any) -> str | None:
        if name == "minutes":
            _minutes(value)
        elif name == "note" and value and "\x00" in value:
            raise InvalidInput("the note contains a NUL byte, which cannot be stored")
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.activities import complete_activity, log_activity

        now = crm(self.app).now()
        note = values["note"].strip() or None
        minutes = _minutes(values["minutes"])
        if self.plan_call is not None:
            from crmtui.services.tui_support import log_plan_call

            act = log_plan_call(
                session,
                now=now,
                call=self.plan_call,
                outcome=values["outcome"],
                note=note,
                minutes=minutes,
            )
        elif self.planned is not None:
            act = complete_activity(
                session,
                now=now,
                activity_id=self.planned["id"],
                outcome=values["outcome"],
                note=note,
                minutes=minutes,
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
                contact_id=values.get("contact"),
            )
        return Saved("activity", saved_id(act), self.customer_id, values["outcome"] or "")

    def saved_message(self, saved: Saved) -> DataSaved:
        return ActivityLogged(saved.customer_id)

    def done_text(self, saved: Saved) -> str:
        return f"Logged: {saved.label or 'done'} · {self.customer_name}"


class FollowUpForm(FormScreen):
    """Schedule a planned action (a call by default) on a customer."""

    FIELD_WORDS: ClassVar = (("date", "due"), ("time", "due"), ("kind", "kind"), ("note", "note"))

    def __init__(self, customer_id: int, customer_name: str) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer_name = customer_name

    def heading(self) -> Text:
        return Text.assemble(("Follow up with ", "bold"), plain(self.customer_name, style="bold"))

    def fields(self) -> ComposeResult:
        yield from text_field(
            "due",
            "When *",
            "tomorrow 10:00",
            placeholder="tomorrow 10:00, fri 9:30, +3d, 2026-03-20 14:00",
        )
        yield from choice_field("kind", "Kind", [(k, k) for k in ACTIVITY_KINDS], "call")
        yield from text_field("note", "Note", placeholder="what to talk about")

    def on_mount(self) -> None:
        self.query_one("#f-due").focus()

    def check(self, name: str, value: Any) -> str | None:
        if name != "due":
            return None
        app = crm(self.app)
        local_now = app.now().astimezone(app.tz)
        from crmtui.services.timeparse import parse_when

        due = parse_when(value, local_now)
        past = "  (that is in the past)" if due < local_now else ""
        return f"→ {when(due, app.tz, '%a %Y-%m-%d %H:%M')}{past}"

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.activities import plan_activity
        from crmtui.services.timeparse import parse_when

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
        )
        return Saved("activity", saved_id(act), self.customer_id, values["kind"])

    def saved_message(self, saved: Saved) -> DataSaved:
        return FollowUpPlanned(saved.customer_id)

    def done_text(self, saved: Saved) -> str:
        return f"Planned a {saved.label} with {self.customer_name}"
