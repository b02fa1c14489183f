"""Expenses (费用): the claims by status, and the lines of the claim under the cursor.

``n`` opens the claim form (lines with a running total); ``s`` submits the claim under the
cursor, ``a`` records its approval, ``r`` its rejection (with the reason), ``p`` that it was
paid. A claim past draft is frozen: the service refuses, and the refusal is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Static

from crmtui.i18n import N_, _, pgettext, translate
from crmtui.screens.list_card import ListCardScreen, plan_table
from crmtui.widgets.panel_table import PanelTable
from crmtui.widgets.text import clip, money

if TYPE_CHECKING:
    from sqlmodel import Session

    from crmtui.db.reader import Reader
    from crmtui.services.expenses.types import ClaimCard


class ExpensesScreen(ListCardScreen):
    """See the module docstring."""

    AUTO_FOCUS = "#claims"
    LIST = "claims"
    CARD_GROUP = "claim-card"
    WRITE_GROUP = "claim-write"
    NOTHING_CHOSEN = N_("No claim chosen.")
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
        yield plan_table(
            [_("status"), pgettext("period", "from"), _("title"), _("lines"), _("total")],
            id="claims",
            empty=_("no claims yet: n starts one"),
        )
        yield Static("", id="claim-head", markup=False)
        yield plan_table(
            [_("day"), _("category"), _("amount"), _("for"), _("note")],
            id="lines",
            empty=_("no lines"),
        )
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("费用 Expenses")
        self.query_one("#claims").border_title = _("Claims")
        self.query_one("#lines").border_title = _("Lines")

    def read_list(self, reader: Reader) -> Sequence[Any]:
        from crmtui.services.expenses.read import list_claims

        return list_claims(reader, limit=200)

    def read_card(self, reader: Reader, key: int) -> ClaimCard | None:
        from crmtui.services.expenses.read import claim_card

        return claim_card(reader, key)

    def show_list(self, rows: list[dict[str, Any]]) -> None:
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

    def show_card(self, card: ClaimCard) -> None:
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
        claim = self.chosen()
        return None if claim is None else int(claim["id"])

    def action_reject(self) -> None:
        from crmtui.widgets.office_forms import RejectForm

        claim_id = self._claim_id()
        if claim_id is not None:
            self.app.push_screen(RejectForm(claim_id))

    def action_step(self, step: str) -> None:
        from crmtui.services.expenses import write as claims

        claim_id = self._claim_id()
        if claim_id is None:
            return
        move: Callable[..., Any] = getattr(claims, f"{step}_claim")
        now = self.crm.now()

        def run(session: Session) -> Any:
            return move(session, now=now, claim_id=claim_id)

        self.save(run)
