"""Switching the app's language while it runs (the command palette's "语言" entry).

A switch goes through :func:`crmtui.i18n.set_language`, whose listeners include the running app:
every screen shown is composed again in the new language and reloads its data; screens of other
modes follow when they are shown again (``DataScreen.on_screen_resume``). The choice is saved in
the config, so the next start speaks it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import App

from crmtui import i18n
from crmtui.i18n import _
from crmtui.screens.base import DataScreen
from crmtui.widgets.data_access import report

if TYPE_CHECKING:
    from crmtui.config import Config


class LanguageSwitching(App[None]):
    """The app's side of a language switch; ``config`` is the app's settings."""

    config: Config

    def action_switch_language(self) -> None:
        """Chinese ⇄ English, at once, and remembered in the config for the next start."""
        target = i18n.ENGLISH if i18n.language() == i18n.CHINESE else i18n.CHINESE
        i18n.set_language(target)
        self.config.values["language"] = target
        self._save_language(target)

    def _on_language(self, code: str) -> None:
        if self.is_running:  # a switch made anywhere (the palette, a test) rebuilds the screens
            self._language_changed(code)

    def _language_changed(self, code: str) -> None:
        """Every screen shown is built again in the new language; the others when they are
        shown again (DataScreen.on_screen_resume)."""
        self.call_later(self._rebuild)

    async def _rebuild(self) -> None:
        for screen in list(self.screen_stack):
            if isinstance(screen, DataScreen):
                await screen.rebuild()
            else:
                await screen.recompose()
        self.refresh_bindings()
        self.notify(_("The interface now speaks English."), markup=False)

    @work(thread=True, group="config", exit_on_error=False)
    def _save_language(self, code: str) -> None:
        from crmtui.config import set_value

        try:
            set_value("language", code, self.config.path)
        except Exception as exc:
            report(self, exc)
