"""The today desktop's panels and its first-run welcome, as ``TodayScreen`` composes them: seven
rows of two panels (calls and the week; birthdays and announcements; complaints and services;
recent customers and contacts; recent opportunities and the month; money; pinned queries and
the 80/20 reminder). ``screens/today.py`` fills them.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from crmtui.i18n import N_, _
from crmtui.widgets.desk_money import money_tables
from crmtui.widgets.panel_table import PanelTable


def desk() -> ComposeResult:
    """The panels (``#desk``) and the first-run panel (``#first-run``); the screen shows one of
    them once it knows whether the database is empty, and the queries row when it has rows."""
    with VerticalScroll(id="desk", can_focus=False):
        with Horizontal(classes="desk-row"):
            yield PanelTable(
                [N_("time"), N_("customer"), N_("contact"), N_("goal")],
                id="calls",
                empty=N_("no calls planned for today"),
                classes="panel",
            )
            yield PanelTable(
                [N_("day"), N_("time"), N_("kind"), N_("customer"), N_("note")],
                id="week",
                empty=N_("no open actions this week"),
                classes="panel",
            )
        with Horizontal(classes="desk-row"):
            yield PanelTable(
                [N_("when"), N_("who"), N_("customer"), N_("age")],
                id="birthdays",
                empty=N_("no birthdays in the next 7 days"),
                classes="panel",
            )
            yield PanelTable(
                [N_("announcement")], id="pinned", empty=N_("no announcements"), classes="panel"
            )
        with Horizontal(classes="desk-row"):
            yield PanelTable(
                [N_("severity"), N_("customer"), N_("status")],
                id="complaints",
                empty=N_("no open complaints"),
                classes="panel",
            )
            yield PanelTable(
                [N_("due"), N_("customer"), N_("kind")],
                id="services",
                empty=N_("no services due this week"),
                classes="panel",
            )
        with Horizontal(classes="desk-row"):
            yield PanelTable(
                [N_("name"), N_("stage"), N_("grade")], id="recent-customers", classes="panel"
            )
            yield PanelTable(
                [N_("name"), N_("role"), N_("customer")], id="recent-contacts", classes="panel"
            )
        with Horizontal(classes="desk-row"):
            yield PanelTable(
                [N_("title"), N_("stage"), N_("amount"), N_("customer")],
                id="recent-opps",
                classes="panel",
            )
            yield Static("…", id="month", classes="panel")
        with Horizontal(classes="desk-row"):
            yield from money_tables()
        # pinned saved queries and the monthly 80/20 reminder: shown when there are any
        with Horizontal(classes="desk-row", id="queries-row"):
            yield PanelTable(
                [N_("query"), N_("row")],
                id="queries",
                empty=N_("no pinned queries"),
                classes="panel",
            )
            yield Static("", id="grade-reminder", classes="panel")
    with Vertical(id="first-run"):
        yield Static(
            Text.assemble(
                (_("Welcome to crmtui") + "\n\n", "bold"),
                _(
                    "Your database has no customers yet. Load a sample of 200 customers to "
                    "look around (you can start a fresh database later with --db), or add "
                    "your first customer."
                ),
            )
        )
        with Horizontal(id="first-run-buttons"):
            yield Button(_("Load demo data  d"), id="demo", variant="primary")
            yield Button(_("Add first customer  a"), id="add-first")
