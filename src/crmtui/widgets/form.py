"""The base of every modal form: labelled fields checked as you type, saving off the main thread.

A form is a ``ModalScreen[Saved | None]``. Each field has an id ``f-<name>`` and a line under it
(``e-<name>``) for what is wrong with it, or a hint such as the date a ``+3d`` means. Enter in a
one-line field (or Ctrl+S) saves: the form checks every field, then runs :meth:`FormScreen.save`
in a thread worker with one transaction. A refusal from the services is shown next to the field
it is about, and nothing typed is lost; success posts the form's message and dismisses with a
:class:`Saved`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static, TextArea

from crmtui.errors import CrmError
from crmtui.i18n import N_, _, translate
from crmtui.widgets.data_access import crm, report, write
from crmtui.widgets.fields import FieldArea, FieldCheckbox, FieldInput
from crmtui.widgets.localised import LocalisedBindings

if TYPE_CHECKING:
    from sqlmodel import Session

    from crmtui.messages import DataSaved


@dataclass(frozen=True)
class Saved:
    """What a form wrote: the record's kind and id, its customer, and a label to show."""

    kind: str
    id: int
    customer_id: int | None
    label: str = ""


Field = list[Widget]


def saved_id(record: Any) -> int:
    """The id of a record the session has flushed (services flush before returning)."""
    value = record.id
    if value is None:
        raise RuntimeError(f"{type(record).__name__} has no id after saving")
    return int(value)


def _message(name: str) -> Static:
    return Static("", id=f"e-{name}", classes="field-message", markup=False)


def text_field(name: str, label: str, value: str = "", *, placeholder: str = "") -> Field:
    """A labelled one-line input and its message line (three cells of the form's grid)."""
    return [
        Label(translate(label), classes="field-label"),
        FieldInput(
            value,
            placeholder=translate(placeholder) if placeholder else "",
            id=f"f-{name}",
            compact=True,
            select_on_focus=False,
        ),
        _message(name),
    ]


def choice_field(
    name: str,
    label: str,
    options: Iterable[tuple[Any, Any]],
    value: Any = None,
    *,
    blank: bool = False,
    prompt: str = N_("(none)"),
) -> Field:
    """A labelled drop-down."""
    select: Select[Any] = Select(
        list(options),
        value=value if value is not None else Select.NULL,
        allow_blank=blank,
        prompt=translate(prompt),
        id=f"f-{name}",
        compact=True,
    )
    return [Label(translate(label), classes="field-label"), select, _message(name)]


