"""The customer card (客户档案): header facts, then tabs for the profile, contacts, the activity
timeline, opportunities, notes, orders and money, with the card's actions one key away."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from crmtui.errors import NotFound
from crmtui.i18n import N_, _
from crmtui.messages import CustomerTrashed
from crmtui.screens.base import DataScreen
from crmtui.screens.card_money import MoneyTabs, money_panes
from crmtui.widgets.card_rows import (
    contact_rows,
    note_rows,
    opportunity_rows,
    tab_title,
    timeline_rows,
)
from crmtui.widgets.card_text import header_text, profile_text
from crmtui.widgets.data_access import report, write
from crmtui.widgets.panel_table import PanelTable
from crmtui.widgets.service_tab import ServiceTab, full_card

TABS = (
    "profile",
    "contacts",
    "timeline",
    "opportunities",
    "notes",
    "orders",
    "money",
    "service",
)


class CardScreen(MoneyTabs, DataScreen):
    """The card of one customer; Escape goes back to where it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="card.back"),
        Binding("l", "log", N_("Log call"), id="card.log"),
        Binding("f", "follow_up", N_("Follow-up"), id="card.follow-up"),
        Binding("c", "add_contact", N_("Contact"), id="card.add-contact"),
        Binding("n", "add_note", N_("Note"), id="card.add-note"),
        Binding("o", "add_opportunity", N_("Opportunity"), id="card.add-opportunity", show=False),
        Binding("m", "move_stage", N_("Move stage"), id="card.move-stage", show=False),
        Binding("e", "edit", N_("Edit"), id="card.edit"),
        Binding("k", "complaint", N_("Complaint"), id="card.complaint", show=False),
        Binding("delete", "trash", N_("Trash"), id="card.trash", show=False),
        # x: the row's edit form with its Delete button (a contact: delete it); M: merge another
        # customer into this one. Ctrl+Z (the app's) undoes either.
        Binding("x", "edit_record", N_("Edit/delete row"), id="card.edit-record", show=False),
        Binding("M", "merge", N_("Merge into this…"), id="card.merge", show=False),
        Binding("O", "add_order", N_("Order"), id="card.add-order", show=False),
        Binding("P", "add_payment", N_("Payment"), id="card.add-payment", show=False),
        *(Binding(str(i), f"tab('{t}')", t.title(), show=False) for i, t in enumerate(TABS, 1)),
    ]

    def __init__(self, customer_id: int, *, card: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.card: dict[str, Any] | None = None
        self._given = card  # read before the screen opened (see CrmApp.open_card)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("loading…", id="card-header")
        with TabbedContent(id="tabs", initial="timeline"):
            with TabPane(tab_title("profile"), id="profile"), VerticalScroll():
                yield Static("", id="profile-text")
            with TabPane(tab_title("contacts"), id="contacts"):
                yield PanelTable(
                    [
                        N_("name"),
                        N_("role"),
                        N_("phones"),
                        N_("email"),
                        N_("birthday"),
                        N_("notes"),
                    ],
                    id="contacts-table",
                    empty=N_("no contacts yet: press c"),
                    edge_leaves=False,
                )
            with TabPane(tab_title("timeline"), id="timeline"):
                yield PanelTable(
                    [N_("when"), N_("kind"), N_("outcome"), N_("contact"), N_("note")],
                    id="timeline-table",
                    empty=N_("nothing logged or planned yet"),
                    edge_leaves=False,
                )
            with TabPane(tab_title("opportunities"), id="opportunities"):
                yield PanelTable(
                    [N_("title"), N_("stage"), N_("amount"), N_("close"), N_("next step / reason")],
                    id="opportunities-table",
                    empty=N_("no opportunities: press o"),
                    edge_leaves=False,
                )
            with TabPane(tab_title("notes"), id="notes"):
                yield PanelTable(
                    ["", N_("updated"), N_("note")],
                    id="notes-table",
                    empty=N_("no notes: press n"),
                    edge_leaves=False,
                )
            yield from money_panes()
            with TabPane(tab_title("service"), id="service"):
                yield ServiceTab()
        yield Footer()

    def titles(self) -> None:
        self.sub_title = _("客户档案 Card")

    def load(self) -> None:
        self.load_money()
        if self._given is not None:
            card, self._given = self._given, None
            self._show(card)
        else:
            self._load(self.customer_id)

    @work(thread=True, exclusive=True, group="card", exit_on_error=False)
    def _load(self, customer_id: int) -> None:
        now = self.crm.now()
        try:
            with self.crm.readers.reader() as reader:
                card = full_card(reader, customer_id, now=now)
        except NotFound:
            self.deliver(self._gone)
            return
        except Exception as exc:
            report(self.app, exc)
            return
        self.deliver(self._show, card)

    def _gone(self) -> None:
        self.notify(_("This customer is no longer there (moved to the trash?)."), markup=False)
        self.dismiss_card()

    def _show(self, card: dict[str, Any]) -> None:
        if card.get("deleted_at"):
            self._gone()
            return
        self.card = card
        tz = self.crm.tz
        self.query_one("#card-header", Static).update(header_text(card, self.crm.now(), tz))
        self.query_one("#profile-text", Static).update(profile_text(card, tz))
        self.query_one(ServiceTab).show(card["service"], tz)
        self._table("contacts").fill(contact_rows(card))
        self._table("timeline").fill(timeline_rows(card, self.crm.now(), tz))
        self._table("opportunities").fill(opportunity_rows(card))
        self._table("notes").fill(note_rows(card, tz))
        tabs = self.query_one(TabbedContent)
        counts = {
            "contacts": len(card["contacts"]),
            "opportunities": len(card["opportunities"]),
            "notes": len(card["note_items"]),
            "timeline": card["activity_count"],
            "service": len(card["service"]["complaints"]),
        }
        for pane, count in counts.items():
            tabs.get_tab(pane).label = f"{tab_title(pane)} ({count})"

    def _table(self, tab: str) -> PanelTable:
        return self.query_one(f"#{tab}-table", PanelTable)

    # -- actions ------------------------------------------------------------------------------

    def dismiss_card(self) -> None:
        if self.is_current:
            self.app.pop_screen()

    def action_back(self) -> None:
        self.dismiss_card()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        table = self.query(f"#{tab}-table")
        if table:
            table.first().focus()

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        table = event.data_table
        record = table.record_for(event.row_key) if isinstance(table, PanelTable) else None
        if not record or self.card is None:
            return
        if "planned" in record:
            self._log(planned=record["planned"])
        elif "done" in record or "note" in record:
            from crmtui.screens.card_edits import edit_record

            edit_record(self, record)
        elif "contact" in record:
            from crmtui.widgets.contact_form import ContactForm

            self.app.push_screen(
                ContactForm(
                    self.customer_id,
                    self.card["name"],
                    contact=record["contact"],
                    region=self._region(),
                )
            )
        elif "opportunity" in record:
            self._move(record["opportunity"])
        elif "complaint" in record:
            from crmtui.widgets.complaint_forms import ComplaintStepForm

            self.app.push_screen(ComplaintStepForm(record["complaint"]))
        elif "order" in record:
            self.open_order(record["order"])

    def action_edit_record(self) -> None:
        """Edit or delete the row under the cursor of the timeline, notes or contacts."""
        from crmtui.screens.card_edits import delete_contact, edit_record

        table = self.focused
        record = table.current() if isinstance(table, PanelTable) else None
        if not record:
            self.notify(_("Pick a row of the timeline, notes or contacts first."), markup=False)
        elif "contact" in record:
            delete_contact(self, record["contact"])
        else:
            edit_record(self, record)

    def action_merge(self) -> None:
        from crmtui.screens.card_edits import merge_into

        merge_into(self)

    def _region(self) -> str | None:
        country = (self.card or {}).get("country") or self.crm.config.country
        return str(country) if country else None

    def _log(self, planned: dict[str, Any] | None = None) -> None:
        from crmtui.widgets.activity_forms import LogActivityForm

        if self.card is None:
            return
        self.app.push_screen(
            LogActivityForm(
                self.customer_id, self.card["name"], planned=planned, contacts=self.card["contacts"]
            )
        )

    def action_log(self) -> None:
        """Complete the call planned for today (or overdue) if there is one, else log a new one."""
        if self.card is None:
            return
        local = self.crm.now().astimezone(self.crm.tz)
        tomorrow = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        due = [
            a
            for a in self.card["planned"]
            if a["kind"] == "call" and a["due_at"] is not None and a["due_at"] < tomorrow
        ]
        self._log(planned=due[0] if due else None)

    def action_follow_up(self) -> None:
        from crmtui.widgets.activity_forms import FollowUpForm

        if self.card:
            self.app.push_screen(
                FollowUpForm(self.customer_id, self.card["name"], contacts=self.card["contacts"])
            )

    def action_add_contact(self) -> None:
        from crmtui.widgets.contact_form import ContactForm

        if self.card:
            self.app.push_screen(
                ContactForm(self.customer_id, self.card["name"], region=self._region())
            )

    def action_add_note(self) -> None:
        from crmtui.widgets.record_forms import NoteForm

        if self.card:
            self.app.push_screen(NoteForm(self.customer_id, self.card["name"]))

    def action_add_opportunity(self) -> None:
        from crmtui.widgets.record_forms import OpportunityForm

        if self.card:
            currency = str(self.crm.config.currency)
            self.app.push_screen(
                OpportunityForm(self.customer_id, self.card["name"], currency=currency)
            )

    def action_move_stage(self) -> None:
        if self.card is None:
            return
        table = self._table("opportunities")
        chosen = table.current() if self.focused is table else None
        opp = chosen["opportunity"] if chosen else None
        if opp is None:
            open_ones = [o for o in self.card["opportunities"] if o["closed_at"] is None]
            opp = (open_ones or self.card["opportunities"] or [None])[0]
        if opp is None:
            self.notify(_("No opportunity yet: press o to open one."), markup=False)
            return
        self._move(opp)

    def _move(self, opp: dict[str, Any]) -> None:
        from crmtui.widgets.record_forms import MoveStageForm

        self.app.push_screen(MoveStageForm(opp, self.customer_id))

    def action_complaint(self) -> None:
        """Record a complaint (step 1); Enter on one in the Service tab records its next step."""
        from crmtui.widgets.complaint_forms import NewComplaintForm

        if self.card:
            self.app.push_screen(NewComplaintForm(self.customer_id, self.card["name"]))

    def action_edit(self) -> None:
        from crmtui.widgets.customer_form import CustomerForm

        if self.card:
            self.app.push_screen(CustomerForm(self.card, region=self.crm.config.country))

    def action_trash(self) -> None:
        from crmtui.widgets.confirm import Confirm
        from crmtui.widgets.text import plain

        if self.card is None:
            return
        question = Text.assemble(
            "Move ",
            plain(self.card["name"], style="bold"),
            " to the trash?\nIt leaves every list; `crm restore` brings it back.",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._trash()

        self.app.push_screen(Confirm(question, yes="Trash"), answered)

    @work(thread=True, exclusive=True, group="card-trash", exit_on_error=False)
    def _trash(self) -> None:
        from crmtui.services.customers.write import trash_customer

        try:
            write(
                self.app,
                lambda s: trash_customer(s, customer_id=self.customer_id, now=self.crm.now()),
            )
        except Exception as exc:
            report(self.app, exc)
            return
        name = (self.card or {}).get("name", "")
        self.app.notify(_("Moved to the trash: {name}").format(name=name), markup=False)
        self.app.post_message(CustomerTrashed(self.customer_id))
        self.deliver(self.dismiss_card)
