"""Marketing events (市场活动): the list, and the card of the event under the cursor with its
invitees, attendance toggles and report.

Space toggles whether the invitee under the cursor came (the event must be held; the follow-up
rule plans their call); ``n`` plans a new event, ``i`` invites, ``o``/``h``/``c``/``x`` move the
event to open, held, closed or cancelled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static

from crmtui.i18n import N_, _, translate
from crmtui.messages import DataSaved
from crmtui.screens.base import DataScreen
from crmtui.services.events.rules import status_word
from crmtui.widgets.data_access import read, report, write
from crmtui.widgets.panel_table import PanelTable
from crmtui.widgets.text import clip, money

if TYPE_CHECKING:
    from crmtui.services.events.types import EventCard


class EventsScreen(DataScreen):
    """See the module docstring."""

    AUTO_FOCUS = "#events"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="events.back"),
        Binding("n", "new_event", N_("New event"), id="events.new"),
        Binding("i", "invite", N_("Invite"), id="events.invite"),
        Binding("space", "toggle_attended", N_("Came?"), id="events.attended"),
        Binding("o", "move('open')", N_("Open"), id="events.open"),
        Binding("h", "move('held')", N_("Held"), id="events.held"),
        Binding("c", "move('closed')", N_("Close"), id="events.close"),
        Binding("x", "move('cancelled')", N_("Cancel"), show=False, id="events.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.card: EventCard | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield PanelTable(
            [_("day"), _("name"), _("status"), _("came"), _("cost")],
            id="events",
            empty=_("no events yet: n plans one"),
            edge_leaves=False,
            classes="plan-table",
        )
        yield Static("", id="event-head", markup=False)
        yield PanelTable(
            [_("customer"), _("answer"), _("came"), _("lead")],
            id="invitees",
            empty=_("nobody invited yet: i invites"),
            edge_leaves=False,
            classes="plan-table",
        )
        yield Static("", id="event-report", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("市场活动 Events")
        self.query_one("#events").border_title = _("Events")
        self.query_one("#invitees").border_title = _("Invited")

    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="events", exit_on_error=False)
    def _load(self) -> None:
        from crmtui.services.events.read import list_events

        rows = read(self.app, lambda r: list_events(r, limit=200))
        if rows is not None:
            self.deliver(self._show, list(rows))

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.query_one("#events", PanelTable).fill(
            (
                {**e, "_key": f"e{e['id']}"},
                [
                    e["starts_on"].isoformat(),
                    clip(e["name"], 30),
                    status_word(e["status"]),
                    f"{e['attended']}/{e['invited']}",
                    money(e["cost"], e["currency"]),
                ],
            )
            for e in rows
        )
        self._chosen_event()

    @on(DataTable.RowHighlighted, "#events")
    def _chosen_event(self) -> None:
        event = self.query_one("#events", PanelTable).current()
        if event is not None:
            self._load_card(int(event["id"]))

    @work(thread=True, exclusive=True, group="event-card", exit_on_error=False)
    def _load_card(self, event_id: int) -> None:
        from crmtui.services.events.read import event_card

        card = read(self.app, lambda r: event_card(r, event_id))
        if card is not None:
            self.deliver(self._show_card, card)

    def _show_card(self, card: EventCard) -> None:
        self.card = card
        e, r = card["event"], card["report"]
        cur = e["currency"]
        words = (translate(e["kind"]), status_word(e["status"]), e["place"] or "")
        spent = _("budget {budget}, spent {cost}").format(
            budget=money(e["budget"], cur), cost=money(e["cost"], cur)
        )
        # the name and place are the user's words: plain text, never markup
        head = Text(f"#{e['id']} {e['name']} · {' · '.join(words)} · {spent}")
        self.query_one("#event-head", Static).update(head)
        self.query_one("#invitees", PanelTable).fill(
            (
                {**p, "_key": f"p{p['id']}"},
                [
                    clip(p["customer"], 30),
                    translate(p["status"]),
                    "✓" if p["attended"] else "",
                    "✓" if p["lead"] else "",
                ],
            )
            for p in card["invitees"]
        )
        self.query_one("#event-report", Static).update(
            _(
                "invited {invited} · registered {registered} · came {attended} · leads {leads} · "
                "opportunities {opportunities} · won {won} ({amount}) · per attendee {per}"
            ).format(
                **r,
                amount=money(r["won_amount"], cur),
                per=money(r["cost_per_attendee"], cur) or "–",
            )
        )

    # -- acting -------------------------------------------------------------------------------

    def _event(self) -> dict[str, Any] | None:
        event = self.query_one("#events", PanelTable).current()
        if event is None:
            self.notify(_("No event chosen."), markup=False)
        return event

    def action_new_event(self) -> None:
        from crmtui.widgets.office_forms import EventForm

        self.app.push_screen(EventForm())

    def action_invite(self) -> None:
        from crmtui.widgets.office_forms import InviteForm

        event = self._event()
        if event is not None:
            self.app.push_screen(InviteForm(int(event["id"]), event["name"]))

    def action_toggle_attended(self) -> None:
        event = self._event()
        person = self.query_one("#invitees", PanelTable).current()
        if event is None or person is None:
            return
        self._attend(int(event["id"]), int(person["customer_id"]), not person["attended"])

    @work(thread=True, group="event-write", exit_on_error=False)
    def _attend(self, event_id: int, customer_id: int, came: bool) -> None:
        from crmtui.services.events.write import attend

        app = self.crm
        try:
            write(
                self.app,
                lambda s: attend(
                    s,
                    now=app.now(),
                    event_id=event_id,
                    customer_id=customer_id,
                    attended=came,
                    country=app.config.country,
                    zone=app.tz,
                ),
            )
        except Exception as exc:
            report(self.app, exc)
            return
        self.deliver(self.app.post_message, DataSaved())

    def action_move(self, status: str) -> None:
        event = self._event()
        if event is not None:
            self._move(int(event["id"]), status)

    @work(thread=True, group="event-write", exit_on_error=False)
    def _move(self, event_id: int, status: str) -> None:
        from crmtui.services.events.write import move_event

        app = self.crm
        try:
            write(
                self.app,
                lambda s: move_event(
                    s,
                    now=app.now(),
                    event_id=event_id,
                    status=status,
                    country=app.config.country,
                    zone=app.tz,
                ),
            )
        except Exception as exc:
            report(self.app, exc)
            return
        self.deliver(self.app.post_message, DataSaved())

    def action_back(self) -> None:
        self.crm.action_go("today")
