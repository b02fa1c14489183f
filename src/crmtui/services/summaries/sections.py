"""The words of a summary, in the user's language: its title, section headings and lines.

Shared by every text format (Markdown, HTML, the app's screen), so all of them say the same
things; :mod:`crmtui.services.summaries.render` lays them out. User values pass through the
``esc`` function each format gives, never through a translation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, tzinfo
from typing import Any

from crmtui import l10n, words
from crmtui.i18n import N_, _, ngettext, translate
from crmtui.money import format_money
from crmtui.services.summaries.aftersale import after_sale_lines
from crmtui.services.summaries.money_figures import money_lines
from crmtui.services.summaries.office import office_sections

# Activity kinds as the English summary has always named them (SMS in capitals).
KIND_LABELS = {
    "call": "call",
    "visit": "visit",
    "email": "email",
    "sms": "SMS",
    "meeting": "meeting",
    "letter": "letter",
    "task": "task",
}
# The chart's series: key, label (a msgid, see :func:`series`), colour.
SERIES = (
    ("reached", N_("calls reached"), "#2e7d32"),
    ("not_reached", N_("calls not reached"), "#ef6c00"),
    ("visits", N_("visits"), "#1565c0"),
    ("emails", N_("emails"), "#6a1b9a"),
    ("other", N_("other touches"), "#757575"),
)
DAY_COLUMNS = ("calls", "reached", "not_reached", "visits", "emails", "other")


def series() -> tuple[tuple[str, str, str], ...]:
    """:data:`SERIES` with the labels in the user's language."""
    return tuple((key, translate(label), colour) for key, label, colour in SERIES)


def day_headers() -> list[str]:
    """The headings of the activity-per-day table: day, then :data:`DAY_COLUMNS`."""
    return [
        _("day"),
        _("calls"),
        _("reached"),
        _("not reached"),
        _("visits"),
        _("emails"),
        _("other"),
    ]


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind) if not l10n.chinese() else words.label("activity", kind)


def money(minor: int | None, currency: str = "") -> str:
    return format_money(minor or 0, currency)


def amounts(totals: dict[str, int]) -> str:
    return _(", ").join(money(v, k) for k, v in totals.items()) or "0"


def title(summary: Mapping[str, Any]) -> str:
    text = (
        _("工作总结 · Weekly summary {period} ({start} – {end})")
        if summary["kind"] == "week"
        else _("工作总结 · Monthly summary {period} ({start} – {end})")
    )
    return text.format(
        period=summary["period"], start=summary["start"].isoformat(), end=summary["end"].isoformat()
    )


def day_label(day: date) -> str:
    """A day of the table: ``Mon 11-23`` / ``11月23日 周一``."""
    return l10n.day_with_weekday(day)


def stamp(value: datetime | None, tz: tzinfo) -> str:
    """``Mon 11-23 10:00`` / ``11月23日 周一 10:00``."""
    if value is None:
        return ""
    local = value.astimezone(tz)
    return f"{l10n.day_with_weekday(local.date())} {local:%H:%M}"


def local(value: datetime | None, tz: tzinfo, fmt: str) -> str:
    return value.astimezone(tz).strftime(fmt) if value else ""


def _more(count: int, shown: int) -> list[str]:
    """A line saying how many more there are, when a list was capped."""
    return [_("… and {count} more").format(count=count - shown)] if count > shown else []


def _none(lines: list[str]) -> list[str]:
    return lines or [_("none")]


def sections(
    summary: Mapping[str, Any], tz: tzinfo, esc: Callable[[Any], str]
) -> list[tuple[str, list[str]]]:
    """The summary as titled lists of lines; ``esc`` makes each user value safe for the format."""
    out: list[tuple[str, list[str]]] = []
    new = summary["new_customers"]
    stages = " · ".join(
        f"{esc(words.label('stage', k))} {v}" for k, v in sorted(new["by_stage"].items())
    )
    out.append(
        (
            _("New customers ({count})").format(count=new["count"]),
            ([stages] if stages else [_("none")])
            + [_new_customer(c, esc) for c in new["items"]]
            + _more(new["count"], len(new["items"])),
        )
    )
    changes = summary["customer_changes"]
    out.append(
        (
            _("Stage and grade changes ({count})").format(count=changes["count"]),
            _none([_change(c, tz, esc) for c in changes["items"]])
            + _more(changes["count"], len(changes["items"])),
        )
    )
    out.append((_("Opportunities"), _opportunities(summary["opportunities"], esc)))
    if "money" in summary:
        out.append((_("Orders and money"), money_lines(summary["money"], esc)))
    out.append(
        (
            _("Top customers by activity"),
            _none(
                [
                    _("#{rank} {customer} — {touches} ({calls}, {visits})").format(
                        rank=i,
                        customer=esc(c["customer"]),
                        touches=ngettext("{n} touch", "{n} touches", c["touches"]).format(
                            n=c["touches"]
                        ),
                        calls=ngettext("{n} call", "{n} calls", c["calls"]).format(n=c["calls"]),
                        visits=ngettext("{n} visit", "{n} visits", c["visits"]).format(
                            n=c["visits"]
                        ),
                    )
                    for i, c in enumerate(summary["top_customers"], start=1)
                ]
            ),
        )
    )
    overdue = summary["overdue"]
    out.append(
        (
            _("Overdue actions ({count}, as of {at})").format(
                count=overdue["count"], at=local(overdue["as_of"], tz, "%Y-%m-%d %H:%M")
            ),
            _none([_overdue(a, tz, esc) for a in overdue["items"]])
            + _more(overdue["count"], len(overdue["items"])),
        )
    )
    nxt = summary["next"]
    out.append(
        (
            _("Planned for {period} ({count})").format(
                period=nxt["period"], count=nxt["actions"]["count"]
            ),
            _none([_planned(a, tz, esc) for a in nxt["actions"]["items"]])
            + _more(nxt["actions"]["count"], len(nxt["actions"]["items"])),
        )
    )
    out.append(
        (
            _("Birthdays in {period} ({count})").format(
                period=nxt["period"], count=nxt["birthdays"]["count"]
            ),
            _none([_birthday(b, esc) for b in nxt["birthdays"]["items"]])
            + _more(nxt["birthdays"]["count"], len(nxt["birthdays"]["items"])),
        )
    )
    if "after_sale" in summary:
        out.append((_("After the sale"), after_sale_lines(summary["after_sale"], esc)))
    if "office" in summary:
        out += office_sections(summary["office"], esc)
    return out


