"""The week's (or month's) summary, 工作总结, as ``crm export weekly`` shows it.

``SummaryScreen(summary, load)`` shows a dict from ``services.summaries.build_summary``;
``[`` / ``]`` (or ←/→) step to the previous / next period through ``load(period_key)``, which
runs in a thread worker (it reads the database). Without ``load`` the screen reads through the
running crmtui app (``summary_loader``). Every user value is rendered as plain ``Text``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from crmtui.i18n import N_, _
from crmtui.services.summaries.sections import SERIES, day_label, sections, series, title
from crmtui.textsafe import visible
from crmtui.widgets.localised import LocalisedBindings

if TYPE_CHECKING:
    from crmtui.services.summaries.types import Summary

Loader = Callable[[str], "Summary | None"]


def summary_loader(app: App[Any]) -> Loader:
    """Load a period's summary through the crmtui app's pooled reader (call in a worker)."""
    from crmtui.services.summaries.build import build_summary, parse_period
    from crmtui.widgets.data_access import read

    def load(key: str) -> Summary | None:
        now, tz = app.now(), app.tz  # type: ignore[attr-defined]
        period = parse_period(key, now.astimezone(tz).date())
        return read(app, lambda reader: build_summary(reader, period, now=now, tz=tz))

    return load


def _plain(value: Any) -> str:
    return visible(str(value))


def day_table(summary: dict[str, Any]) -> Table:
    grid = Table(show_edge=False, pad_edge=False, title_justify="left")
    grid.add_column(_("day"))
    for _key, label, colour in series():
        grid.add_column(Text(label, style=colour), justify="right")
    grid.add_column(_("chart"))
    peak = max([sum(d[k] for k, _, _ in SERIES) for d in summary["days"]] + [1])
    for day in [*summary["days"], {"date": None, **summary["totals"]}]:
        bar = Text()
        if day["date"] is not None:
            for key, _label, colour in SERIES:
                bar.append("█" * round(day[key] / peak * 30), style=colour)
        label = day_label(day["date"]) if day["date"] else _("total")
        grid.add_row(label, *(str(day[k]) for k, _, _ in SERIES), bar)
    return grid


def body(summary: dict[str, Any], tz: Any) -> RenderableType:
    """The whole summary as Rich renderables built from plain text."""
    parts: list[RenderableType] = [Text(title(summary), style="bold"), Text(""), day_table(summary)]
    for heading, items in sections(summary, tz, _plain):
        parts += [Text(""), Text(heading, style="bold underline")]
        parts += [Text(f"  {item}") for item in items]
    parts += [Text(""), Text(_("Reflection"), style="bold underline")]
    note = summary.get("reflection")
    parts.append(
        Text(visible(note, multiline=True))
        if note
        else Text(_('  (none yet: crm summary note "…")'), style="dim")
    )
    return Group(*parts)


class SummaryScreen(LocalisedBindings, Screen[None]):
    """Shows one summary; ``[``/``]`` or ←/→ move a week (a month) back or forward."""

    BINDINGS = [
        Binding("left_square_bracket", "previous", N_("Previous"), key_display="["),
        Binding("right_square_bracket", "next", N_("Next"), key_display="]"),
        Binding("left", "previous", N_("Previous"), show=False),
        Binding("right", "next", N_("Next"), show=False),
        Binding("escape", "close", N_("Back")),
    ]
    DEFAULT_CSS = "SummaryScreen #summary-body { padding: 0 1; }"

    def __init__(
        self, summary: dict[str, Any], load: Loader | None = None, *, tz: Any = None
    ) -> None:
        super().__init__()
        self.summary = summary
        self._load = load
        self._tz = tz
        self.loading_key: str | None = None

    @property
    def tz(self) -> Any:
        if self._tz is None:
            from zoneinfo import ZoneInfo

            self._tz = getattr(self.app, "tz", None) or ZoneInfo(self.summary["timezone"])
        return self._tz

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="summary-body")
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.summary)

    def show(self, summary: dict[str, Any] | None) -> None:
        self.loading_key = None
        if summary is None:
            return
        self.summary = summary
        self.sub_title = summary["period"]
        self.query_one("#summary-body", Static).update(body(summary, self.tz))
        self.query_one(VerticalScroll).scroll_home(animate=False)

    def action_previous(self) -> None:
        self._go(self.summary["previous_period"])

    def action_next(self) -> None:
        self._go(self.summary["next_period"])

    def action_close(self) -> None:
        self.dismiss(None)

    def _go(self, key: str) -> None:
        if self.loading_key is not None:
            return
        self.loading_key = key
        load = self._load or summary_loader(self.app)

        def work() -> None:
            try:
                result = load(key)
            except Exception as exc:  # noqa: BLE001 - shown to the user, the screen stays
                self.app.call_from_thread(self._failed, exc)
                return
            self.app.call_from_thread(self.show, result)

        self.run_worker(work, thread=True, exclusive=True, group="summary")

    def _failed(self, exc: Exception) -> None:
        self.loading_key = None
        self.notify(str(exc), severity="error", markup=False)


__all__ = ["SummaryScreen", "summary_loader"]
