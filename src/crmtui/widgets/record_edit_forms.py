"""Forms that edit an existing activity or note from the card, each with a Delete button.

Saving or deleting records the inverse on the app's undo stack (see
``crmtui.services.editing.undo``), so Ctrl+Z takes the change back.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.widgets import Button

from crmtui import words
from crmtui.errors import InvalidInput
from crmtui.i18n import N_, _
from crmtui.messages import ActivityLogged, DataSaved, NoteAdded
from crmtui.widgets.choices import ACTIVITY_KINDS, OUTCOMES
from crmtui.widgets.confirm import Confirm
from crmtui.widgets.data_access import crm, report, write
from crmtui.widgets.form import (
    FormScreen,
    Saved,
    area_field,
    check_field,
    choice_field,
    text_field,
)
from crmtui.widgets.text import plain

if TYPE_CHECKING:
    from sqlmodel import Session

    from crmtui.services.editing.undo import UndoStack, UndoStep

_LOCAL = "%Y-%m-%d %H:%M"


def undo_stack(app: App[Any]) -> UndoStack:
    """The app's undo stack, made on first use (the app never needs it before a change)."""
    from crmtui.services.editing.undo import UndoStack

    stack = getattr(app, "undo_stack", None)
    if stack is None:
        stack = UndoStack()
        app.undo_stack = stack  # type: ignore[attr-defined]
    return stack


