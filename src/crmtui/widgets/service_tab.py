"""The card's Service tab (售后): the customer's complaints (Enter records the next step), then
each complaint's dated steps, service plans and records, satisfaction history and referrals."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from crmtui.i18n import _
from crmtui.services.aftersale import rules
from crmtui.widgets.panel_table import PanelTable
from crmtui.widgets.text import clip, money, plain, when

if TYPE_CHECKING:
    from crmtui.db.reader import Reader

SEVERE = {"critical": "bold red", "high": "red"}


def full_card(reader: Reader, customer_id: int, *, now: datetime) -> dict[str, Any]:
    """The customer card with its Service part (``service``) and how many high or critical
    complaints are open (``open_serious_complaints``, for the header)."""
    from crmtui.services.aftersale.read import open_alert, service_card
    from crmtui.services.customers.card import customer_card

    card = customer_card(reader, customer_id, now=now)
    return {
        **card,
        "service": service_card(reader, customer_id),
        "open_serious_complaints": open_alert(reader, customer_id),
    }


class ServiceTab(Vertical):
    """See the module docstring."""

    def compose(self) -> ComposeResult:
        yield PanelTable(
            [_("severity"), _("status"), _("received"), _("said")],
            id="service-table",
            empty=_("no complaints: press k to record one"),
            edge_leaves=False,
        )
        with VerticalScroll(id="service-scroll"):
            yield Static("", id="service-text")

    def show(self, service: dict[str, Any], tz: tzinfo) -> None:
        self.query_one(PanelTable).fill(
            (
                {"_key": f"k{k['id']}", "complaint": k, "customer_id": k["customer_id"]},
                [
                    Text(rules.word(k["severity"]), style=SEVERE.get(k["severity"], "")),
                    rules.word(k["status"]),
                    when(k["received_at"], tz, "%Y-%m-%d"),
                    clip(k["said"], 60),
                ],
            )
            for k in service["complaints"]
        )
        self.query_one("#service-text", Static).update(service_text(service, tz))


def service_text(service: dict[str, Any], tz: tzinfo) -> Text:
    """Every complaint's timeline, the plans and records, ratings and referrals, as plain text."""
    out = Text()
    for k in service["complaints"]:
        out.append(_("Complaint {id}").format(id=k["id"]) + "  ", style="bold")
        out.append_text(plain(k["said"]))
        out.append("\n")
        for e in k["entries"]:
            step = e["step"]
            what = rules.step_name(step) if e["kind"] == "step" and step else rules.word(e["kind"])
            out.append(f"  {when(e['at'], tz, '%m-%d %H:%M')}  {what}: ", style="dim")
            out.append_text(plain(e["note"] or ""))
            out.append("\n")
        for step in (s for s in k["next_steps"] if s > k["step"]):
            out.append(f"  → {rules.step_name(step)}: {rules.guidance(step)}\n", style="italic")
    if service["plans"]:
        out.append(_("Service plans") + "\n", style="bold")
        for p in service["plans"]:
            state = "" if p["active"] else " (" + _("stopped") + ")"
            shown = _("{kind} {every} · next due {due} · last done {done}").format(
                kind=rules.word(p["kind"]),
                every=p["every"],
                due=p["next_due"],
                done=p["last_done"] or "–",
            )
            out.append(f"  {shown}{state}\n")
    if service["records"]:
        out.append(_("Services done") + "\n", style="bold")
        for r in service["records"]:
            out.append(
                f"  {r['done_on']} {rules.word(r['kind'])} {money(r['cost'], r['currency'])} "
            )
            out.append_text(plain(" ".join(x for x in (r["done_by"], r["work"]) if x)))
            out.append(f"  {rules.level_label(r['satisfaction'])}\n")
    if service["satisfaction"]:
        out.append(_("Satisfaction") + "\n", style="bold")
        for s in service["satisfaction"]:
            out.append(
                f"  {when(s['at'], tz, '%Y-%m-%d')}  {rules.level_label(s['level'])} "
                f"({rules.word(s['source'])})\n"
            )
    if service["referred_by"]:
        out.append(_("Referred by") + ": ", style="bold")
        out.append_text(plain(service["referred_by"]["name"]))
        out.append("\n")
    for r in service["referred"]:
        out.append(_("Referred") + ": ", style="bold")
        out.append_text(plain(r["name"]))
        if r["bought"]:
            out.append_text(plain(" — " + ", ".join(r["bought"])))
        out.append("\n")
    return out
