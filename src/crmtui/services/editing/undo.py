"""Undo for the full-screen app: a short stack of inverse operations at the service level.

Each change the app can take back records an :class:`UndoStep` — a label and a function that
reverts it inside a Session — built by the helpers below from what the change returned (a
snapshot from before, or a merge plan). Free of Textual: the app owns one :class:`UndoStack`
and runs a step's ``revert`` in one transaction when the user presses Ctrl+Z.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session

if TYPE_CHECKING:
    from crmtui.services.editing.merge import MergePlan
    from crmtui.services.editing.types import ActivitySnapshot, NoteSnapshot

Revert = Callable[[Session, datetime], object]


@dataclass(frozen=True)
class UndoStep:
    """One change that can be taken back; ``customer_id`` says which card it belongs to."""

    label: str
    revert: Revert
    customer_id: int | None = None


class UndoStack:
    """The last few changes, newest on top (older ones fall off the bottom)."""

    def __init__(self, limit: int = 20) -> None:
        self.limit = limit
        self._steps: list[UndoStep] = []
        self._lock = threading.Lock()  # forms push from their save workers

    def push(self, step: UndoStep) -> None:
        with self._lock:
            self._steps.append(step)
            del self._steps[: -self.limit]

    def pop(self) -> UndoStep | None:
        with self._lock:
            return self._steps.pop() if self._steps else None

    def peek(self) -> UndoStep | None:
        with self._lock:
            return self._steps[-1] if self._steps else None

    def __len__(self) -> int:
        return len(self._steps)


def activity_changed(before: ActivitySnapshot, what: str = "edit") -> UndoStep:
    """The inverse of an activity edit or delete: put the snapshot back."""
    from crmtui.services.editing.record_edits import restore_activity

    def revert(session: Session, now: datetime) -> object:
        return restore_activity(session, now=now, snapshot=before)

    return UndoStep(f"{what} of activity {before['id']}", revert, before["customer_id"])


def note_changed(before: NoteSnapshot, what: str = "edit") -> UndoStep:
    from crmtui.services.editing.record_edits import restore_note

    def revert(session: Session, now: datetime) -> object:
        return restore_note(session, now=now, snapshot=before)

    return UndoStep(f"{what} of note {before['id']}", revert, before["customer_id"])


def contact_trashed(contact_id: int, customer_id: int) -> UndoStep:
    from crmtui.services.editing.record_edits import restore_contact

    def revert(session: Session, now: datetime) -> object:
        return restore_contact(session, now=now, contact_id=contact_id)

    return UndoStep(f"delete of contact {contact_id}", revert, customer_id)


def customers_merged(plan: MergePlan) -> UndoStep:
    from crmtui.services.editing.merge import unmerge

    def revert(session: Session, now: datetime) -> object:
        unmerge(session, now=now, plan=plan)
        return None

    return UndoStep(f"merge of {plan.other_name} into {plan.keep_name}", revert, plan.keep_id)
