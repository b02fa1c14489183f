"""What every screen that shows data shares: following changes to the database and handing
worker results back to the main thread (``app.call_from_thread``). Reading, writing and reporting
failures are in ``widgets/data_access.py``, which widgets use too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches
from textual.screen import Screen

from crmtui.i18n import language
from crmtui.widgets.data_access import crm
from crmtui.widgets.localised import LocalisedBindings

if TYPE_CHECKING:
    from crmtui.app import CrmApp


class DataScreen(LocalisedBindings, Screen[None]):
    """A screen whose content comes from the database and follows its changes.

    Subclasses implement :meth:`load` (usually starting a thread worker). The app bumps its
    ``data_generation`` whenever the database changes; a visible screen reloads at once, a
    hidden one when it comes back.
    """

    loaded_generation = -1

    @property
    def crm(self) -> CrmApp:
        return crm(self.app)

    def load(self) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        self.loaded_generation = self.crm.data_generation
        self.load()

    def titles(self) -> None:
        """Set the titles made in code rather than composed (on mount, and again after the
        language is switched); screens with such titles override it."""

    async def rebuild(self) -> None:
        """Build the screen again in the current language: compose, titles, data."""
        self.spoken = language()
        await self.recompose()
        self.titles()
        self.reload()

    def on_mount(self) -> None:
        self.spoken = language()
        self.titles()
        self.reload()

    async def on_screen_resume(self) -> None:
        if getattr(self, "spoken", language()) != language():
            await self.rebuild()  # the language was switched while another screen was shown
        elif self.loaded_generation != self.crm.data_generation:
            self.reload()

    def deliver(self, fn: Callable[..., Any], *args: Any) -> None:
        """From a worker thread: run ``fn(*args)`` on the main thread if the screen is alive."""
        try:
            self.app.call_from_thread(self._deliver, fn, *args)
        except RuntimeError:
            pass  # the app is shutting down

    def _deliver(self, fn: Callable[..., Any], *args: Any) -> None:
        if self.is_attached:
            try:
                fn(*args)
            except NoMatches:
                pass  # the screen is being built again (language switch); its reload follows
