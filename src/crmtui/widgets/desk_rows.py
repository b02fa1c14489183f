"""The rows of the today desktop's panels: each a ``(record, cells)`` pair for ``PanelTable``.

A record carries ``customer_id`` (Enter opens that card), ``customer`` (its name, for forms) and
``_key`` (the cursor stays on it across refreshes). Cells are plain text (see ``text.plain``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from rich.text import Text

from crmtui import l10n, words
from crmtui.i18n import _
from crmtui.widgets.text import clip, day_label, in_days, money

Row = tuple[dict[str, Any], list[Any]]


def overdue(text: str) -> Text:
    return Text(text, style="bold red")


def plan_call(call: Mapping[str, Any]) -> dict[str, Any]:
    """A call of the plan as a row record (what ``l`` logs and Enter opens)."""
    return {
        **call,
        "_key": f"c{call['customer_id']}-{call['at'].isoformat()}",
        "why": _("; ").join(call.get("reasons") or []),
    }


def due_call(action: Mapping[str, Any]) -> dict[str, Any]:
    """A call due today (a planned activity) in the plan's shape, for when planning fails."""
    return {
        "_key": f"a{action['id']}",
        "customer_id": action["customer_id"],
        "customer": action["customer"],
        "contact_id": action.get("contact_id"),
        "contact": action.get("contact"),
        "at": action["due_at"],
        "goal": action.get("note") or "follow up",
        "kinds": ["follow-up"],
        "refs": [action["id"]],
        "action_id": action["id"],
        "overdue": action.get("overdue", False),
        "why": "",
    }


def call_rows(calls: Iterable[dict[str, Any]], tz: tzinfo) -> Iterable[Row]:
    for call in calls:
        at = call["at"].astimezone(tz)
        when = overdue(at.strftime("!%m-%d %H:%M")) if call.get("overdue") else at.strftime("%H:%M")
        yield call, [when, call["customer"], call["contact"], clip(call["goal"], 40)]


def week_rows(actions: Iterable[Mapping[str, Any]], local: datetime, tz: tzinfo) -> list[Row]:
    """Open actions grouped by day (overdue first, marked); the day shows on its first row."""
    rows, last = [], None
    for a in actions:
        due = a["due_at"].astimezone(tz)
        label = _("overdue") if a["overdue"] else day_label(due.date(), local.date())
        shown: Any = "" if label == last else (overdue(label) if a["overdue"] else label)
        last = label
        record = {
            "customer_id": a["customer_id"],
            "customer": a["customer"],
            "_key": f"a{a['id']}",
            "action": a,
        }
        time_fmt = "%m-%d %H:%M" if a["overdue"] else "%H:%M"
        cells = [
            shown,
            f"{l10n.month_day(due.date())} {due:%H:%M}" if a["overdue"] else due.strftime(time_fmt),
            words.label("activity", a["kind"]),
            clip(a["customer"], 26),
            clip(a["note"], 40),
        ]
        rows.append((record, cells))
    return rows


def _record(customer_id: Any, customer: Any, key: str) -> dict[str, Any]:
    return {"customer_id": customer_id, "customer": customer, "_key": key}


def customer_rows(rows: Iterable[Mapping[str, Any]]) -> Iterable[Row]:
    for r in rows:
        cells = [r["name"], words.label("stage", r["stage"]), r["grade"]]
        yield _record(r["id"], r["name"], f"c{r['id']}"), cells


def contact_rows(rows: Iterable[Mapping[str, Any]]) -> Iterable[Row]:
    for r in rows:
        cells = [r["name"], clip(r["role"], 18), r["customer"]]
        yield _record(r["customer_id"], r["customer"], f"p{r['id']}"), cells


def note_rows(rows: Iterable[Mapping[str, Any]]) -> Iterable[Row]:
    for r in rows:
        yield _record(r["customer_id"], r["customer"], f"n{r['id']}"), [clip(r["body"], 70)]


def announcement_rows(
    announcements: Iterable[Mapping[str, Any]], notes: Iterable[Mapping[str, Any]]
) -> Iterable[Row]:
    """The announcements panel: current announcements (pinned first), then pinned notes."""
    for a in announcements:
        text = ("📌 " if a["pinned"] else "") + a["title"]
        if a["valid_until"]:
            text += f" · {a['valid_until']:%m-%d}"
        yield {"customer_id": None, "customer": None, "_key": f"a{a['id']}"}, [clip(text, 70)]
    yield from note_rows(notes)


def birthday_rows(rows: Iterable[Mapping[str, Any]]) -> Iterable[Row]:
    for i, b in enumerate(rows):
        cells = [
            in_days(b["in_days"]) + (" 农历" if b["lunar"] else ""),
            b["name"],
            b["customer"] if b["customer"] != b["name"] else "",
            f"{b['age']}" if b["age"] else "",
        ]
        yield _record(b["customer_id"], b["customer"], f"b{i}"), cells


def opportunity_rows(rows: Iterable[Mapping[str, Any]]) -> Iterable[Row]:
    for o in rows:
        stage = words.label("opportunity", o["stage"])
        cells = [clip(o["title"], 30), stage, money(o["amount"], o["currency"]), o["customer"]]
        yield _record(o["customer_id"], o["customer"], f"o{o['id']}"), cells


def complaint_rows(rows: Iterable[Mapping[str, Any]]) -> Iterable[Row]:
    """Open complaints, the most severe first (high and critical in red)."""
    from crmtui.services.aftersale.rules import word

    for k in rows:
        style = {"critical": "bold red", "high": "red"}.get(k["severity"], "")
        cells = [Text(word(k["severity"]), style=style), k["customer"], word(k["status"])]
        yield _record(k["customer_id"], k["customer"], f"k{k['id']}"), cells


def service_rows(rows: Iterable[Mapping[str, Any]]) -> Iterable[Row]:
    """Services due by the end of the week, the soonest first."""
    from crmtui.services.aftersale.rules import word

    for p in rows:
        cells = [p["next_due"].strftime("%a %m-%d"), p["customer"], word(p["kind"])]
        yield _record(p["customer_id"], p["customer"], f"s{p['id']}"), cells


def month_text(m: Mapping[str, Any]) -> Text:
    """This month's work in four short lines."""
    rate = f"{m['reached_rate']:.0%}" if m["reached_rate"] is not None else "–"
    new = _(", ").join(
        f"{words.label('stage', k)} {v}" for k, v in sorted(m["new_customers"].items())
    )
    return Text.assemble(
        (_("calls") + " ", "dim"),
        str(m["calls"]),
        ("  " + _("reached") + " ", "dim"),
        f"{m['calls_reached']} ({rate})",
        ("\n" + _("visits") + " ", "dim"),
        str(m["visits"]),
        ("  " + _("other") + " ", "dim"),
        str(m["other_touches"]),
        ("\n" + _("new customers") + " ", "dim"),
        new or _("none"),
        ("\n" + _("won") + " ", "dim"),
        f"{m['won']['count']} ({money(m['won']['amount'])})",
        ("  " + _("lost") + " ", "dim"),
        f"{m['lost']['count']} ({money(m['lost']['amount'])})",
    )