def _new_customer(c: Mapping[str, Any], esc: Callable[[Any], str]) -> str:
    grade = _(", grade {grade}").format(grade=c["grade"]) if c["grade"] else ""
    city = _(", {city}").format(city=esc(c["city"])) if c["city"] else ""
    return f"{esc(c['name'])} — {words.label('stage', c['stage'])}{grade}{city}"


def _change(c: Mapping[str, Any], tz: tzinfo, esc: Callable[[Any], str]) -> str:
    vocabulary = {"stage": "stage"}.get(c["field"])
    old, new = c["old"] or "-", c["new"] or "-"
    if vocabulary:
        old, new = words.label(vocabulary, old) or old, words.label(vocabulary, new) or new
    at = l10n.month_day(c["at"].astimezone(tz).date()) if c["at"] else ""
    field = {"stage": _("stage"), "grade": _("grade")}.get(c["field"], c["field"])
    return f"{esc(c['customer'])}: {field} {esc(old)} → {esc(new)} ({at})"


def _opportunities(opp: Mapping[str, Any], esc: Callable[[Any], str]) -> list[str]:

    def stage(code: str) -> str:
        return words.label("opportunity", code)

    lines = [
        _(
            "created {created} · advanced {advanced} · won {won} ({won_amounts}) · "
            "lost {lost} ({lost_amounts})"
        ).format(
            created=opp["created"]["count"],
            advanced=opp["advanced"]["count"],
            won=opp["won"]["count"],
            won_amounts=esc(amounts(opp["won"]["amounts"])),
            lost=opp["lost"]["count"],
            lost_amounts=esc(amounts(opp["lost"]["amounts"])),
        )
    ]
    lines += [
        _("new: {title} — {customer} ({stage}, {amount})").format(
            title=esc(o["title"]),
            customer=esc(o["customer"]),
            stage=stage(o["stage"]),
            amount=esc(money(o["amount"], o["currency"])),
        )
        for o in opp["created"]["items"]
    ]
    lines += [
        _("advanced: {title} — {customer}: {old} → {new}").format(
            title=esc(o["title"]),
            customer=esc(o["customer"]),
            old=stage(o["from_stage"]),
            new=stage(o["to_stage"]),
        )
        for o in opp["advanced"]["items"]
    ]
    lines += [
        _("won: {title} — {customer}: {amount}").format(
            title=esc(o["title"]),
            customer=esc(o["customer"]),
            amount=esc(money(o["amount"], o["currency"])),
        )
        for o in opp["won"]["items"]
    ]
    for o in opp["lost"]["items"]:
        to = (
            _(" (to {competitor})").format(competitor=esc(o["competitor"]))
            if o["competitor"]
            else ""
        )
        reason = esc(o["lost_reason"] or _("(no reason given)"))
        lines.append(
            _("lost: {title} — {customer}: {reason}{to}").format(
                title=esc(o["title"]), customer=esc(o["customer"]), reason=reason, to=to
            )
        )
    lines += [
        _("lost because {reason}: {count}").format(reason=esc(reason), count=n)
        for reason, n in opp["lost"]["reasons"].items()
    ]
    names = {"created": _("created"), "advanced": _("advanced"), "won": _("won"), "lost": _("lost")}
    for key in ("created", "advanced", "won", "lost"):
        if opp[key]["count"] > len(opp[key]["items"]):
            count = opp[key]["count"] - len(opp[key]["items"])
            lines.append(_("… {count} more {what} not listed").format(count=count, what=names[key]))
    return lines


def _overdue(a: Mapping[str, Any], tz: tzinfo, esc: Callable[[Any], str]) -> str:
    note = _(": {note}").format(note=esc(a["note"])) if a["note"] else ""
    return _("{at} {kind} {customer} — {late} late{note}").format(
        at=stamp(a["due_at"], tz),
        kind=kind_label(a["kind"]),
        customer=esc(a["customer"]),
        late=ngettext("{n} day", "{n} days", a["days_overdue"]).format(n=a["days_overdue"]),
        note=note,
    )


def _planned(a: Mapping[str, Any], tz: tzinfo, esc: Callable[[Any], str]) -> str:
    contact = _(" ({contact})").format(contact=esc(a["contact"])) if a["contact"] else ""
    note = _(": {note}").format(note=esc(a["note"])) if a["note"] else ""
    return f"{stamp(a['due_at'], tz)} {kind_label(a['kind'])} {esc(a['customer'])}{contact}{note}"


def _birthday(b: Mapping[str, Any], esc: Callable[[Any], str]) -> str:
    customer = (
        _(" ({contact})").format(contact=esc(b["customer"])) if b["customer"] != b["name"] else ""
    )
    turns = _(", turns {age}").format(age=b["age"]) if b["age"] else ""
    lunar = " 农历" if b["lunar"] else ""
    return f"{day_label(b['date'])}{lunar} {esc(b['name'])}{customer}{turns}"
