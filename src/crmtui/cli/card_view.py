"""The customer card as terminal text (``crm show``)."""

from __future__ import annotations

from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any

from rich.text import Text

from crmtui import clock, l10n, words
from crmtui.cli.context import console
from crmtui.cli.render import money, phones, safe, table, when
from crmtui.i18n import _
from crmtui.services.competitors.rules import deal_text
from crmtui.services.customers.man import advice_text

if TYPE_CHECKING:
    from crmtui.services.customers.types import Card


def _line(label: str, value: Any) -> Text:
    # a label can hold user text too ("notes on <contact name>")
    return Text.assemble(safe(_("{label}: ").format(label=label), style="bold"), safe(value))


def birthday(row: Any, today: date) -> str:
    """The stored birthday (``农历 08-15`` for a lunar one); in Chinese a lunar birthday also
    gives its solar date this year, the day it is celebrated: ``农历 08-15（今年 10月6日）``."""
    text = row["birthday"] or ""
    if not (text and row["birthday_lunar"] and l10n.chinese()):
        return str(text)
    from crmtui.services.common.birthdays import occurrence

    solar = occurrence(row["birthday_month"], row["birthday_day"], today.year, lunar=True)
    if solar is None:
        return str(text)
    return _("{birthday} (this year {date})").format(birthday=text, date=l10n.month_day(solar))


def print_card(card: Card, tz: tzinfo, *, alert: str | None = None) -> None:
    """The card; ``alert`` is a warning shown under the header (an open serious complaint)."""
    today = clock.now(tz).astimezone(tz).date()
    title = safe(card["name"], style="bold")
    title.append(
        _("  #{id}  {stage}  grade {grade}").format(
            id=card["id"], stage=words.label("stage", card["stage"]), grade=card["grade"] or "-"
        )
    )
    console.print(title)
    if alert:
        console.print(safe(f"⚠ {alert}", style="bold red"))
    man = words.man(card["man_money"], card["man_authority"], card["man_need"])
    man += f"  ({card['man']['pattern']}) " + advice_text(card["man"], _)
    facts = [
        (_("company"), card["company_name"]),
        (_("birthday"), birthday(card, today)),
        (_("phones"), phones(card["phones"])),
        (_("email"), card["email"]),
        (_("city"), card["city"]),
        (_("country"), card["country"]),
        (_("time zone"), card["timezone"]),
        ("MAN", man),
        (_("tags"), _(", ").join(card["tags"])),
        (_("industry"), card["industry"]),
        (_("source"), card["source"]),
        (_("personality"), card["personality"]),
        (_("needs"), card["needs"]),
        (_("preferences"), card["preferences"]),
        (_("notes"), card["notes"]),
    ]
    if card.get("satisfaction") and l10n.chinese():
        facts.append((_("satisfaction"), words.satisfaction(card["satisfaction"])))
    for label, value in facts:
        if value:
            console.print(_line(label, value))
    days = card["days_since_contact"]
    since = _("never") if days is None else _("{days} days ago").format(days=days)
    console.print(_line(_("last contact"), since))
    nxt = card["next_action"]
    if nxt:
        kind = words.label("activity", nxt["kind"])
        console.print(_line(_("next action"), f"{kind} {when(nxt['due_at'], tz)}"))
    _contacts(card, today)
    _activities(card, tz)
    _opportunities_and_notes(card)


def _contacts(card: Card, today: date) -> None:
    if not card["contacts"]:
        return
    console.print(
        table(
            _("Contacts"),
            [_("id"), _("name"), _("role"), _("phones"), _("email"), _("birthday")],
            [
                (
                    c["id"],
                    c["name"] + (" ★" if c["decision_maker"] else ""),
                    c["role"] or "",
                    phones(c["phones"]),
                    c["email"] or "",
                    birthday(c, today),
                )
                for c in card["contacts"]
            ],
        )
    )
    for c in card["contacts"]:
        if c["notes"]:  # free text, often several lines: under the table, not in a cell
            console.print(_line(_("notes on {name}").format(name=c["name"]), c["notes"]))


def _activities(card: Card, tz: tzinfo) -> None:
    if card["planned"]:
        console.print(
            table(
                _("Planned"),
                [_("id"), _("due"), _("kind"), _("contact"), _("note")],
                [
                    (
                        a["id"],
                        when(a["due_at"], tz),
                        words.label("activity", a["kind"]),
                        a["contact"] or "",
                        a["note"] or "",
                    )
                    for a in card["planned"]
                ],
            )
        )
    if card["history"]:
        console.print(
            table(
                _("History"),
                [_("id"), _("done"), _("kind"), _("outcome"), _("contact"), _("note")],
                [
                    (
                        a["id"],
                        when(a["done_at"], tz),
                        words.label("activity", a["kind"]),
                        words.label("outcome", a["outcome"]),
                        a["contact"] or "",
                        a["note"] or "",
                    )
                    for a in card["history"]
                ],
            )
        )
        done = card["activity_count"] - len(card["planned"])
        if done > len(card["history"]):  # the card shows the latest; say how many are older
            more = _("… and {count} more in the history")
            console.print(Text(more.format(count=done - len(card["history"]))))


def _opportunities_and_notes(card: Card) -> None:
    if card["opportunities"]:
        console.print(
            table(
                _("Opportunities"),
                [_("id"), _("title"), _("stage"), _("amount"), _("next step")],
                [
                    (
                        o["id"],
                        o["title"],
                        words.label("opportunity", o["stage"]),
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
                _("Notes"),
                [_("id"), _("note")],
                [(n["id"], ("📌 " if n["pinned"] else "") + n["body"]) for n in card["note_items"]],
            )
        )
