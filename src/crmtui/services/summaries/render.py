"""A summary (``summaries.build_summary``) as Markdown, HTML, CSV or JSON.

User text is made harmless for each format: control characters become visible stand-ins
(``textsafe.visible``), Markdown punctuation is backslash-escaped, HTML is escaped, CSV cells
that a spreadsheet would run as formulas are neutralised. The HTML page is one self-contained,
printable file: inline CSS and an inline SVG chart, a policy that forbids loading anything.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from crmtui.i18n import _
from crmtui.money import format_money
from crmtui.services.formats import neutralise
from crmtui.services.summaries.aftersale import after_sale_lines
from crmtui.services.summaries.money_figures import money_lines
from crmtui.services.summaries.office import office_sections
from crmtui.textsafe import json_dumps, visible

FORMATS = ("md", "html", "csv", "json")
KIND_LABELS = {
    "call": "call",
    "visit": "visit",
    "email": "email",
    "sms": "SMS",
    "meeting": "meeting",
    "letter": "letter",
    "task": "task",
}
# inline markup Markdown acts on anywhere in a line (``|`` splits table cells)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")
# block markers Markdown only acts on at the start of a line: a heading, a bullet, a numbered
# item, a rule (---); the backslash goes before the punctuation only (before a digit it would show)
_MD_LINE_START = re.compile(
    r"^(?:(#{1,6}(?=\s|$)|[-+](?=\s|$)|-(?=(?:[ \t]*-){2,}[ \t]*$))|(\d{1,9})([.)])(?=\s|$))"
)
SERIES = (
    ("reached", "calls reached", "#2e7d32"),
    ("not_reached", "calls not reached", "#ef6c00"),
    ("visits", "visits", "#1565c0"),
    ("emails", "emails", "#6a1b9a"),
    ("other", "other touches", "#757575"),
)


def render(summary: Mapping[str, Any], fmt: str, tz: tzinfo) -> str:
    """The summary in ``fmt`` (md, html, csv or json) as text."""
    renderers: dict[str, Callable[[Mapping[str, Any], tzinfo], str]] = {
        "md": markdown,
        "html": html_page,
        "csv": activity_csv,
        "json": lambda s, _tz: json_dumps(s),
    }
    return renderers[fmt](summary, tz)


def money(minor: int | None, currency: str = "") -> str:
    return format_money(minor or 0, currency)


def amounts(totals: dict[str, int]) -> str:
    return ", ".join(money(v, k) for k, v in totals.items()) or "0"


def title(summary: Mapping[str, Any]) -> str:
    word = "Weekly" if summary["kind"] == "week" else "Monthly"
    return (
        f"工作总结 · {word} summary {summary['period']} "
        f"({summary['start'].isoformat()} – {summary['end'].isoformat()})"
    )


def _local(value: datetime | None, tz: tzinfo, fmt: str = "%a %m-%d %H:%M") -> str:
    return value.astimezone(tz).strftime(fmt) if value else ""


# --- the lines every text format shows ---------------------------------------------------------


def sections(
    summary: Mapping[str, Any], tz: tzinfo, esc: Callable[[Any], str]
) -> list[tuple[str, list[str]]]:
    """The summary as titled lists of lines; ``esc`` makes each user value safe for the format.

    Shared by Markdown and HTML, so both always show the same things.
    """
    out: list[tuple[str, list[str]]] = []
    new = summary["new_customers"]
    stages = " · ".join(f"{esc(k)} {v}" for k, v in sorted(new["by_stage"].items()))
    out.append(
        (
            f"New customers ({new['count']})",
            ([stages] if stages else ["none"])
            + [
                f"{esc(c['name'])} — {c['stage']}{', grade ' + c['grade'] if c['grade'] else ''}"
                f"{', ' + esc(c['city']) if c['city'] else ''}"
                for c in new["items"]
            ]
            + _more(new["count"], len(new["items"])),
        )
    )
    changes = summary["customer_changes"]
    out.append(
        (
            f"Stage and grade changes ({changes['count']})",
            [
                f"{esc(c['customer'])}: {c['field']} {esc(c['old'] or '-')} → "
                f"{esc(c['new'] or '-')} ({_local(c['at'], tz, '%m-%d')})"
                for c in changes["items"]
            ]
            or ["none"],
        )
    )
    out[-1][1].extend(_more(changes["count"], len(changes["items"])))
    opp = summary["opportunities"]
    lines = [
        f"created {opp['created']['count']} · advanced {opp['advanced']['count']} · "
        f"won {opp['won']['count']} ({esc(amounts(opp['won']['amounts']))}) · "
        f"lost {opp['lost']['count']} ({esc(amounts(opp['lost']['amounts']))})"
    ]
    lines += [
        f"new: {esc(o['title'])} — {esc(o['customer'])} ({o['stage']}, "
        f"{esc(money(o['amount'], o['currency']))})"
        for o in opp["created"]["items"]
    ]
    lines += [
        f"advanced: {esc(o['title'])} — {esc(o['customer'])}: {o['from_stage']} → {o['to_stage']}"
        for o in opp["advanced"]["items"]
    ]
    lines += [
        f"won: {esc(o['title'])} — {esc(o['customer'])}: {esc(money(o['amount'], o['currency']))}"
        for o in opp["won"]["items"]
    ]
    lines += [
        f"lost: {esc(o['title'])} — {esc(o['customer'])}: "
        f"{esc(o['lost_reason'] or '(no reason given)')}"
        f"{' (to ' + esc(o['competitor']) + ')' if o['competitor'] else ''}"
        for o in opp["lost"]["items"]
    ]
    lines += [f"lost because {esc(reason)}: {n}" for reason, n in opp["lost"]["reasons"].items()]
    for key in ("created", "advanced", "won", "lost"):
        if opp[key]["count"] > len(opp[key]["items"]):
            lines.append(f"… {opp[key]['count'] - len(opp[key]['items'])} more {key} not listed")
    out.append(("Opportunities", lines))
    if "money" in summary:
        out.append(("Orders and money", money_lines(summary["money"], esc)))
    out.append(
        (
            "Top customers by activity",
            [
                f"#{i} {esc(c['customer'])} — {_n(c['touches'], 'touch', 'touches')} "
                f"({_n(c['calls'], 'call')}, {_n(c['visits'], 'visit')})"
                for i, c in enumerate(summary["top_customers"], start=1)
            ]
            or ["none"],
        )
    )
    overdue = summary["overdue"]
    out.append(
        (
            f"Overdue actions ({overdue['count']}, as of "
            f"{_local(overdue['as_of'], tz, '%Y-%m-%d %H:%M')})",
            [
                f"{_local(a['due_at'], tz)} {KIND_LABELS.get(a['kind'], a['kind'])} "
                f"{esc(a['customer'])} — {_n(a['days_overdue'], 'day')} late"
                f"{': ' + esc(a['note']) if a['note'] else ''}"
                for a in overdue["items"]
            ]
            or ["none"],
        )
    )
    out[-1][1].extend(_more(overdue["count"], len(overdue["items"])))
    nxt = summary["next"]
    out.append(
        (
            f"Planned for {nxt['period']} ({nxt['actions']['count']})",
            [
                f"{_local(a['due_at'], tz)} {KIND_LABELS.get(a['kind'], a['kind'])} "
                f"{esc(a['customer'])}{' (' + esc(a['contact']) + ')' if a['contact'] else ''}"
                f"{': ' + esc(a['note']) if a['note'] else ''}"
                for a in nxt["actions"]["items"]
            ]
            or ["none"],
        )
    )
    out[-1][1].extend(_more(nxt["actions"]["count"], len(nxt["actions"]["items"])))
    out.append(
        (
            f"Birthdays in {nxt['period']} ({nxt['birthdays']['count']})",
            [
                f"{b['date']:%a %m-%d}{' 农历' if b['lunar'] else ''} {esc(b['name'])}"
                f"{' (' + esc(b['customer']) + ')' if b['customer'] != b['name'] else ''}"
                f"{', turns ' + str(b['age']) if b['age'] else ''}"
                for b in nxt["birthdays"]["items"]
            ]
            or ["none"],
        )
    )
    out[-1][1].extend(_more(nxt["birthdays"]["count"], len(nxt["birthdays"]["items"])))
    if "after_sale" in summary:
        out.append((_("After the sale"), after_sale_lines(summary["after_sale"], esc)))
    if "office" in summary:
        out += office_sections(summary["office"], esc)
    return out


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _more(count: int, shown: int) -> list[str]:
    """A line saying how many more there are, when a list was capped."""
    return [f"… and {count - shown} more"] if count > shown else []


# --- Markdown ----------------------------------------------------------------------------------


def md_text(value: Any) -> str:
    """User text safe inside Markdown: controls visible, markup escaped, one line."""
    text = _MD_SPECIAL.sub(r"\\\1", visible(str(value)))
    return _MD_LINE_START.sub(_escape_marker, text)


def _escape_marker(m: re.Match[str]) -> str:
    if m.group(2):
        return m.group(2) + "\\" + m.group(3)
    return "\\" + m.group(0)


def markdown(summary: Mapping[str, Any], tz: tzinfo) -> str:
    lines = [
        f"# {title(summary)}",
        "",
        f"Generated {_local(summary['generated_at'], tz, '%Y-%m-%d %H:%M')} "
        f"({md_text(summary['timezone'])})",
        "",
        "## Activity per day",
        "",
        "| day | calls | reached | not reached | visits | emails | other |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for row in [*summary["days"], {"date": None, **summary["totals"]}]:
        label = f"{row['date']:%a %m-%d}" if row["date"] else "**total**"
        lines.append(
            f"| {label} | "
            + " | ".join(
                str(row[k])
                for k in ("calls", "reached", "not_reached", "visits", "emails", "other")
            )
            + " |"
        )
    for heading, items in sections(summary, tz, md_text):
        lines += ["", f"## {heading}", ""]
        lines += [f"- {item}" for item in items]
    lines += ["", "## Reflection", ""]
    text = summary.get("reflection")
    if text:
        lines += [md_text(line) + "  " for line in visible(text, multiline=True).split("\n")]
    else:
        lines.append('(none yet: add one with crm summary note "…")')
    return "\n".join(lines) + "\n"


# --- HTML --------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;
max-width:60em;color:#222;line-height:1.45}
h1{font-size:1.5em}h2{font-size:1.15em;border-bottom:1px solid #ccc;margin-top:1.6em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}
td:first-child,th:first-child{text-align:left}ul{padding-left:1.2em}.muted{color:#777}
.legend span{display:inline-block;margin-right:1em}.legend i{display:inline-block;width:.8em;
height:.8em;margin-right:.3em}.reflection{white-space:pre-wrap;border-left:3px solid #999;
padding-left:1em}@media print{body{margin:0;max-width:none}h2{break-after:avoid}}
"""


