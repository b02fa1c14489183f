"""What every screen that shows data shares: following changes to the database and handing
worker results back to the main thread (``app.call_from_thread``). Reading, writing and reporting
failures are in ``widgets/data_access.py``, which widgets use too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

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

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self.loaded_generation != self.crm.data_generation:
            self.reload()

    def deliver(self, fn: Callable[..., Any], *args: Any) -> None:
        """From a worker thread: run ``fn(*args)`` on the main thread if the screen is alive."""
        try:
            self.app.call_from_thread(self._deliver, fn, *args)
        except RuntimeError:
            pass  # the app is shutting down

    def _deliver(self, fn: Callable[..., Any], *args: Any) -> None:
        if self.is_attached:
            fn(*args)
