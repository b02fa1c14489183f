"""Expenses (费用): the claims by status, and the lines of the claim under the cursor.

``n`` opens the claim form (lines with a running total); ``s`` submits the claim under the
cursor, ``a`` records its approval, ``r`` its rejection (with the reason), ``p`` that it was
paid. A claim past draft is frozen: the service refuses, and the refusal is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static

from crmtui.i18n import N_, _, pgettext, translate
from crmtui.messages import DataSaved
from crmtui.screens.base import DataScreen
from crmtui.widgets.data_access import read, report, write
from crmtui.widgets.panel_table import PanelTable
from crmtui.widgets.text import clip, money

if TYPE_CHECKING:
    from sqlmodel import Session

    from crmtui.services.expenses.types import ClaimCard


class ExpensesScreen(DataScreen):
    """See the module docstring."""

    AUTO_FOCUS = "#claims"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), id="expenses.back"),
        Binding("n", "new_claim", N_("New claim"), id="expenses.new"),
        Binding("s", "step('submit')", N_("Submit"), id="expenses.submit"),
        Binding("a", "step('approve')", N_("Approved"), id="expenses.approve"),
        Binding("r", "reject", N_("Rejected"), id="expenses.reject"),
        Binding("p", "step('reimburse')", N_("Paid"), id="expenses.reimburse"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield PanelTable(
            [_("status"), pgettext("period", "from"), _("title"), _("lines"), _("total")],
            id="claims",
            empty=_("no claims yet: n starts one"),
            edge_leaves=False,
            classes="plan-table",
        )
        yield Static("", id="claim-head", markup=False)
        yield PanelTable(
            [_("day"), _("category"), _("amount"), _("for"), _("note")],
            id="lines",
            empty=_("no lines"),
            edge_leaves=False,
            classes="plan-table",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("费用 Expenses")
        self.query_one("#claims").border_title = _("Claims")
        self.query_one("#lines").border_title = _("Lines")

    def load(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="claims", exit_on_error=False)
    def _load(self) -> None:
        from crmtui.services.expenses.read import list_claims

        rows = read(self.app, lambda r: list_claims(r, limit=200))
        if rows is not None:
            self.deliver(self._show, list(rows))

    def _show(self, rows: list[dict[str, Any]]) -> None:
        # by status: what still needs doing first
        order = {"draft": 0, "submitted": 1, "approved": 2, "rejected": 3, "reimbursed": 4}
        rows = sorted(rows, key=lambda c: (order.get(c["status"], 9), -int(c["id"])))
        self.query_one("#claims", PanelTable).fill(
            (
                {**c, "_key": f"x{c['id']}"},
                [
                    translate(c["status"]),
                    c["first_day"].isoformat() if c["first_day"] else "",
                    clip(c["title"] or f"#{c['id']}", 30),
                    str(c["lines"]),
                    money(c["total"], c["total"].currency or ""),
                ],
            )
            for c in rows
        )
        self._chosen_claim()

    @on(DataTable.RowHighlighted, "#claims")
    def _chosen_claim(self) -> None:
        claim = self.query_one("#claims", PanelTable).current()
        if claim is not None:
            self._load_card(int(claim["id"]))

    @work(thread=True, exclusive=True, group="claim-card", exit_on_error=False)
    def _load_card(self, claim_id: int) -> None:
        from crmtui.services.expenses.read import claim_card

        card = read(self.app, lambda r: claim_card(r, claim_id))
        if card is not None:
            self.deliver(self._show_card, card)

    def _show_card(self, card: ClaimCard) -> None:
        c = card["claim"]
        head = _("claim {id}: {status}").format(id=c["id"], status=translate(c["status"]))
        head += " · " + _("total {total}").format(
            total=money(c["total"], c["total"].currency or "")
        )
        if c["reject_reason"]:
            head += " · " + _("rejected: {reason}").format(reason=c["reject_reason"])
        self.query_one("#claim-head", Static).update(head)
        self.query_one("#lines", PanelTable).fill(
            (
                {**i, "_key": f"l{i['id']}"},
                [
                    i["spent_on"].isoformat(),
                    translate(i["category"]),
                    money(i["amount"], i["currency"]),
                    clip(" / ".join(x for x in (i["customer"], i["event"]) if x), 30),
                    clip(i["note"], 30),
                ],
            )
            for i in card["items"]
        )

    # -- acting -------------------------------------------------------------------------------

    def action_new_claim(self) -> None:
        from crmtui.widgets.office_forms import ClaimForm

        self.app.push_screen(ClaimForm())

    def _claim_id(self) -> int | None:
        claim = self.query_one("#claims", PanelTable).current()
        if claim is None:
            self.notify(_("No claim chosen."), markup=False)
            return None
        return int(claim["id"])

    def action_reject(self) -> None:
        from crmtui.widgets.office_forms import RejectForm

        claim_id = self._claim_id()
        if claim_id is not None:
            self.app.push_screen(RejectForm(claim_id))

    def action_step(self, step: str) -> None:
        claim_id = self._claim_id()
        if claim_id is not None:
            self._step(claim_id, step)

    @work(thread=True, group="claim-write", exit_on_error=False)
    def _step(self, claim_id: int, step: str) -> None:
        from crmtui.services.expenses import write as claims

        move: Callable[..., Any] = getattr(claims, f"{step}_claim")
        now = self.crm.now()

        def run(session: Session) -> Any:
            return move(session, now=now, claim_id=claim_id)

        try:
            write(self.app, run)
        except Exception as exc:
            report(self.app, exc)
            return
        self.deliver(self.app.post_message, DataSaved())

    def action_back(self) -> None:
        self.crm.action_go("today")
