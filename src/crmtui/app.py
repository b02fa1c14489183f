"""The Textual application: modes (today, customers, calls), app-wide keys, the command palette,
themes, and live refresh when another program writes to the database.

Screens live in :mod:`crmtui.screens`, one per file; forms and widgets in :mod:`crmtui.widgets`.
The app holds what they share: the database, a pool of lean readers for worker threads, the
user's settings and zone, and ``data_generation``, bumped whenever the data changes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.worker import get_current_worker

from crmtui import clock, i18n
from crmtui.app_actions import QueriesAndSummaries
from crmtui.app_server import ServerTrouble
from crmtui.i18n import N_, _
from crmtui.messages import CustomerChosen, DatabaseChanged, DataSaved
from crmtui.screens.base import DataScreen
from crmtui.screens.today import TodayScreen
from crmtui.services.desktop.tui import ReaderPool
from crmtui.widgets.data_access import report

if TYPE_CHECKING:
    from textual.command import Provider

    from crmtui.config import Config
    from crmtui.db.engine import Database
    from crmtui.db.reader import Reader
    from crmtui.services.desktop.types import FirstPanels
    from crmtui.widgets.form import Saved

POLL_SECONDS = 1.0
FILLED_WAIT_S = 5.0  # the write path is warmed up by then even if a desktop panel failed


def _customer_jump() -> type[Provider]:
    from crmtui.widgets.palette import CustomerJump  # the palette is opened later, if at all

    return CustomerJump


def _customers_screen() -> Screen[None]:
    from crmtui.screens.customers import CustomersScreen  # imported when first shown

    return CustomersScreen()


def _planner_screen() -> Screen[None]:
    from crmtui.screens.planner import PlannerScreen

    return PlannerScreen()


def _events_screen() -> Screen[None]:
    from crmtui.screens.events import EventsScreen

    return EventsScreen()


def _expenses_screen() -> Screen[None]:
    from crmtui.screens.expenses import ExpensesScreen

    return ExpensesScreen()


def _receivables_screen() -> Screen[None]:
    from crmtui.screens.receivables import ReceivablesScreen

    return ReceivablesScreen()


def _freeze_garbage() -> None:
    """Exclude what is loaded so far (modules, widgets, styles) from the garbage collector's
    full passes: a full pass over the running app took 0.1-0.3 s, long enough to be felt as a
    keystroke in the search box that does not appear. What is made later is still collected."""
    import gc

    gc.freeze()


def _is_card(screen: Screen[object], customer_id: int | None = None) -> bool:
    from crmtui.screens.card import CardScreen

    return isinstance(screen, CardScreen) and customer_id in (None, screen.customer_id)


# App keys that make no sense while a form or question is open (q would lose what was typed;
# Ctrl+Q still quits).
NOT_IN_MODALS = frozenset({"go", "add_customer", "summary", "leave"})


class CrmApp(ServerTrouble, QueriesAndSummaries):
    """crmtui's full-screen app. ``CrmApp(db_option=PATH)``, or pass an opened ``database``."""

    TITLE = "crmtui"
    CSS_PATH = "app.tcss"
    MODES: ClassVar = {
        "today": TodayScreen,
        "customers": _customers_screen,
        "planner": _planner_screen,
        "events": _events_screen,
        "expenses": _expenses_screen,
        "receivables": _receivables_screen,
    }
    DEFAULT_MODE = "today"
    COMMANDS = App.COMMANDS | {_customer_jump}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "go('today')", N_("Today"), id="app.today"),
        Binding("slash", "go('customers')", N_("Customers"), id="app.customers"),
        Binding("p", "go('planner')", N_("Calls"), id="app.planner"),
        Binding("r", "go('receivables')", N_("Receivables"), show=False, id="app.receivables"),
        Binding("a", "add_customer", N_("Add customer"), id="app.add-customer"),
        Binding("ctrl+n", "add_customer", N_("Add customer"), show=False, id="app.add-customer-2"),
        Binding("question_mark,f1", "toggle_keys", N_("Keys"), id="app.keys"),
        Binding("q", "leave", N_("Quit"), id="app.quit"),
        Binding("ctrl+z", "undo", N_("Undo"), show=False, id="app.undo"),
    ]

    def __init__(
        self,
        db_option: str | None = None,
        *,
        database: Database | None = None,
        config: Config | None = None,
    ) -> None:
        from crmtui import config as settings
        from crmtui.db.engine import open_database

        super().__init__()
        self._stop_listening: Callable[[], None] = lambda: None
        self.started = time.perf_counter()
        self.ready_at: float | None = None
        self._warmed = False
        self.config = config or settings.load()
        self.tz = clock.user_zone(self.config.timezone)
        self.db = database or open_database(db_option)
        self.readers = ReaderPool(self.db)
        self.data_generation = 0
        self.saved_queries: list[tuple[str, str]] = []  # (name, query) for the palette
        self.saved_pins: list[tuple[str, bool]] = []  # (name, pinned) of every saved query
        self._watch: Reader | None = None
        self._version: int | None = None
        self._server_gone = False  # the change counter's server stopped answering
        self._preload: Future[FirstPanels] | None = self._start_preload()

    def _start_preload(self) -> Future[FirstPanels]:
        """Query the desktop's first panels in a thread while Textual starts up."""
        from crmtui.services.desktop.read import first_panels

        future: Future[FirstPanels] = Future()
        now, tz = self.now(), self.tz

        def run() -> None:
            try:
                with self.readers.reader() as reader:
                    future.set_result(first_panels(reader, now=now, tz=tz))
            except BaseException as exc:
                future.set_exception(exc)

        threading.Thread(target=run, name="crm-preload", daemon=True).start()
        return future

    def take_preload(self) -> Future[FirstPanels] | None:
        """The preloaded first panels, once (later loads query afresh)."""
        future, self._preload = self._preload, None
        return future

    def now(self) -> datetime:
        """The current instant (aware UTC; ``CRM_NOW`` pins it)."""
        return clock.now(self.tz)

    # -- start and stop -------------------------------------------------------------------

    def on_mount(self) -> None:
        wanted = str(self.config.theme or "")
        if wanted in self.available_themes:
            self.theme = wanted
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._stop_listening = i18n.on_change(self._on_language)
        try:
            self._watch = self.db.reader()
            self._version = self._watch.change_count()
        except Exception as exc:
            report(self, exc)
        self.set_interval(POLL_SECONDS, self._poll, name="change-counter")

    def on_unmount(self) -> None:
        stop, self._stop_listening = self._stop_listening, lambda: None
        stop()
        self.readers.close()
        if self._watch is not None:
            self._watch.close()
        self.db.dispose()

    def desktop_ready(self) -> None:
        """The desktop showed its first data: note the time."""
        if self.ready_at is None:
            self.ready_at = time.perf_counter()
            # in case a panel never arrives (an error was reported): warm up all the same
            self.set_timer(FILLED_WAIT_S, self.desktop_filled)

    def desktop_filled(self) -> None:
        """Every panel of the desktop is filled: warm up the write path and read the saved
        queries. Not sooner: the threads share one interpreter lock, and importing SQLModel
        while the plan and the other panels load would hold them back."""
        if not self._warmed:
            self._warmed = True
            _freeze_garbage()
            self._prewarm()
            self._load_saved_queries()

    @work(thread=True, group="prewarm", exit_on_error=False)
    def _prewarm(self) -> None:
        # The first form would otherwise wait ~0.3 s for SQLModel; import it while idle.
        import crmtui.services.activities.write
        import crmtui.services.common.checks
        import crmtui.services.common.timeparse  # noqa: F401

        _freeze_garbage()

    # -- live refresh -----------------------------------------------------------------------

    def _poll(self) -> None:
        try:
            if self._watch is None:
                self._watch = self.db.reader()
            version = self._watch.change_count()
        except Exception as exc:
            self._watch_failed(exc)
            return  # busy or gone for a moment; try again next tick
        if self._server_gone:
            self._server_gone = False
            self.notify(_("The database server answers again."), markup=False)
            version = -1  # whatever was missed meanwhile: read it all again
        if version != self._version:
            self._version = version
            self.post_message(DatabaseChanged())

    def on_database_changed(self, _: DatabaseChanged) -> None:
        self.refresh_data()

    @on(DataSaved)
    def _data_saved(self) -> None:
        if self._watch is not None:
            try:
                self._version = self._watch.change_count()  # our own commit: no second refresh
            except Exception:
                pass
        self.refresh_data()

    def refresh_data(self) -> None:
        """Reload the screens that can be seen; the others reload when they come back."""
        self.data_generation += 1
        for screen in reversed(self.screen_stack):
            if isinstance(screen, DataScreen):
                screen.reload()
            if not isinstance(screen, ModalScreen):
                break

    # -- navigation -------------------------------------------------------------------------

    def on_customer_chosen(self, message: CustomerChosen) -> None:
        self.open_card(message.customer_id)

    def open_card(self, customer_id: int) -> None:
        """Read the card first, then show it in one go (one layout, no half-empty screen)."""
        if not _is_card(self.screen, customer_id):
            self._fetch_card(customer_id)

    @work(thread=True, exclusive=True, group="open-card", exit_on_error=False)
    def _fetch_card(self, customer_id: int) -> None:
        from crmtui.errors import NotFound
        from crmtui.widgets.service_tab import full_card

        try:
            with self.readers.reader() as reader:
                card = full_card(reader, customer_id, now=self.now())
        except NotFound:
            self.notify(_("That customer is no longer there."), markup=False)
            return
        except Exception as exc:
            report(self, exc)
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._push_card, customer_id, card)

    def _push_card(self, customer_id: int, card: dict[str, Any]) -> None:
        if card.get("deleted_at"):
            self.notify(_("That customer is in the trash."), markup=False)
        elif not _is_card(self.screen, customer_id):
            from crmtui.screens.card import CardScreen

            self.push_screen(CardScreen(customer_id, card=card))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NOT_IN_MODALS and isinstance(self.screen, ModalScreen):
            return False
        return True

    def action_go(self, mode: str) -> None:
        """Show the screen of ``mode`` itself, never a card left open on top of it."""
        self._back_to_base()
        if self.current_mode != mode:
            self.switch_mode(mode)
            # A mode keeps its own stack: a card opened there earlier (or pushed by a worker that
            # finished after we left) would otherwise come back instead of the screen asked for.
            self._back_to_base()

    def _back_to_base(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            self.pop_screen()

    def action_undo(self) -> None:
        """Take back the last edit, delete or merge made in this app."""
        from crmtui.widgets.record_edit_forms import undo_last

        undo_last(self)

    def action_add_customer(self) -> None:
        from crmtui.widgets.customer_form import CustomerForm

        def added(saved: Saved | None) -> None:
            if saved is not None:
                self.open_card(saved.id)

        self.push_screen(CustomerForm(region=self.config.country), added)

    def action_report(self, name: str = "pareto") -> None:
        """A report with its charts (``crm report NAME``), in its own screen."""
        from crmtui.screens.reports import ReportScreen

        self.push_screen(ReportScreen(name))

    async def action_leave(self) -> None:
        """``q``: quit (not while a form is open; Ctrl+Q quits from anywhere)."""
        await self.action_quit()

    def action_toggle_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    # -- palette and themes -------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from crmtui.app_palette import system_commands

        return system_commands(self, screen)

    def action_command_palette(self) -> None:
        from crmtui.app_palette import open_palette

        open_palette(self)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.config.theme:
            self.config.values["theme"] = theme.name
            self._save_theme(theme.name)

    @work(thread=True, group="config", exit_on_error=False)
    def _save_theme(self, name: str) -> None:
        from crmtui.config import set_value

        try:
            set_value("theme", name, self.config.path)
        except Exception as exc:
            report(self, exc)


def run_app(db_option: str | None = None) -> None:
    """Open the database (refusing a bad one with one clear line) and run the app."""
    CrmApp(db_option=db_option).run()
