"""The after-sale part of ``crm show``: complaints with their steps, service plans and records,
satisfaction history and referrals."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from crmtui import words
from crmtui.cli.context import console
from crmtui.cli.render import money, safe, table, when
from crmtui.i18n import _, ngettext

if TYPE_CHECKING:
    from crmtui.services.aftersale.types import ServiceCard
    from crmtui.services.desktop.types import Desktop
    from crmtui.services.planning.types import PlanCall


def alert_text(serious: int) -> str | None:
    """The card header's warning while a high or critical complaint is open."""
    if not serious:
        return None
    return ngettext(
        "{n} high or critical complaint open",
        "{n} high or critical complaints open",
        serious,
    ).format(n=serious)


def level_label(level: int | None) -> str:
    """``4 satisfied 满意``."""
    from crmtui.services.aftersale.rules import level_label as label

    return label(level)


def print_service(service: ServiceCard, tz: tzinfo) -> None:
    from crmtui.services.aftersale.rules import step_name, word

    if service["referred_by"]:
        console.print(safe(_("referred by: {name}").format(name=service["referred_by"]["name"])))
    for k in service["complaints"]:
        head = _("Complaint {id} · {severity} · {status} · {said}").format(
            id=k["id"], severity=word(k["severity"]), status=word(k["status"]), said=k["said"]
        )
        console.print(safe(head, style="bold"))
        for e in k["entries"]:
            step = e["step"]
            what = step_name(step) if e["kind"] == "step" and step else word(e["kind"])
            console.print(
                safe(f"  {when(e['at'], tz, with_weekday=False)}  {what}: {e['note'] or ''}")
            )
    if service["plans"]:
        plans = [
            (
                p["id"],
                word(p["kind"]),
                p["every"],
                p["next_due"],
                p["last_done"] or "",
                "" if p["active"] else _("stopped"),
            )
            for p in service["plans"]
        ]
        heads = [_("id"), _("kind"), _("every"), _("next due"), _("last done"), ""]
        console.print(table(_("Service plans"), heads, plans))
    if service["records"]:
        records = [
            (
                r["id"],
                r["done_on"],
                word(r["kind"]),
                r["done_by"] or "",
                r["work"] or "",
                money(r["cost"], r["currency"]),
                level_label(r["satisfaction"]),
            )
            for r in service["records"]
        ]
        heads = [_("id"), _("done"), _("kind"), _("by"), _("work"), _("cost"), _("satisfaction")]
        console.print(table(_("Services done"), heads, records))
    if service["satisfaction"]:
        ratings = [
            (
                when(s["at"], tz, with_weekday=False)[:10],
                level_label(s["level"]),
                word(s["source"]),
                s["note"] or "",
            )
            for s in service["satisfaction"]
        ]
        heads = [_("when"), _("level"), _("from"), _("note")]
        console.print(table(_("Satisfaction"), heads, ratings))
    if service["referred"]:
        referred = [
            (r["id"], r["name"], words.label("stage", r["stage"]), _(", ").join(r["bought"]))
            for r in service["referred"]
        ]
        heads = [_("id"), _("name"), _("stage"), _("bought")]
        console.print(table(_("Referred"), heads, referred))


def print_after_sale(desk: Desktop[PlanCall]) -> None:
    """The desktop's open complaints (the most severe first) and the services due this week."""
    from crmtui.services.aftersale.rules import word

    if desk["open_complaints"]:
        rows = [
            (k["id"], word(k["severity"]), k["customer"], word(k["status"]), k["said"])
            for k in desk["open_complaints"]
        ]
        heads = [_("id"), _("severity"), _("customer"), _("status"), _("said")]
        console.print(table(_("Open complaints (crm complaints --open)"), heads, rows))
    if desk["services_due"]:
        plans = [
            (p["id"], p["next_due"], p["customer"], word(p["kind"])) for p in desk["services_due"]
        ]
        heads = [_("id"), _("next due"), _("customer"), _("kind")]
        console.print(table(_("Services due this week (crm services --due)"), heads, plans))