def _minutes(value: str) -> int | None:
    text = (value or "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > 24 * 60:
        raise InvalidInput("minutes-not-whole", field="minutes")
    return int(text)


class RecordEditForm(FormScreen):
    """A form for an existing record: a Delete button next to Save, and undo for both."""

    kind_label = "record"

    def __init__(self, customer_id: int | None) -> None:
        super().__init__()
        self.customer_id = customer_id
        self._step: UndoStep | None = None

    def on_mount(self) -> None:
        buttons = self.query_one("#form-buttons")
        buttons.mount(Button("Delete", variant="error", id="form-delete", compact=True))

    def delete_record(self, session: Session) -> UndoStep:
        raise NotImplementedError

    def describe(self) -> Text:
        raise NotImplementedError

    @on(Button.Pressed, "#form-delete")
    def _delete_pressed(self) -> None:
        question = Text.assemble("Delete ", self.describe(), "?\nCtrl+Z brings it back.")

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete()

        self.app.push_screen(Confirm(question, yes="Delete"), answered)

    @work(thread=True, exclusive=True, group="form-delete", exit_on_error=False)
    def _delete(self) -> None:
        try:
            step = write(self.app, self.delete_record)
        except Exception as exc:
            report(self.app, exc)
            return
        self.app.call_from_thread(self._deleted, step)

    def _deleted(self, step: UndoStep) -> None:
        undo_stack(self.app).push(step)
        app = crm(self.app)
        app.post_message(self.saved_message(Saved(self.kind_label, 0, self.customer_id)))
        app.notify(f"Deleted the {self.kind_label} (Ctrl+Z undoes)", markup=False, timeout=4)
        self.dismiss(None)

    def _succeeded(self, saved: Saved) -> None:
        if self._step is not None:
            undo_stack(self.app).push(self._step)
        super()._succeeded(saved)


class EditActivityForm(RecordEditForm):
    """Change or delete a logged or planned activity (a row of the card's timeline)."""

    kind_label = "activity"

    def __init__(
        self,
        activity: dict[str, Any],
        customer_id: int,
        customer_name: str,
        *,
        contacts: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(customer_id)
        self.activity = activity
        self.customer_name = customer_name
        self.contacts = contacts or []
        self.done = activity.get("done_at") is not None

    def heading(self) -> Text:
        kind = words.label("activity", self.activity.get("kind") or "call")
        if self.done:
            what = _("Edit the logged {kind} with ").format(kind=kind)
        else:
            what = _("Edit the planned {kind} with ").format(kind=kind)
        return Text.assemble((what, "bold"), plain(self.customer_name, style="bold"))

    def describe(self) -> Text:
        return plain(f"{self.activity.get('kind')} {self.activity.get('note') or ''}".strip())

    def _local(self) -> str:
        moment = self.activity.get("done_at") if self.done else self.activity.get("due_at")
        return moment.astimezone(crm(self.app).tz).strftime(_LOCAL) if moment else ""

    def fields(self) -> ComposeResult:
        a = self.activity
        label = N_("Happened at") if self.done else N_("Due at")
        yield from text_field("at", label, self._local())
        yield from choice_field(
            "kind",
            N_("Kind"),
            [(words.label("activity", k), k) for k in ACTIVITY_KINDS],
            a.get("kind"),
        )
        if self.done:
            outcomes = [(words.label("outcome", o), o) for o in OUTCOMES]
            yield from choice_field(
                "outcome", N_("Outcome"), outcomes, a.get("outcome"), blank=True
            )
            minutes = "" if a.get("minutes") is None else str(a["minutes"])
            yield from text_field("minutes", N_("Minutes"), minutes)
        people = [(plain(c["name"]), c["id"]) for c in self.contacts]
        if people:
            yield from choice_field(
                "contact",
                N_("Contact"),
                people,
                a.get("contact_id"),
                blank=True,
                prompt=N_("(none)"),
            )
        yield from area_field("note", N_("Note  (Ctrl+S saves)"), a.get("note") or "")

    def _when(self, text: str) -> datetime:
        from crmtui.services.common.timeparse import parse_when

        app = crm(self.app)
        return parse_when(text, app.now().astimezone(app.tz))

    def check(self, name: str, value: Any) -> str | None:
        if name == "minutes":
            _minutes(value)
        elif name == "at":
            if not (value or "").strip():
                raise InvalidInput("when-unreadable", field="at")
            return f"→ {self._when(value).astimezone(crm(self.app).tz):%a %Y-%m-%d %H:%M}"
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.editing.record_edits import update_activity
        from crmtui.services.editing.undo import activity_changed

        a = self.activity
        changes: dict[str, Any] = {}
        if values["at"].strip() != self._local():
            changes["at"] = self._when(values["at"])
        if values["kind"] != a.get("kind"):
            changes["kind"] = values["kind"]
        if self.done and values.get("outcome") != a.get("outcome"):
            changes["outcome"] = values.get("outcome")
        if self.done and _minutes(values.get("minutes", "")) != a.get("minutes"):
            changes["minutes"] = _minutes(values["minutes"])
        if "contact" in values and values["contact"] != a.get("contact_id"):
            changes["contact_id"] = values["contact"]
        if (values["note"].strip() or None) != (a.get("note") or None):
            changes["note"] = values["note"].strip()
        if changes:
            before = update_activity(
                session, now=crm(self.app).now(), activity_id=a["id"], changes=changes
            )
            self._step = activity_changed(before)
        return Saved("activity", a["id"], self.customer_id, "")

    def delete_record(self, session: Session) -> UndoStep:
        from crmtui.services.editing.record_edits import delete_activity
        from crmtui.services.editing.undo import activity_changed

        snapshot = delete_activity(
            session, now=crm(self.app).now(), activity_id=self.activity["id"]
        )
        return activity_changed(snapshot, "delete")

    def saved_message(self, saved: Saved) -> DataSaved:
        return ActivityLogged(saved.customer_id)

    def done_text(self, saved: Saved) -> str:
        return f"Saved the {self.kind_label} (Ctrl+Z undoes)"


class EditNoteForm(RecordEditForm):
    """Change or delete a note of the card."""

    kind_label = "note"

    def __init__(self, note: dict[str, Any], customer_id: int | None) -> None:
        super().__init__(customer_id)
        self.note = note

    def heading(self) -> Text:
        return Text(_("Edit the note"), style="bold")

    def describe(self) -> Text:
        body = self.note.get("body") or ""
        return plain("the note " + (body if len(body) <= 40 else body[:39] + "…"))

    def fields(self) -> ComposeResult:
        yield from area_field("body", N_("Note *  (Ctrl+S saves)"), self.note.get("body") or "")
        yield from check_field("pinned", N_("pin it on the desktop"), bool(self.note.get("pinned")))

    def check(self, name: str, value: Any) -> str | None:
        if name == "body" and not (value or "").strip():
            raise InvalidInput("note-empty-delete", field="body")
        return None

    def save(self, session: Session, values: dict[str, Any]) -> Saved:
        from crmtui.services.editing.record_edits import edit_note
        from crmtui.services.editing.undo import note_changed
        from crmtui.services.notes.write import pin_note

        now = crm(self.app).now()
        before = edit_note(session, now=now, note_id=self.note["id"], body=values["body"])
        if bool(values["pinned"]) != bool(before["pinned"]):
            pin_note(session, note_id=self.note["id"], now=now, pinned=bool(values["pinned"]))
        self._step = note_changed(before)
        return Saved("note", self.note["id"], self.customer_id, "")

    def delete_record(self, session: Session) -> UndoStep:
        from crmtui.services.editing.record_edits import delete_note
        from crmtui.services.editing.undo import note_changed

        snapshot = delete_note(session, now=crm(self.app).now(), note_id=self.note["id"])
        return note_changed(snapshot, "delete")

    def saved_message(self, saved: Saved) -> DataSaved:
        return NoteAdded(saved.customer_id)

    def done_text(self, saved: Saved) -> str:
        return "Saved the note (Ctrl+Z undoes)"


def undo_last(app: App[Any]) -> None:
    """Take back the newest change on the undo stack, in one transaction off the main thread."""
    from crmtui.messages import DataSaved as Changed

    step = undo_stack(app).pop()
    if step is None:
        app.notify("Nothing to undo.", markup=False, timeout=3)
        return

    def run() -> None:
        try:
            write(app, lambda session: step.revert(session, crm(app).now()))
        except Exception as exc:
            report(app, exc)
            return
        app.call_from_thread(finish)

    def finish() -> None:
        app.post_message(Changed(step.customer_id))
        app.notify(f"Undone: {step.label}", markup=False, timeout=4)

    app.run_worker(run, thread=True, group="undo", exit_on_error=False)
