"""Picking the customer to merge into the one whose card is open (``ModalScreen[int | None]``).

Likely duplicates of the card's customer are offered first; typing searches all customers
(name, pinyin, phone). The caller shows the merge plan and asks before anything is written.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from crmtui.i18n import N_, _
from crmtui.widgets.data_access import crm, report
from crmtui.widgets.localised import LocalisedBindings
from crmtui.widgets.text import plain


class MergePicker(LocalisedBindings, ModalScreen[int | None]):
    """Choose OTHER for "merge into this customer…"; Enter picks, Escape cancels."""

    DEFAULT_CSS = """
    MergePicker { align: center middle; }
    #merge-picker { width: 70; max-width: 100%; height: auto; max-height: 80%;
                    border: thick $primary; background: $surface; padding: 1 2; }
    #merge-choices { height: auto; max-height: 12; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="merge.cancel"),
        Binding("down", "choices", N_("Choices"), show=False, id="merge.choices"),
    ]

    def __init__(self, customer_id: int, customer_name: str) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer_name = customer_name

    def compose(self) -> ComposeResult:
        with Vertical(id="merge-picker"):
            yield Static(
                Text.assemble(
                    ("Merge another customer into ", "bold"),
                    plain(self.customer_name, style="bold"),
                )
            )
            yield Input(placeholder=_("search: name, pinyin, phone or #id"), id="merge-search")
            yield OptionList(id="merge-choices", compact=True)

    def on_mount(self) -> None:
        self.query_one("#merge-search", Input).focus()
        self._find("")

    @on(Input.Changed, "#merge-search")
    def _typed(self, event: Input.Changed) -> None:
        self._find(event.value)

    @on(Input.Submitted, "#merge-search")
    def _first(self) -> None:
        choices = self.query_one("#merge-choices", OptionList)
        if choices.option_count:
            self._pick(choices.get_option_at_index(choices.highlighted or 0).id)

    @on(OptionList.OptionSelected, "#merge-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        if option_id:
            self.dismiss(int(option_id))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_choices(self) -> None:
        self.query_one("#merge-choices", OptionList).focus()

    @work(thread=True, exclusive=True, group="merge-find", exit_on_error=False)
    def _find(self, query: str) -> None:
        from crmtui.services.customers.read import list_customers
        from crmtui.services.editing.duplicates import find_duplicates

        text = query.strip().lstrip("#")
        rows: list[tuple[int, str, str]] = []
        try:
            with crm(self.app).readers.reader() as reader:
                if not text:
                    for pair in find_duplicates(reader):
                        ids = [c["id"] for c in pair["customers"]]
                        if self.customer_id in ids:
                            other = next(
                                c for c in pair["customers"] if c["id"] != self.customer_id
                            )
                            rows.append((other["id"], other["name"], _("; ").join(pair["reasons"])))
                elif text.isdigit():
                    row = reader.one(
                        "SELECT id, name FROM customer WHERE id = :id AND deleted_at IS NULL",
                        {"id": int(text)},
                    )
                    if row is not None:
                        rows.append((int(row["id"]), str(row["name"]), ""))
                else:
                    for c in list_customers(reader, search=text, limit=20):
                        rows.append((int(c["id"]), str(c["name"]), c.get("city") or ""))
        except Exception as exc:
            report(self.app, exc)
            return
        rows = [r for r in rows if r[0] != self.customer_id]
        self.app.call_from_thread(self._fill, rows, bool(text))

    def _fill(self, rows: list[tuple[int, str, Any]], searched: bool) -> None:
        choices = self.query_one("#merge-choices", OptionList)
        choices.clear_options()
        for cid, name, why in rows:
            label = Text.assemble(f"#{cid}  ", plain(name), ("  " + why if why else "", "dim"))
            choices.add_option(Option(label, id=str(cid)))
        if not rows:
            empty = "no match" if searched else "no likely duplicates: type to search"
            choices.add_option(Option(Text(empty, style="dim"), disabled=True))
        elif choices.highlighted is None:
            choices.highlighted = 0
