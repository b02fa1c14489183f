"""The Textual application (placeholder until the screens land)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class CrmApp(App[None]):
    TITLE = "crmtui"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, db_option: str | None = None):
        super().__init__()
        self.db_option = db_option

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("crmtui — the full-screen desktop is on its way. Use `crm today` meanwhile.")
        yield Footer()


def run_app(db_option: str | None = None) -> None:
    CrmApp(db_option=db_option).run()