class Tick(FieldCheckbox):
    """A checkbox that shows its state as a character too (✓ or blank), not only as a colour,
    so it reads right under ``NO_COLOR``."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802
        return "✓" if self.value else " "


def check_field(name: str, label: str, value: bool = False) -> Field:
    tick = Tick(translate(label), value, id=f"f-{name}", compact=True)
    return [Label("", classes="field-label"), tick]


def area_field(name: str, label: str, value: str = "") -> Field:
    return [
        Label(translate(label), classes="field-label"),
        FieldArea(value, id=f"f-{name}", soft_wrap=True, show_line_numbers=False, compact=True),
        _message(name),
    ]


def note_line(content: Any) -> Field:
    """A line across the form (no field), e.g. what a planned call was about."""
    return [Label(content, classes="form-line")]


def split_list(text: str) -> list[str]:
    """``a, b; c`` → ``["a", "b", "c"]`` (phones and tags are typed as a list)."""
    return [p.strip() for p in text.replace(";", ",").replace("，", ",").split(",") if p.strip()]


class FormScreen(LocalisedBindings, ModalScreen[Saved | None]):
    """See the module docstring. Subclasses give ``heading``, ``fields``, ``check`` and ``save``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="form.save"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saving = False
        self._touched: set[str] = set()
        self._shown: dict[str, tuple[str, bool]] = {}
        self._form_message = ""

    # -- to implement ---------------------------------------------------------------------

    def heading(self) -> Text:
        raise NotImplementedError

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def check(self, name: str, value: Any) -> str | None:
        """Raise ``CrmError`` if the value is wrong; may return a hint to show instead."""
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        raise NotImplementedError

    def saved_message(self, saved: Saved) -> DataSaved:
        raise NotImplementedError

    def done_text(self, saved: Saved) -> str:
        """The notification after a successful save."""
        return _("Saved {kind} {label}").format(kind=saved.kind, label=saved.label).strip()

    # -- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(self.heading(), id="form-title")
            with VerticalScroll(id="form-body"):
                yield from self.fields()
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button(_("Save  ^S"), variant="primary", id="form-save", compact=True)
                yield Button(_("Cancel  Esc"), id="form-cancel", compact=True)
        yield Footer()

    def field_names(self) -> list[str]:
        return [str(w.id)[2:] for w in self.query("#form-body *") if w.id and w.id.startswith("f-")]

    def value(self, name: str) -> Any:
        widget = self.query_one(f"#f-{name}")
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, Checkbox):
            return widget.value
        return getattr(widget, "value", None)

    def values(self) -> dict[str, Any]:
        return {name: self.value(name) for name in self.field_names()}

    # -- checking as you type -------------------------------------------------------------------

    def show(self, name: str, message: str, *, error: bool) -> None:
        """Put ``message`` under the field (an error, or a hint); unchanged lines are left be,
        since redrawing one means laying out the whole form again."""
        if self._shown.get(name) == (message, error):
            return
        self._shown[name] = (message, error)
        try:
            line = self.query_one(f"#e-{name}", Static)
        except NoMatches:
            self.form_error(message)
            return
        line.update(message)
        line.set_class(error, "-error")
        line.set_class(bool(message), "-shown")
        self.query_one(f"#f-{name}").set_class(error, "-bad")

    def form_error(self, message: str) -> None:
        """The line above the buttons, for what belongs to no single field."""
        if message != self._form_message:
            self._form_message = message
            self.query_one("#form-error", Static).update(message)

    def validate(self, name: str) -> bool:
        try:
            hint = self.check(name, self.value(name))
        except CrmError as exc:
            self.show(name, str(exc), error=True)
            return False
        except (ValueError, TypeError) as exc:
            self.show(name, str(exc), error=True)
            return False
        self.show(name, hint or "", error=False)
        return True

    def _changed(self, widget: Widget | None) -> None:
        if widget is not None and widget.id and widget.id.startswith("f-"):
            name = widget.id[2:]
            self._touched.add(name)
            self.validate(name)
            self.form_error("")

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        self._changed(event.input)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        self._changed(event.select)

    @on(TextArea.Changed)
    def _area_changed(self, event: TextArea.Changed) -> None:
        self._changed(event.text_area)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    # -- saving -----------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.saving:
            return
        bad = [name for name in self.field_names() if not self.validate(name)]
        if bad:
            self.form_error("Please fix the marked fields.")
            self.query_one(f"#f-{bad[0]}").focus()
            return
        self.saving = True
        self.form_error("Saving…")
        self._save_worker(self.values())

    @work(thread=True, exclusive=True, group="form-save", exit_on_error=False)
    def _save_worker(self, values: dict[str, Any]) -> None:
        try:
            saved = write(self.app, lambda session: self.save(session, values))
        except Exception as exc:
            self.app.call_from_thread(self._failed, exc)
        else:
            self.app.call_from_thread(self._succeeded, saved)

    def _failed(self, exc: Exception) -> None:
        self.saving = False
        if not isinstance(exc, CrmError):
            self.form_error("Nothing was saved.")
            report(self.app, exc)
            return
        message = str(exc)
        target = self.field_for(exc)
        self.form_error("" if target else message)
        if target:
            self.show(target, message, error=True)
            self.query_one(f"#f-{target}").focus()
        self.app.notify(message, title="Not saved", severity="error", markup=False)

    def field_for(self, exc: CrmError) -> str | None:
        """The field of this form a refusal is about, by the field the error names."""
        return exc.field if exc.field in self.field_names() else None

    def _succeeded(self, saved: Saved) -> None:
        self.saving = False
        app = crm(self.app)
        app.post_message(self.saved_message(saved))
        app.notify(self.done_text(saved), markup=False, timeout=3)
        self.dismiss(saved)
