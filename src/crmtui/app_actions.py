"""The app's actions around saved queries and work summaries (the palette's entries for them),
apart from the application class in :mod:`crmtui.app`."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from textual import work

from crmtui.app_language import LanguageSwitching
from crmtui.i18n import _
from crmtui.services.desktop.tui import ReaderPool
from crmtui.widgets.data_access import read, report


class QueriesAndSummaries(LanguageSwitching):
    """Mixed into the app, which sets these in its ``__init__`` and defines ``now`` and
    ``action_go``."""

    tz: tzinfo
    readers: ReaderPool
    saved_queries: list[tuple[str, str]]  # (name, query) for the palette and the dropdown
    saved_pins: list[tuple[str, bool]]  # (name, pinned) of every saved query

    def now(self) -> datetime:
        raise NotImplementedError

    def action_go(self, mode: str) -> None:
        raise NotImplementedError

    def action_saved_query(self, query: str) -> None:
        """The customer list, with a saved query in its search box."""
        from crmtui.screens.customers import CustomersScreen

        self.action_go("customers")
        screen = self.screen
        if isinstance(screen, CustomersScreen):
            screen.show_query(query)

    @work(thread=True, exclusive=True, group="saved-queries", exit_on_error=False)
    def _load_saved_queries(self) -> None:
        """Saved queries for the command palette, read off the main thread for next time."""
        from crmtui.services.query.saved_read import list_queries

        found = read(self, list_queries)
        if found is not None:
            # the customer list runs customer queries; the others have their own lists
            self.saved_queries = [(s.name, s.query) for s in found if s.target == "customers"]
            self.saved_pins = [(s.name, s.pinned) for s in found]

    def action_pin_query(self, name: str, pinned: bool) -> None:
        """Pin (or unpin) a saved query as a desktop panel, from the palette."""
        from crmtui.messages import DataSaved
        from crmtui.services.query.pinned import set_pinned
        from crmtui.widgets.data_access import write

        stored = write(self, lambda s: set_pinned(s, name=name, pinned=pinned))
        said = _("pinned {name} on the desktop") if pinned else _("unpinned {name}")
        self.notify(said.format(name=stored), markup=False)
        self.saved_pins = [(n, pinned if n == stored else p) for n, p in self.saved_pins]
        self.screen.post_message(DataSaved())

    def action_summary(self, span: str = "week") -> None:
        """This week's (or month's) work summary, 工作总结, in its own screen."""
        self._load_summary(span)

    @work(thread=True, exclusive=True, group="summary", exit_on_error=False)
    def _load_summary(self, span: str) -> None:
        from crmtui.services.summaries.build import build_summary
        from crmtui.services.summaries.periods import parse_month, parse_week

        now, tz = self.now(), self.tz
        today = now.astimezone(tz).date()
        period = parse_week(None, today) if span == "week" else parse_month(None, today)
        try:
            with self.readers.reader() as reader:
                summary = build_summary(reader, period, now=now, tz=tz)
        except Exception as exc:
            report(self, exc)
            return
        self.call_from_thread(self._show_summary, summary)

    def _show_summary(self, summary: dict[str, Any]) -> None:
        from crmtui.screens.summary import SummaryScreen

        self.push_screen(SummaryScreen(summary, tz=self.tz))
