"""The customer card as terminal text (``crm show``)."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from rich.text import Text

from crmtui.cli.context import console
from crmtui.cli.render import money, phones, safe, table, when
from crmtui.i18n import _
from crmtui.services.competitors.rules import deal_text
from crmtui.services.customers.man import advice_text

if TYPE_CHECKING:
    from crmtui.services.customers.types import Card


def _line(label: str, value: Any) -> Text:
    # a label can hold user text too ("notes on <contact name>")
    return Text.assemble(safe(f"{label}: ", style="bold"), safe(value))


def print_card(card: Card, tz: tzinfo, *, alert: str | None = None) -> None:
    """The card; ``alert`` is a warning shown under the header (an open serious complaint)."""
    title = safe(card["name"], style="bold")
    title.append(f"  #{card['id']}  {card['stage']}  grade {card['grade'] or '-'}")
    console.print(title)
    if alert:
        console.print(safe(f"⚠ {alert}", style="bold red"))
    man = f"money {card['man_money']}, authority {card['man_authority']}, need {card['man_need']}"
    man += f"  ({card['man']['pattern']}) " + advice_text(card["man"], _)
    facts = [
        ("company", card["company_name"]),
        ("birthday", card["birthday"]),
        ("phones", phones(card["phones"])),
        ("email", card["email"]),
        ("city", card["city"]),
        ("country", card["country"]),
        ("time zone", card["timezone"]),
        ("MAN", man),
        ("tags", ", ".join(card["tags"])),
        ("industry", card["industry"]),
        ("source", card["source"]),
        ("personality", card["personality"]),
        ("needs", card["needs"]),
        ("preferences", card["preferences"]),
        ("notes", card["notes"]),
    ]
    for label, value in facts:
        if value:
            console.print(_line(label, value))
    days = card["days_since_contact"]
    console.print(_line("last contact", "never" if days is None else f"{days} days ago"))
    nxt = card["next_action"]
    if nxt:
        console.print(_line("next action", f"{nxt['kind']} {when(nxt['due_at'], tz)}"))
    if card["contacts"]:
        console.print(
            table(
                "Contacts",
                ["id", "name", "role", "phones", "email", "birthday"],
                [
                    (
                        c["id"],
                        c["name"] + (" ★" if c["decision_maker"] else ""),
                        c["role"] or "",
                        phones(c["phones"]),
                        c["email"] or "",
                        c["birthday"] or "",
                    )
                    for c in card["contacts"]
                ],
            )
        )
        for c in card["contacts"]:
            if c["notes"]:  # free text, often several lines: under the table, not in a cell
                console.print(_line(f"notes on {c['name']}", c["notes"]))
    if card["planned"]:
        console.print(
            table(
                "Planned",
                ["id", "due", "kind", "contact", "note"],
                [
                    (a["id"], when(a["due_at"], tz), a["kind"], a["contact"] or "", a["note"] or "")
                    for a in card["planned"]
                ],
            )
        )
    if card["history"]:
        console.print(
            table(
                "History",
                ["id", "done", "kind", "outcome", "contact", "note"],
                [
                    (
                        a["id"],
                        when(a["done_at"], tz),
                        a["kind"],
                        a["outcome"] or "",
                        a["contact"] or "",
                        a["note"] or "",
                    )
                    for a in card["history"]
                ],
            )
        )
        done = card["activity_count"] - len(card["planned"])
        if done > len(card["history"]):  # the card shows the latest; say how many are older
            console.print(Text(f"… and {done - len(card['history'])} more in the history"))
    if card["opportunities"]:
        console.print(
            table(
                "Opportunities",
                ["id", "title", "stage", "amount", "next step"],
                [
                    (
                        o["id"],
                        o["title"],
                        o["stage"],
                        money(o["amount"], o["currency"]),
                        deal_text(o),
                    )
                    for o in card["opportunities"]
                ],
            )
        )
    if card["note_items"]:
        console.print(
            table(
                "Notes",
                ["id", "note"],
                [(n["id"], ("📌 " if n["pinned"] else "") + n["body"]) for n in card["note_items"]],
            )
        )
