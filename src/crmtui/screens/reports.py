"""Reports in the terminal: the tables of ``crm report`` with their charts drawn by plotext.

``ReportScreen(name)`` shows one report (its default period, as ``crm report NAME`` does);
the number keys 1-6 switch between pareto, funnel, lost, customers, activity and sales. The
report is built in a thread worker through the app's pooled reader; every cell is plain ``Text``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static
from textual_plotext import PlotextPlot

from crmtui.i18n import N_, _, translate
from crmtui.screens.base import DataScreen
from crmtui.services.reports.render import cell_text
from crmtui.textsafe import visible

if TYPE_CHECKING:
    from crmtui.services.reports.types import Report, Section

NAMES = ("pareto", "funnel", "lost", "customers", "activity", "sales")


class ReportScreen(DataScreen):
    """See the module docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", N_("Back"), id="reports.back"),
        *(
            Binding(str(i), f"show('{name}')", name.capitalize(), id=f"reports.{name}")
            for i, name in enumerate(NAMES, start=1)
        ),
    ]

    def __init__(self, name: str = "pareto") -> None:
        super().__init__()
        self.report_name = name
        self.shown: Report | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="report-body")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Reports")

    def load(self) -> None:
        self._build(self.report_name)

    def action_show(self, name: str) -> None:
        self.report_name = name
        self._build(name)

    def _build(self, name: str) -> None:
        self.run_worker(lambda: self._work(name), thread=True, exclusive=True, group="report")

    def _work(self, name: str) -> None:
        from crmtui.services.reports.build import DEFAULT_DAYS, build_report
        from crmtui.services.reports.window import Window
        from crmtui.widgets.data_access import read

        app = self.crm
        now, tz, config = app.now(), app.tz, app.config
        today = now.astimezone(tz).date()
        window = Window(
            first=today - timedelta(days=DEFAULT_DAYS[name] - 1),
            last=today,
            now=now,
            tz=tz,
            currency=config.currency,
            cadences=(int(config.cadence_a), int(config.cadence_b), int(config.cadence_c)),
        )
        built = read(self.app, lambda reader: build_report(reader, name, window))
        if built is not None:
            self.deliver(self._show, built)

    def _show(self, report: Report) -> None:
        self.shown = report
        body = self.query_one("#report-body", VerticalScroll)
        body.remove_children()
        heading = _("{title}, {start} to {end}").format(
            title=translate(report.title), start=report.start, end=report.end
        )
        parts: list[Static | PlotextPlot] = [Static(Text(heading, style="bold"), classes="title")]
        for section in report.sections:
            parts.append(Static(_table(section), classes="report-table"))
            if section.chart is not None and section.chart.values:
                parts.append(_chart(section))
        body.mount_all(parts)


def _table(section: Section) -> Table:
    grid = Table(
        title=translate(section.title), title_justify="left", show_edge=False, pad_edge=False
    )
    for column in section.columns:
        grid.add_column(translate(column))
    for row in section.rows[:40]:
        grid.add_row(*(Text(visible(cell_text(cell))) for cell in row))
    return grid


def _chart(section: Section) -> PlotextPlot:
    """The section's bars drawn by plotext (at most 30 of them, labels shortened)."""
    assert section.chart is not None
    plot = PlotextPlot(classes="report-chart")
    labels = [visible(cell_text(label))[:12] for label in section.chart.labels[:30]]
    plt = plot.plt
    plt.bar(labels, section.chart.values[:30])
    plt.title(translate(section.title))
    return plot
