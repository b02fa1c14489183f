"""The command palette: crmtui's own entries beside Textual's, all in the user's language.

Textual lists its system commands (theme, quit, screenshot...) and the widgets' keys in English;
they are translated here through the catalogue (:mod:`crmtui.widgets.textual_words` holds their
msgids).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand

from crmtui import i18n
from crmtui.i18n import _, translate
from crmtui.widgets.office_palette import office_commands

if TYPE_CHECKING:
    from textual.screen import Screen

    from crmtui.app import CrmApp


def system_commands(app: CrmApp, screen: Screen[object]) -> Iterable[SystemCommand]:
    """The palette's entries: crmtui's places and forms, reports and saved queries, the language
    switch, the keys of the screen, then Textual's own commands in the user's language."""
    yield SystemCommand(
        _("Today desktop"),
        _("今日桌面: calls, actions, birthdays"),
        partial(app.action_go, "today"),
    )
    yield SystemCommand(
        _("Customers"),
        _("Search and filter the whole customer base"),
        partial(app.action_go, "customers"),
    )
    yield SystemCommand(
        _("Calls for today"),
        _("电话跟进: the calls due today"),
        partial(app.action_go, "planner"),
    )
    yield SystemCommand(
        _("Add customer"), _("A new customer (Enter saves)"), app.action_add_customer
    )
    yield from office_commands(app)
    yield SystemCommand(
        _("Work summary: this week"),
        _("工作总结, as crm export weekly shows it"),
        partial(app.action_summary, "week"),
    )
    yield SystemCommand(
        _("Work summary: this month"),
        _("工作总结 for the month"),
        partial(app.action_summary, "month"),
    )
    from crmtui.widgets.palette import report_and_query_commands

    yield from report_and_query_commands(app)
    app._load_saved_queries()  # for the next time the palette opens
    # offered in the language it switches to, so that a reader of either finds it
    if i18n.language() == i18n.CHINESE:
        yield SystemCommand(
            "Language: English",
            "切换到英文界面 (Switch to English)",
            app.action_switch_language,
        )
    else:
        yield SystemCommand(
            "语言：中文 (Language: Chinese)",
            "Switch the interface to Simplified Chinese",
            app.action_switch_language,
        )
    seen = {_("Today"), _("Customers"), _("Calls"), _("Add customer"), _("Keys"), _("Quit")}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.description and binding.description not in seen and active.enabled:
            seen.add(binding.description)
            yield SystemCommand(
                binding.description,
                _("key {key}").format(key=app.get_key_display(binding)),
                partial(app.run_action, binding.action, active.node),
            )
    for command in App.get_system_commands(app, screen):  # Textual's, in English
        yield command._replace(title=translate(command.title), help=translate(command.help))


def open_palette(app: CrmApp) -> None:
    """The command palette, its search box prompting in the user's language."""
    from textual.command import CommandPalette

    from crmtui.widgets.textual_words import PALETTE_PLACEHOLDER

    if app.use_command_palette and not CommandPalette.is_open(app):  # type: ignore[arg-type]
        placeholder = translate(PALETTE_PLACEHOLDER)
        app.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))
