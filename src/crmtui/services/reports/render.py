"""Any report as Markdown, one printable HTML file with inline SVG bar charts, CSV or JSON.

The HTML stands alone: styles and charts inline, no script, no font, no link to anywhere, so
it can be mailed, archived and printed as it is. User text is escaped everywhere.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable
from dataclasses import asdict

from crmtui.i18n import _, translate
from crmtui.money import Money, format_money
from crmtui.services.reports import activity, customers, lost
from crmtui.services.reports.types import Cell, Chart, Report, Section
from crmtui.textsafe import json_dumps, visible

FORMATS = ("md", "html", "csv", "json")
# Cells that are words of crmtui's (not user data): translated like titles
_LABELS = {
    lost.NO_REASON,
    lost.NO_COMPETITOR,
    customers.NONE,
    customers.OTHERS,
    *activity.WEEKDAYS,
}


def render(report: Report, fmt: str) -> str:
    writer: dict[str, Callable[[Report], str]] = {
        "md": markdown,
        "html": html_page,
        "csv": to_csv,
        "json": to_json,
    }
    return writer[fmt](report)


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Money):
        return format_money(int(value), "")
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, str) and value in _LABELS:
        return translate(value)
    return str(value)


def _title(report: Report) -> str:
    return _("{title}, {start} to {end}").format(
        title=translate(report.title), start=report.start.isoformat(), end=report.end.isoformat()
    )


def _note(section: Section, report: Report) -> str:
    return translate(section.note).format(currency=report.currency) if section.note else ""


def _md(text: str) -> str:
    return visible(text).replace("|", "\\|").replace("\n", " ")


def markdown(report: Report) -> str:
    lines = [f"# {_md(_title(report))}", ""]
    for section in report.sections:
        lines += [f"## {_md(translate(section.title))}", ""]
        if section.note:
            lines += [f"_{_md(_note(section, report))}_", ""]
        if not section.rows:
            lines += [_("(nothing in this period)"), ""]
            continue
        lines.append("| " + " | ".join(_md(translate(c)) for c in section.columns) + " |")
        lines.append("|" + "---|" * len(section.columns))
        for row in section.rows:
            lines.append("| " + " | ".join(_md(cell_text(c)) for c in row) + " |")
        lines.append("")
    return "\n".join(lines)


def to_csv(report: Report) -> str:
    """One block per section: its title on a line, then its header and rows; blank between."""
    from crmtui.services.formats.safety import neutralise

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for i, section in enumerate(report.sections):
        if i:
            writer.writerow([])
        writer.writerow([translate(section.title)])
        writer.writerow([translate(c) for c in section.columns])
        for row in section.rows:
            writer.writerow([neutralise(cell_text(c)) for c in row])
    return out.getvalue()


def to_json(report: Report) -> str:
    data = asdict(report)
    for section, raw in zip(report.sections, data["sections"], strict=True):
        raw["rows"] = [list(row) for row in section.rows]  # Money stays Money for the encoder
    return json_dumps(data)


def _h(value: object) -> str:
    return html.escape(visible(str(value)), quote=True)


def chart_svg(chart: Chart, label: str) -> str:
    """Horizontal bars, one per label, as inline SVG (no namespace URL: HTML5 needs none)."""
    if not chart.values:
        return ""
    shown = list(zip(chart.labels, chart.values, strict=True))[:40]
    peak = max([v for _, v in shown] + [1.0])
    bar_h, gap, left, width = 14, 4, 150, 420
    height = len(shown) * (bar_h + gap) + gap
    parts = [
        f'<svg width="{left + width + 70}" height="{height}" role="img" aria-label="{_h(label)}">'
    ]
    for i, (name, value) in enumerate(shown):
        y = gap + i * (bar_h + gap)
        size = value / peak * width
        parts.append(
            f'<text x="{left - 6}" y="{y + bar_h - 3}" font-size="11" text-anchor="end">'
            f"{_h(cell_text(name))[:28]}</text>"
            f'<rect x="{left}" y="{y}" width="{size:.1f}" height="{bar_h}" fill="#4a78b5">'
            f"<title>{_h(cell_text(name))}: {value:g}{chart.unit}</title></rect>"
            f'<text x="{left + size + 4:.1f}" y="{y + bar_h - 3}" font-size="11">'
            f"{value:g}{chart.unit}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


_STYLE = (
    "body{font-family:sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em}"
    "th,td{border:1px solid #bbb;padding:.2em .6em;text-align:left}"
    "td.n{text-align:right}h2{margin-top:1.5em}.note{color:#555;font-style:italic}"
    "@media print{body{margin:0}section{break-inside:avoid}}"
)


def html_page(report: Report) -> str:
    title = _h(_title(report))
    body = [f"<h1>{title}</h1>"]
    for section in report.sections:
        body.append(f"<section><h2>{_h(translate(section.title))}</h2>")
        if section.note:
            body.append(f'<p class="note">{_h(_note(section, report))}</p>')
        if not section.rows:
            nothing = _("(nothing in this period)")
            body.append(f"<p>{_h(nothing)}</p></section>")
            continue
        if section.chart is not None:
            body.append(chart_svg(section.chart, translate(section.title)))
        body.append("<table><thead><tr>")
        body += [f"<th>{_h(translate(c))}</th>" for c in section.columns]
        body.append("</tr></thead><tbody>")
        for row in section.rows:
            cells = [
                f'<td class="n">{_h(cell_text(c))}</td>'
                if isinstance(c, int | float)
                else f"<td>{_h(cell_text(c))}</td>"
                for c in row
            ]
            body.append("<tr>" + "".join(cells) + "</tr>")
        body.append("</tbody></table></section>")
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        + "".join(body)
        + "</body></html>\n"
    )
