"""Output types of the call planner: a slot or the reason there is none, and the day plan.

Every reason is a short phrase in words, meant to be shown as it is by the CLI and the TUI.
Times are aware datetimes: ``start``/``end`` in UTC, plus the same instant in the salesperson's
zone and in the callee's zone so that nobody has to convert again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from crmtui.services.planning.planner.model import Callee


@dataclass(frozen=True)
class Slot:
    """A time at which the callee may be called, with the reasons it was chosen."""

    start: datetime
    end: datetime
    sales_start: datetime
    callee_start: datetime
    callee_zone: str
    tier: str
    reasons: tuple[str, ...]
    flags: tuple[str, ...] = ()
    phone: str | None = None


@dataclass(frozen=True)
class NoSlot:
    """No acceptable time was found; ``code`` is machine-readable, the rest is for people.

    Codes: stopped, nurture, no-phone, wrong-number, unknown-zone, no-overlap, legal-day,
    holiday, closed, your-day-off, cap, legal-cap, refusal, busy, your-busy, day-over; the
    database layer adds capacity (more due than a day holds) and not-due (no reason to call).
    A NoSlot is falsy, so ``if slot:`` reads naturally.
    """

    code: str
    reason: str
    suggestion: str
    details: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return False


@dataclass(frozen=True)
class PlanItem:
    """One call on the day plan."""

    callee: Callee
    kinds: tuple[str, ...]
    goal: str
    slot: Slot
    reasons: tuple[str, ...]
    priority: int
    refs: tuple[int, ...] = ()
    action: int | None = None  # the open follow-up (of refs) this call answers

    @property
    def start(self) -> datetime:
        """When the call starts (aware UTC)."""
        return self.slot.start


@dataclass(frozen=True)
class Unplaced:
    """A call that is due but does not fit the day: why, and what would make it fit."""

    callee: Callee
    kinds: tuple[str, ...]
    goal: str
    code: str
    reason: str
    suggestion: str
    priority: int
    next_slot: Slot | None = None
    refs: tuple[int, ...] = ()
    action: int | None = None  # the open follow-up (of refs) a call would answer


@dataclass(frozen=True)
class NurtureItem:
    """A customer moved off today's calls after too many unanswered attempts in a row."""

    callee: Callee
    kinds: tuple[str, ...]
    unanswered: int
    last_attempt: datetime | None
    reason: str
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class Task:
    """A touch that is not a call (letter, card, credit review): due today, no time slot."""

    callee: Callee
    kind: str
    channel: str
    goal: str
    due: date
    reason: str
    ref: int | None = None


@dataclass(frozen=True)
class DayPlan:
    """The salesperson's calls for one day, in the order they should be made."""

    day: date
    zone: str
    items: tuple[PlanItem, ...]
    unplaced: tuple[Unplaced, ...]
    nurture: tuple[NurtureItem, ...]
    tasks: tuple[Task, ...] = ()
