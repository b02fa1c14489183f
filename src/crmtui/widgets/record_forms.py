"""The smaller forms of the card: a new opportunity, moving one to another stage, a note."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult

from crmtui import words
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, _
from crmtui.messages import DataSaved, NoteAdded, OpportunitySaved
from crmtui.widgets.choices import OPP_STAGES
from crmtui.widgets.data_access import crm
from crmtui.widgets.form import (
    FormScreen,
    Saved,
    area_field,
    check_field,
    choice_field,
    saved_id,
    text_field,
)
from crmtui.widgets.text import money, plain

if TYPE_CHECKING:
    from sqlmodel import Session


def _close_date(text: str, app_now_local: Any) -> date | None:
    from crmtui.services.common.timeparse import parse_when

    text = (text or "").strip()
    return parse_when(text, app_now_local).date() if text else None


class OpportunityForm(FormScreen):
    """Open an opportunity for a customer."""

    def __init__(self, customer_id: int, customer_name: str, *, currency: str = "CNY") -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.currency = currency

    def heading(self) -> Text:
        return Text.assemble(
            (_("New opportunity with "), "bold"), plain(self.customer_name, style="bold")
        )

    def fields(self) -> ComposeResult:
        yield from text_field("title", N_("Title *"), placeholder=N_("500 units of model X"))
        yield from text_field("amount", N_("Amount"), placeholder=N_("120000 or 12,000.50"))
        yield from text_field("currency", N_("Currency"), self.currency)
        yield from choice_field(
            "stage", N_("Stage"), [(words.label("opportunity", s), s) for s in OPP_STAGES], "lead"
        )
        yield from text_field("close", N_("Expected close"), placeholder=N_("2026-06-30, +4w"))
        yield from text_field("next_step", N_("Next step"))

    def on_mount(self) -> None:
        self.query_one("#f-title").focus()

    def check(self, name: str, value: Any) -> str | None:
        from crmtui.services.common import checks

        app = crm(self.app)
        if name == "title":
            checks.name(value, "title")
        elif name == "amount":
            minor = checks.amount(value)
            return f"→ {money(minor, self.value('currency') or '')}" if value.strip() else None
        elif name == "currency":
            checks.currency(value)
        elif name == "close":
            close = _close_date(value, app.now().astimezone(app.tz))
            return f"→ {close:%a %Y-%m-%d}" if close else None
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.common import checks
        from crmtui.services.sales.write import create_opportunity

        app = crm(self.app)
        opp = create_opportunity(
            session,
            now=app.now(),
            customer_id=self.customer_id,
            title=values["title"],
            amount=checks.amount(values["amount"]),
            currency=values["currency"].strip() or "CNY",
            stage=values["stage"],
            next_step=values["next_step"].strip() or None,
            expected_close=_close_date(values["close"], app.now().astimezone(app.tz)),
        )
        return Saved("opportunity", saved_id(opp), self.customer_id, opp.title)

    def saved_message(self, saved: Saved) -> DataSaved:
        return OpportunitySaved(saved.customer_id)


class MoveStageForm(FormScreen):
    """Move an opportunity to another stage; losing one asks why."""

    def __init__(self, opportunity: dict[str, Any], customer_id: int) -> None:
        super().__init__()
        self.opportunity = opportunity
        self.customer_id = customer_id

    def heading(self) -> Text:
        return Text.assemble(
            (_("Move "), "bold"),
            plain(self.opportunity["title"], style="bold"),
            (
                _("  (now {stage})").format(
                    stage=words.label("opportunity", self.opportunity["stage"])
                ),
                "dim",
            ),
        )

    def fields(self) -> ComposeResult:
        stage = self.opportunity["stage"]
        following = OPP_STAGES[min(OPP_STAGES.index(stage) + 1, 4)] if stage in OPP_STAGES else None
        yield from choice_field(
            "stage",
            N_("Stage"),
            [(words.label("opportunity", s), s) for s in OPP_STAGES],
            following or stage,
        )
        yield from text_field(
            "reason", N_("Lost because"), placeholder=N_("needed when the stage is lost")
        )

    def on_mount(self) -> None:
        self.query_one("#f-stage").focus()

    def check(self, name: str, value: Any) -> str | None:
        if name == "reason" and self.value("stage") == "lost" and not (value or "").strip():
            if "reason" in self._touched or "stage" in self._touched:
                raise InvalidInput("lost-reason-missing", field="reason")
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.sales.write import move_opportunity

        reason = values["reason"].strip() or None
        if values["stage"] == "lost" and not reason:
            raise InvalidInput("lost-reason-missing", field="reason")
        opp = move_opportunity(
            session,
            now=crm(self.app).now(),
            opportunity_id=self.opportunity["id"],
            stage=values["stage"],
            lost_reason=reason,
        )
        return Saved("opportunity", saved_id(opp), self.customer_id, opp.stage)

    def saved_message(self, saved: Saved) -> DataSaved:
        return OpportunitySaved(saved.customer_id)


class NoteForm(FormScreen):
    """A note on a customer (Ctrl+S saves; Enter starts a new line)."""

    def __init__(self, customer_id: int | None, customer_name: str = "") -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer_name = customer_name

    def heading(self) -> Text:
        if self.customer_id is None:
            return Text("A pinned note for the desktop", style="bold")
        return Text.assemble((_("Note on "), "bold"), plain(self.customer_name, style="bold"))

    def fields(self) -> ComposeResult:
        yield from area_field("body", N_("Note *  (Ctrl+S saves)"))
        yield from check_field("pinned", N_("pin it on the desktop"), self.customer_id is None)

    def on_mount(self) -> None:
        self.query_one("#f-body").focus()

    def check(self, name: str, value: Any) -> str | None:
        if name == "body" and "body" in self._touched and not (value or "").strip():
            raise InvalidInput("note-empty", field="body")
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.notes.write import add_note

        note = add_note(
            session,
            now=crm(self.app).now(),
            body=values["body"],
            customer_id=self.customer_id,
            pinned=values["pinned"],
        )
        return Saved("note", saved_id(note), self.customer_id, "")

    def saved_message(self, saved: Saved) -> DataSaved:
        return NoteAdded(saved.customer_id)
