"""Marketing events (市场活动): the list, and the card of the event under the cursor with its
invitees, attendance toggles and report.

Space toggles whether the invitee under the cursor came (the event must be held; the follow-up
rule plans their call); ``n`` plans a new event, ``i`` invites, ``o``/``h``/``c``/``x`` move the
event to open, held, closed or cancelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Static

from crmtui.i18n import N_, _, translate
from crmtui.screens.list_card import ListCardScreen, plan_table
from crmtui.services.events.rules import status_word
from crmtui.widgets.panel_table import PanelTable
from crmtui.widgets.text import clip, money

if TYPE_CHECKING:
    from crmtui.db.reader import Reader
    from crmtui.services.events.types import EventCard


class EventsScreen(ListCardScreen):
    """See the module docstring."""

    AUTO_FOCUS = "#events"
    LIST = "events"
    CARD_GROUP = "event-card"
    WRITE_GROUP = "event-write"
    NOTHING_CHOSEN = N_("No event chosen.")
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
        yield plan_table(
            [_("day"), _("name"), _("status"), _("came"), _("cost")],
            id="events",
            empty=_("no events yet: n plans one"),
        )
        yield Static("", id="event-head", markup=False)
        yield plan_table(
            [_("customer"), _("answer"), _("came"), _("lead")],
            id="invitees",
            empty=_("nobody invited yet: i invites"),
        )
        yield Static("", id="event-report", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("市场活动 Events")
        self.query_one("#events").border_title = _("Events")
        self.query_one("#invitees").border_title = _("Invited")

    def read_list(self, reader: Reader) -> Sequence[Any]:
        from crmtui.services.events.read import list_events

        return list_events(reader, limit=200)

    def read_card(self, reader: Reader, key: int) -> EventCard | None:
        from crmtui.services.events.read import event_card

        return event_card(reader, key)

    def show_list(self, rows: list[dict[str, Any]]) -> None:
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

    def show_card(self, card: EventCard) -> None:
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

    def action_new_event(self) -> None:
        from crmtui.widgets.office_forms import EventForm

        self.app.push_screen(EventForm())

    def action_invite(self) -> None:
        from crmtui.widgets.office_forms import InviteForm

        event = self.chosen()
        if event is not None:
            self.app.push_screen(InviteForm(int(event["id"]), event["name"]))

    def action_toggle_attended(self) -> None:
        event = self.chosen()
        person = self.query_one("#invitees", PanelTable).current()
        if event is None or person is None:
            return
        self._change(
            "attend",
            int(event["id"]),
            customer_id=int(person["customer_id"]),
            attended=not person["attended"],
        )

    def action_move(self, status: str) -> None:
        event = self.chosen()
        if event is not None:
            self._change("move_event", int(event["id"]), status=status)

    def _change(self, name: str, event_id: int, **values: Any) -> None:
        """``services.events.write.NAME`` on the event, in the user's country and zone."""
        from crmtui.services.events import write

        change = getattr(write, name)
        app = self.crm
        now, country, zone = app.now(), app.config.country, app.tz
        self.save(
            lambda s: change(s, now=now, event_id=event_id, country=country, zone=zone, **values)
        )
