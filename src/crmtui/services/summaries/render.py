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
from datetime import tzinfo
from typing import Any

from crmtui.i18n import _, pgettext
from crmtui.l10n import chinese
from crmtui.services.formats import neutralise
from crmtui.services.summaries.sections import (
    DAY_COLUMNS,
    SERIES,
    day_headers,
    day_label,
    local,
    sections,
    series,
    title,
)
from crmtui.textsafe import json_dumps, visible

FORMATS = ("md", "html", "csv", "json")
# inline markup Markdown acts on anywhere in a line (``|`` splits table cells)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")
# block markers Markdown only acts on at the start of a line: a heading, a bullet, a numbered
# item, a rule (---); the backslash goes before the punctuation only (before a digit it would show)
_MD_LINE_START = re.compile(
    r"^(?:(#{1,6}(?=\s|$)|[-+](?=\s|$)|-(?=(?:[ \t]*-){2,}[ \t]*$))|(\d{1,9})([.)])(?=\s|$))"
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
    generated = _("Generated {at} ({zone})").format(
        at=local(summary["generated_at"], tz, "%Y-%m-%d %H:%M"), zone=md_text(summary["timezone"])
    )
    lines = [
        f"# {title(summary)}",
        "",
        generated,
        "",
        "## " + _("Activity per day"),
        "",
        "| " + " | ".join(day_headers()) + " |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for row in [*summary["days"], {"date": None, **summary["totals"]}]:
        label = day_label(row["date"]) if row["date"] else "**" + _("total") + "**"
        lines.append(f"| {label} | " + " | ".join(str(row[k]) for k in DAY_COLUMNS) + " |")
    for heading, items in sections(summary, tz, md_text):
        lines += ["", f"## {heading}", ""]
        lines += [f"- {item}" for item in items]
    lines += ["", "## " + _("Reflection"), ""]
    text = summary.get("reflection")
    if text:
        lines += [md_text(line) + "  " for line in visible(text, multiline=True).split("\n")]
    else:
        lines.append(_('(none yet: add one with crm summary note "…")'))
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
    peak = max([sum(d[k] for k, _label, _colour in SERIES) for d in days] + [1])
    slot = (width - pad) / max(len(days), 1)
    bar = max(slot * 0.7, 2)
    label = _("touches per day")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 34}" '
        f'role="img" aria-label="{h(label)}">',
        f'<line x1="{pad}" y1="{top + height}" x2="{width}" y2="{top + height}" stroke="#999"/>',
        f'<text x="0" y="{top + 10}" font-size="10">{peak}</text>',
    ]
    for i, day in enumerate(days):
        x, y = pad + i * slot + (slot - bar) / 2, float(top + height)
        for key, label, colour in series():
            if day[key]:
                size = day[key] / peak * height
                y -= size
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{size:.1f}" '
                    f'fill="{colour}"><title>{label}: {day[key]}</title></rect>'
                )
        if len(days) <= 8 or i % 2 == 0:
            text = _chart_day(day["date"], short=len(days) > 8)
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{top + height + 14}" font-size="10" '
                f'text-anchor="middle">{text}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _chart_day(day: Any, *, short: bool) -> str:
    """A bar's label: ``Mon 23`` (``23`` when the bars are many); ``23日`` in Chinese."""
    from crmtui import l10n

    if l10n.chinese():
        return f"{day.day}日" if short else f"{day.day}日 {l10n.weekday(day.weekday())}"
    return str(day.strftime("%d" if short else "%a %d"))


def html_page(summary: Mapping[str, Any], tz: tzinfo) -> str:
    legend = "".join(
        f'<span><i style="background:{c}"></i>{h(label)}</span>' for _key, label, c in series()
    )
    total = "<b>" + h(_("total")) + "</b>"
    rows = "".join(
        f"<tr><td>{total if d['date'] is None else h(day_label(d['date']))}</td>"
        + "".join(f"<td>{d[k]}</td>" for k in DAY_COLUMNS)
        + "</tr>"
        for d in [*summary["days"], {"date": None, **summary["totals"]}]
    )
    generated = _("Generated {at} ({zone})").format(
        at=h(local(summary["generated_at"], tz, "%Y-%m-%d %H:%M")), zone=h(summary["timezone"])
    )
    body = [
        f"<h1>{h(title(summary))}</h1>",
        f'<p class="muted">{generated}</p>',
        "<h2>" + h(_("Activity per day")) + "</h2>",
        chart_svg(summary["days"]),
        f'<p class="legend">{legend}</p>',
        "<table><tr>" + "".join(f"<th>{h(t)}</th>" for t in day_headers()) + f"</tr>{rows}</table>",
    ]
    for heading, items in sections(summary, tz, h):
        body.append(f"<h2>{heading}</h2><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
    text = summary.get("reflection")
    body.append(
        "<h2>"
        + h(_("Reflection"))
        + "</h2>"
        + (
            f'<div class="reflection">{html.escape(visible(text, multiline=True))}</div>'
            if text
            else '<p class="muted">' + h(_("(none yet)")) + "</p>"
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


def csv_header() -> list[str]:
    """:data:`CSV_HEADER` in the user's language (the values below stay codes)."""
    if not chinese():
        return list(CSV_HEADER)
    return [
        pgettext("csv column", "date"),
        pgettext("csv column", "time"),
        pgettext("csv column", "kind"),
        pgettext("csv column", "outcome"),
        pgettext("csv column", "customer"),
        pgettext("csv column", "contact"),
        pgettext("csv column", "opportunity"),
        pgettext("csv column", "minutes"),
        pgettext("csv column", "note"),
        pgettext("csv column", "activity_id"),
        pgettext("csv column", "customer_id"),
    ]


def activity_rows(activities: Iterable[dict[str, Any]], tz: tzinfo) -> Iterable[list[str]]:
    yield csv_header()
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
