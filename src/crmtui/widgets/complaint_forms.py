"""The complaint forms: a new complaint (step 1, what the customer said) and the next step,
which offers only the steps that may come next, in order, with the practice's guidance for the
chosen one in one line; closing asks for the customer's satisfaction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Label, Select

from crmtui.i18n import _
from crmtui.messages import DataSaved
from crmtui.services.aftersale import rules
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
from crmtui.widgets.text import plain

if TYPE_CHECKING:
    from sqlmodel import Session

CLOSE = "close"


class ComplaintSaved(DataSaved):
    """A complaint was recorded or moved on a step."""


def _choices(table: dict[str, Any]) -> list[tuple[str, str]]:
    return [(rules.word(code), code) for code in table]


def _levels() -> list[tuple[str, int]]:
    return [(rules.level_label(level), level) for level in rules.LEVELS]


class NewComplaintForm(FormScreen):
    """Record a complaint: step 1, the customer's own words."""

    def __init__(self, customer_id: int, customer_name: str) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer_name = customer_name

    def heading(self) -> Text:
        return Text.assemble(
            (_("New complaint (投诉) from "), "bold"), plain(self.customer_name, style="bold")
        )

    def fields(self) -> ComposeResult:
        yield from note_line(Text(_("Step 1: ") + rules.guidance(1), style="italic"))
        yield from area_field("said", _("They said *"))
        yield from choice_field("category", _("Category"), _choices(rules.CATEGORIES), "other")
        yield from choice_field("severity", _("Severity"), _choices(rules.SEVERITIES), "normal")
        yield from choice_field("channel", _("Channel"), _choices(rules.CHANNELS), "call")

    def on_mount(self) -> None:
        self.query_one("#f-said").focus()

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.aftersale.write import add_complaint

        made = add_complaint(
            session,
            now=crm(self.app).now(),
            customer_id=self.customer_id,
            said=values["said"],
            category=values["category"],
            severity=values["severity"],
            channel=values["channel"],
        )
        return Saved("complaint", saved_id(made), self.customer_id)

    def saved_message(self, saved: Saved) -> DataSaved:
        return ComplaintSaved(saved.customer_id)

    def done_text(self, saved: Saved) -> str:
        return _("Complaint {id} recorded; next: step 2").format(id=saved.id)


class ComplaintStepForm(FormScreen):
    """The next step of a complaint, or its close (with the customer's satisfaction)."""

    def __init__(self, complaint: dict[str, Any]) -> None:
        super().__init__()
        self.complaint = complaint
        self.steps = [s for s in complaint["next_steps"] if s > complaint["step"]] or list(
            complaint["next_steps"]
        )

    def heading(self) -> Text:
        k = self.complaint
        return Text.assemble(
            (_("Complaint {id}: ").format(id=k["id"]), "bold"),
            plain(k["said"], style="bold"),
            ("  " + rules.word(k["status"]), "dim"),
        )

    def fields(self) -> ComposeResult:
        options: list[tuple[str, Any]] = [(rules.step_name(s), s) for s in self.steps]
        options.append((_("close: ask how satisfied they are"), CLOSE))
        first = self.steps[0] if self.steps else CLOSE
        yield from choice_field("step", _("Step"), options, first)
        yield Label(self._guidance(first), id="guidance", classes="form-line")
        yield from area_field("note", _("What was said or done *"))
        yield from text_field("by", _("Promised by"), placeholder=_("step 4: 2026-12-01, +7d"))
        yield from choice_field("satisfaction", _("Satisfaction"), _levels(), blank=True)
        yield from check_field("unresolved", _("Still not satisfied (closed, unresolved)"))

    def _guidance(self, step: Any) -> Text:
        if step == CLOSE:
            return Text(_("Close: the customer's satisfaction is required."), style="italic")
        return Text(rules.guidance(int(step)), style="italic")

    @on(Select.Changed, "#f-step")
    def _step_changed(self, event: Select.Changed) -> None:
        self.query_one("#guidance", Label).update(self._guidance(event.value))

    def on_mount(self) -> None:
        self.query_one("#f-note").focus()

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.aftersale.write import close_complaint, record_step
        from crmtui.services.common.timeparse import parse_when

        app = crm(self.app)
        kid = self.complaint["id"]
        if values["step"] == CLOSE:
            made = close_complaint(
                session,
                now=app.now(),
                complaint_id=kid,
                satisfaction=values["satisfaction"],
                unresolved=bool(values["unresolved"]),
                note=values["note"],
            )
        else:
            by = (values["by"] or "").strip()
            local = app.now().astimezone(app.tz)
            made = record_step(
                session,
                now=app.now(),
                complaint_id=kid,
                step=int(values["step"]),
                note=values["note"],
                by_date=parse_when(by, local).date() if by else None,
            )
        return Saved("complaint", kid, self.complaint["customer_id"], rules.word(made.status))

    def saved_message(self, saved: Saved) -> DataSaved:
        return ComplaintSaved(saved.customer_id)

    def done_text(self, saved: Saved) -> str:
        return _("Complaint {id}: {status}").format(id=saved.id, status=saved.label)