def h(value: Any) -> str:
    return html.escape(visible(str(value)), quote=True)


def chart_svg(days: list[dict[str, Any]]) -> str:
    """Stacked bars of touches per day, as inline SVG."""
    width, height, pad, top = 640, 180, 28, 10
    peak = max([sum(d[k] for k, _, _ in SERIES) for d in days] + [1])
    slot = (width - pad) / max(len(days), 1)
    bar = max(slot * 0.7, 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 34}" '
        f'role="img" aria-label="touches per day">',
        f'<line x1="{pad}" y1="{top + height}" x2="{width}" y2="{top + height}" stroke="#999"/>',
        f'<text x="0" y="{top + 10}" font-size="10">{peak}</text>',
    ]
    for i, day in enumerate(days):
        x, y = pad + i * slot + (slot - bar) / 2, float(top + height)
        for key, label, colour in SERIES:
            if day[key]:
                size = day[key] / peak * height
                y -= size
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{size:.1f}" '
                    f'fill="{colour}"><title>{label}: {day[key]}</title></rect>'
                )
        if len(days) <= 8 or i % 2 == 0:
            text = day["date"].strftime("%a %d" if len(days) <= 8 else "%d")
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{top + height + 14}" font-size="10" '
                f'text-anchor="middle">{text}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def html_page(summary: Mapping[str, Any], tz: tzinfo) -> str:
    legend = "".join(
        f'<span><i style="background:{c}"></i>{label}</span>' for _, label, c in SERIES
    )
    rows = "".join(
        f"<tr><td>{'<b>total</b>' if d['date'] is None else d['date'].strftime('%a %m-%d')}</td>"
        + "".join(
            f"<td>{d[k]}</td>"
            for k in ("calls", "reached", "not_reached", "visits", "emails", "other")
        )
        + "</tr>"
        for d in [*summary["days"], {"date": None, **summary["totals"]}]
    )
    body = [
        f"<h1>{h(title(summary))}</h1>",
        f'<p class="muted">Generated {h(_local(summary["generated_at"], tz, "%Y-%m-%d %H:%M"))}'
        f" ({h(summary['timezone'])})</p>",
        "<h2>Activity per day</h2>",
        chart_svg(summary["days"]),
        f'<p class="legend">{legend}</p>',
        "<table><tr><th>day</th><th>calls</th><th>reached</th><th>not reached</th>"
        f"<th>visits</th><th>emails</th><th>other</th></tr>{rows}</table>",
    ]
    for heading, items in sections(summary, tz, h):
        body.append(f"<h2>{heading}</h2><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
    text = summary.get("reflection")
    body.append(
        "<h2>Reflection</h2>"
        + (
            f'<div class="reflection">{html.escape(visible(text, multiline=True))}</div>'
            if text
            else '<p class="muted">(none yet)</p>'
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{h(title(summary))}</title><style>{_CSS}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )


# --- CSV ---------------------------------------------------------------------------------------

CSV_HEADER = (
    "date",
    "time",
    "kind",
    "outcome",
    "customer",
    "contact",
    "opportunity",
    "minutes",
    "note",
    "activity_id",
    "customer_id",
)


def activity_rows(activities: Iterable[dict[str, Any]], tz: tzinfo) -> Iterable[list[str]]:
    yield list(CSV_HEADER)
    for a in activities:
        local = a["done_at"].astimezone(tz)
        yield [
            local.date().isoformat(),
            local.strftime("%H:%M"),
            a["kind"],
            a["outcome"] or "",
            a["customer"],
            a["contact"] or "",
            a["opportunity"] or "",
            "" if a["minutes"] is None else str(a["minutes"]),
            a["note"] or "",
            str(a["id"]),
            str(a["customer_id"]),
        ]


def activity_csv(summary: Mapping[str, Any], tz: tzinfo) -> str:
    """The activity list of the period; cells that could run as formulas are neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in activity_rows(summary.get("activities", []), tz):
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()
