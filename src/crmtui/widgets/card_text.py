"""The customer card's header and profile as plain ``Text`` (never markup)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from rich.cells import cell_len
from rich.text import Text

from crmtui import l10n, words
from crmtui.i18n import N_, _, ngettext, pgettext
from crmtui.services.customers.man import advice_text
from crmtui.widgets.text import money, plain, since, when

MAN_MARK = {"yes": ("✓", "green"), "no": ("✗", "red"), "unknown": ("?", "dim")}
# msgids; the Chinese words are the practice's five levels (很满意 … 很不满意)
SATISFACTION = {
    1: N_("very dissatisfied"),
    2: N_("dissatisfied"),
    3: N_("neutral"),
    4: N_("satisfied"),
    5: N_("very satisfied"),
}


def customer_local_time(card: dict[str, Any], now: datetime) -> str:
    """``14:05 Tue (Asia/Shanghai)``, or a note that the zone is not known."""
    from crmtui.clock import ClockError, zone

    name = card.get("timezone")
    if not name:
        return _("local time unknown (no time zone)")
    try:
        local = now.astimezone(zone(name))
    except ClockError:
        return _("unknown time zone {name}").format(name=name)
    day = l10n.weekday(local.weekday()) if l10n.chinese() else f"{local:%a}"
    return _("{time} {day} there ({zone})").format(time=f"{local:%H:%M}", day=day, zone=name)


def header_text(card: dict[str, Any], now: datetime, tz: tzinfo) -> Text:
    text = plain(card["name"], style="bold")
    text.append(f"  #{card['id']}  ", style="dim")
    text.append(words.label("stage", card["stage"]), style="bold cyan")
    grade = _("  grade {grade}").format(grade=card["grade"] or "–")
    text.append(grade, style="bold" if card["grade"] == "A" else "")
    text.append(_("  person") if card.get("is_person") else "", style="dim")
    serious = card.get("open_serious_complaints") or 0
    if serious:
        warning = ngettext(
            "{n} high or critical complaint open", "{n} high or critical complaints open", serious
        )
        text.append("  ⚠ " + warning.format(n=serious), style="bold red")
    text.append("\nMAN ", style="dim")
    for label, key in (
        (pgettext("MAN", "money"), "man_money"),
        (pgettext("MAN", "authority"), "man_authority"),
        (pgettext("MAN", "need"), "man_need"),
    ):
        mark, style = MAN_MARK.get(card.get(key) or "unknown", ("?", "dim"))
        text.append(f"{label} ")
        text.append(mark, style=style)
        text.append("  ")
    text.append("· ", style="dim")
    text.append_text(plain(_(", ").join(card.get("phones") or []) or _("no phone")))
    man = card.get("man")
    if man:  # the practice's advice for this combination (or what to find out first)
        text.append(f"\n{man['pattern']}: ", style="dim")
        text.append(advice_text(man, _), style="italic")
    text.append("\n")
    text.append_text(plain(customer_local_time(card, now)))
    text.append("  ·  ", style="dim")
    days = card.get("days_since_contact")
    text.append(since(days), style="bold red" if days is None or days > 60 else "")
    text.append(_("  ·  next: "), style="dim")
    nxt = card.get("next_action")
    if nxt:
        text.append(f"{words.label('activity', nxt['kind'])} {when(nxt['due_at'], tz)}")
        if nxt.get("note"):
            text.append(" — ", style="dim")
            text.append_text(plain(nxt["note"][:60]))
    else:
        text.append(_("nothing planned"), style="yellow")
    return text


def _birthday(card: dict[str, Any]) -> str:
    if not card.get("birthday_month"):
        return ""
    year = f"{card['birthday_year']}-" if card.get("birthday_year") else ""
    lunar = "农历 " if card.get("birthday_lunar") else ""
    return f"{lunar}{year}{card['birthday_month']:02d}-{card['birthday_day']:02d}"


def _satisfaction(level: int | None) -> str:
    if not level or level not in SATISFACTION:
        return ""
    return words.satisfaction(level) if l10n.chinese() else SATISFACTION[level]


def profile_text(card: dict[str, Any], tz: tzinfo) -> Text:
    """Every field of the profile, one per line; long texts keep their line breaks."""
    credit = ""
    if card.get("credit_limit") is not None:
        credit = _("limit {amount}").format(amount=money(card["credit_limit"]))
    if card.get("credit_days") is not None:
        credit += _(", {days} days").format(days=card["credit_days"])
    if card.get("credit_rating"):
        credit += _(", rating {rating}").format(rating=card["credit_rating"])
        if card.get("credit_rated_on"):
            credit += f" ({card['credit_rated_on']})"
    facts: list[tuple[str, Any]] = [
        (_("company"), card.get("company_name")),
        (_("kind"), _("person") if card.get("is_person") else _("company")),
        (_("phones"), _(", ").join(card.get("phones") or [])),
        (_("email"), card.get("email")),
        (_("website"), card.get("website")),
        (_("address"), card.get("address")),
        (_("city"), card.get("city")),
        (_("country"), card.get("country")),
        (_("time zone"), card.get("timezone")),
        (_("industry"), card.get("industry")),
        (_("source"), card.get("source")),
        (_("purchase motive"), card.get("motive")),
        (_("tags"), _(", ").join(f"#{t}" for t in card.get("tags") or [])),
        (_("birthday"), _birthday(card)),
        (_("credit"), credit.strip(", ").strip("，")),
        (_("satisfaction"), _satisfaction(card.get("satisfaction"))),
        (_("created"), when(card.get("created_at"), tz, "%Y-%m-%d")),
        (_("last contact"), when(card.get("last_contact_at"), tz, "%Y-%m-%d %H:%M")),
    ]
    text = Text()
    for label, value in facts:
        # right-aligned in 16 terminal cells (a Chinese label is half as many characters)
        text.append(" " * max(16 - cell_len(label), 0) + label + "  ", style="dim")
        text.append_text(plain(value if value not in (None, "") else "–"))
        text.append("\n")
    for label, key in (
        (_("Personality"), "personality"),
        (_("Needs"), "needs"),
        (_("Preferences"), "preferences"),
        (_("Notes"), "notes"),
    ):
        text.append(f"\n{label}\n", style="bold")
        text.append_text(plain(card.get(key) or "–", multiline=True))
        text.append("\n")
    return text
