"""The customer card's header and profile as plain ``Text`` (never markup)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from rich.text import Text

from crmtui.i18n import _
from crmtui.services.customers.man import advice_text
from crmtui.widgets.text import money, plain, since, when

MAN_MARK = {"yes": ("✓", "green"), "no": ("✗", "red"), "unknown": ("?", "dim")}
SATISFACTION = {
    1: "very dissatisfied",
    2: "dissatisfied",
    3: "neutral",
    4: "satisfied",
    5: "very satisfied",
}


def customer_local_time(card: dict[str, Any], now: datetime) -> str:
    """``14:05 Tue (Asia/Shanghai)``, or a note that the zone is not known."""
    from crmtui.clock import ClockError, zone

    name = card.get("timezone")
    if not name:
        return "local time unknown (no time zone)"
    try:
        local = now.astimezone(zone(name))
    except ClockError:
        return f"unknown time zone {name}"
    return f"{local:%H:%M %a} there ({name})"


def header_text(card: dict[str, Any], now: datetime, tz: tzinfo) -> Text:
    text = plain(card["name"], style="bold")
    text.append(f"  #{card['id']}  ", style="dim")
    text.append(card["stage"], style="bold cyan")
    text.append(f"  grade {card['grade'] or '–'}", style="bold" if card["grade"] == "A" else "")
    text.append("  person" if card.get("is_person") else "", style="dim")
    text.append("\nMAN ", style="dim")
    for label, key in (
        ("money", "man_money"),
        ("authority", "man_authority"),
        ("need", "man_need"),
    ):
        mark, style = MAN_MARK.get(card.get(key) or "unknown", ("?", "dim"))
        text.append(f"{label} ")
        text.append(mark, style=style)
        text.append("  ")
    text.append("· ", style="dim")
    text.append_text(plain(", ".join(card.get("phones") or []) or "no phone"))
    man = card.get("man")
    if man:  # the practice's advice for this combination (or what to find out first)
        text.append(f"\n{man['pattern']}: ", style="dim")
        text.append(advice_text(man, _), style="italic")
    text.append("\n")
    text.append_text(plain(customer_local_time(card, now)))
    text.append("  ·  ", style="dim")
    days = card.get("days_since_contact")
    text.append(since(days), style="bold red" if days is None or days > 60 else "")
    text.append("  ·  next: ", style="dim")
    nxt = card.get("next_action")
    if nxt:
        text.append(f"{nxt['kind']} {when(nxt['due_at'], tz)}")
        if nxt.get("note"):
            text.append(" — ", style="dim")
            text.append_text(plain(nxt["note"][:60]))
    else:
        text.append("nothing planned", style="yellow")
    return text


def _birthday(card: dict[str, Any]) -> str:
    if not card.get("birthday_month"):
        return ""
    year = f"{card['birthday_year']}-" if card.get("birthday_year") else ""
    lunar = "农历 " if card.get("birthday_lunar") else ""
    return f"{lunar}{year}{card['birthday_month']:02d}-{card['birthday_day']:02d}"


def profile_text(card: dict[str, Any], tz: tzinfo) -> Text:
    """Every field of the profile, one per line; long texts keep their line breaks."""
    credit = ""
    if card.get("credit_limit") is not None:
        credit = f"limit {money(card['credit_limit'])}"
    if card.get("credit_days") is not None:
        credit += f", {card['credit_days']} days"
    if card.get("credit_rating"):
        credit += f", rating {card['credit_rating']}"
        if card.get("credit_rated_on"):
            credit += f" ({card['credit_rated_on']})"
    facts: list[tuple[str, Any]] = [
        ("company", card.get("company_name")),
        ("kind", "person" if card.get("is_person") else "company"),
        ("phones", ", ".join(card.get("phones") or [])),
        ("email", card.get("email")),
        ("website", card.get("website")),
        ("address", card.get("address")),
        ("city", card.get("city")),
        ("country", card.get("country")),
        ("time zone", card.get("timezone")),
        ("industry", card.get("industry")),
        ("source", card.get("source")),
        ("purchase motive", card.get("motive")),
        ("tags", ", ".join(f"#{t}" for t in card.get("tags") or [])),
        ("birthday", _birthday(card)),
        ("credit", credit.strip(", ")),
        ("satisfaction", SATISFACTION.get(card.get("satisfaction") or 0, "")),
        ("created", when(card.get("created_at"), tz, "%Y-%m-%d")),
        ("last contact", when(card.get("last_contact_at"), tz, "%Y-%m-%d %H:%M")),
    ]
    text = Text()
    for label, value in facts:
        text.append(f"{label:>16}  ", style="dim")
        text.append_text(plain(value if value not in (None, "") else "–"))
        text.append("\n")
    for label, key in (
        ("Personality", "personality"),
        ("Needs", "needs"),
        ("Preferences", "preferences"),
        ("Notes", "notes"),
    ):
        text.append(f"\n{label}\n", style="bold")
        text.append_text(plain(card.get(key) or "–", multiline=True))
        text.append("\n")
    return text
