"""The rows of the customer card's tables (contacts, timeline, opportunities, notes) and the
titles of its tabs, built from the card the services read; the card screen only fills them in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, tzinfo
from typing import Any

from rich.text import Text

from crmtui import words
from crmtui.i18n import _
from crmtui.services.competitors.rules import deal_text
from crmtui.widgets.text import clip, money, when

Row = tuple[dict[str, Any], list[Any]]
LOCAL_FORMAT = "%Y-%m-%d %H:%M"


def tab_title(tab: str) -> str:
    """A tab's title in the user's language."""
    return {
        "profile": _("Profile"),
        "contacts": _("Contacts"),
        "timeline": _("Timeline"),
        "opportunities": _("Opportunities"),
        "notes": _("Notes"),
        "orders": _("Orders"),
        "money": _("Money"),
        "service": _("Service"),
    }.get(tab, tab.title())


def contact_rows(card: dict[str, Any]) -> Iterator[Row]:
    for c in card["contacts"]:
        yield (
            {"_key": f"p{c['id']}", "contact": c},
            [
                c["name"] + (" ★" if c["decision_maker"] else ""),
                c["role"],
                ", ".join(c["phones"] or []),
                c["email"],
                _birthday(c),
                # one line of the notes here; the contact form (Enter) shows them whole
                " ".join((c.get("notes") or "").split()),
            ],
        )


def timeline_rows(card: dict[str, Any], now: datetime, tz: tzinfo) -> list[Row]:
    """What is planned (overdue marked), then what was done, the latest first."""
    rows: list[Row] = []
    for a in card["planned"]:
        late = a["due_at"] is not None and a["due_at"] < now
        status = Text(_("overdue") if late else _("planned"), style="bold red" if late else "cyan")
        rows.append(
            (
                {"_key": f"a{a['id']}", "planned": a},
                [
                    when(a["due_at"], tz, LOCAL_FORMAT),
                    words.label("activity", a["kind"]),
                    status,
                    a["contact"],
                    clip(a["note"], 60),
                ],
            )
        )
    for a in card["history"]:
        rows.append(
            (
                {"_key": f"a{a['id']}", "done": a},
                [
                    when(a["done_at"], tz, LOCAL_FORMAT),
                    words.label("activity", a["kind"]),
                    words.label("outcome", a["outcome"]),
                    a["contact"],
                    clip(a["note"], 60),
                ],
            )
        )
    return rows


def opportunity_rows(card: dict[str, Any]) -> Iterator[Row]:
    for o in card["opportunities"]:
        yield (
            {"_key": f"o{o['id']}", "opportunity": o},
            [
                clip(o["title"], 40),
                words.label("opportunity", o["stage"]),
                money(o["amount"], o["currency"]),
                str(o["expected_close"] or ""),
                clip(deal_text(o), 40),
            ],
        )


def note_rows(card: dict[str, Any], tz: tzinfo) -> Iterator[Row]:
    for n in card["note_items"]:
        yield (
            {"_key": f"n{n['id']}", "note": n},
            [
                "📌" if n["pinned"] else "",
                when(n["updated_at"], tz, "%Y-%m-%d"),
                clip(n["body"], 100),
            ],
        )


def _birthday(contact: dict[str, Any]) -> str:
    month, day = contact.get("birthday_month"), contact.get("birthday_day")
    if not month or not day:
        return ""
    return ("农历 " if contact.get("birthday_lunar") else "") + f"{month:02d}-{day:02d}"
