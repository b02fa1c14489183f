"""Textual's own words, as the footer, the keys panel and the command palette show them.

Textual writes its widgets' key bindings and its system commands in English; they are listed here
as msgids so that the catalogue translates them like ours (:mod:`crmtui.widgets.localised`
translates binding descriptions when shown; the app's ``get_system_commands`` the commands).
"""

from __future__ import annotations

from crmtui.i18n import N_

PALETTE_PLACEHOLDER = N_("Search for commands…")

WORDS = (
    # the app's command palette key and Textual's system commands
    N_("palette"),
    N_("Open the command palette"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit the application as soon as possible"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
    # bindings of the widgets crmtui uses (tables, inputs, selects, tabs, scrolling)
    N_("Bottom"),
    N_("Top"),
    N_("Home"),
    N_("End"),
    N_("Copy selected text"),
    N_("Cursor down"),
    N_("Cursor up"),
    N_("Cursor left"),
    N_("Cursor right"),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Page Up"),
    N_("Page Down"),
    N_("Page Left"),
    N_("Page Right"),
    N_("Page up"),
    N_("Page down"),
    N_("Select"),
    N_("Select all"),
    N_("Scroll Up"),
    N_("Scroll Down"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Home"),
    N_("Scroll End"),
    N_("Submit"),
    N_("Toggle"),
    N_("Paste"),
    N_("Cut"),
    N_("Copy"),
    N_("Undo"),
    N_("Redo"),
    N_("Press button"),
    N_("Next tab"),
    N_("Previous tab"),
    N_("Show menu"),
    N_("Exit the command palette"),
    N_("Next command"),
    N_("Previous command"),
    N_("Move cursor left"),
    N_("Move cursor left a word"),
    N_("Move cursor right a word"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Delete character left"),
    N_("Delete character right"),
    N_("Delete all to the left"),
    N_("Delete all to the right"),
    N_("Delete left to start of word"),
    N_("Delete right to start of word"),
    N_("Go to start"),
    N_("Go to end"),
    N_("Unfocus any focused widget"),
)
