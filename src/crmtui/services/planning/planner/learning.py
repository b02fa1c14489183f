"""What the call history teaches: busy times, better times, and when to stop or slow down.

Outcomes fall in three groups. *Failed* (no answer, busy, voicemail) says the time was bad.
*Succeeded* (reached, appointment) says the time was good. Call-back and not-interested mean the
person answered. A wrong number says nothing about time. The rules, in the callee's local time:

- a time of day near an earlier failure is penalised, strongly on the same weekday (the
  penalty fades linearly to nothing at ``near_minutes`` away);
- two failures on the same weekday near the same time (on different dates) make an inferred
  weekly busy slot, unless a later success on that weekday fell inside it;
- failures in normal hours on ``offpeak_after`` different days, none of them explained by a
  known or inferred busy slot and none followed by a success in normal hours, make the planner
  try the off-peak windows first;
- a time near an earlier success gets a small bonus.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from crmtui.i18n import N_, _, translate
from crmtui.services.planning.planner.model import Attempt, PlannerSettings
from crmtui.services.planning.planner.windows import WeeklySlot, Window, hm

FAILED = frozenset({"no-answer", "busy", "voicemail"})
SUCCEEDED = frozenset({"reached", "appointment"})
ANSWERED = SUCCEEDED | {"call-back", "not-interested"}
_COUNT_WORDS = {2: N_("two"), 3: N_("three"), 4: N_("four"), 5: N_("five")}

# Weights of the learned preferences. They only order times within the same kind of window
# (preferred / normal / off-peak), so they can never push a call outside the rules.
SAME_DAY_FAILURE = 3.0
OTHER_DAY_FAILURE = 1.0
SAME_DAY_SUCCESS = -1.5
OTHER_DAY_SUCCESS = -0.5
# Call studies find late afternoon only slightly better: a tie-breaker for calls that can wait.
LATE_AFTERNOON = Window(16 * 60, 17 * 60)
LATE_AFTERNOON_BONUS = -0.2


@dataclass(frozen=True)
class Mark:
    """One past attempt seen in the callee's local time."""

    at: datetime
    day: date
    weekday: int
    minute: int


@dataclass(frozen=True)
class Learned:
    """Everything the planner takes from a callee's call history."""

    failures: tuple[Mark, ...]
    successes: tuple[Mark, ...]
    inferred_busy: tuple[WeeklySlot, ...]
    offpeak_first: bool
    offpeak_note: str
    unanswered_streak: int
    last_attempt: datetime | None
    stopped_at: datetime | None
    refusals: tuple[datetime, ...]


def _mark(attempt: Attempt, tz: ZoneInfo) -> Mark:
    local = attempt.at.astimezone(tz)
    return Mark(attempt.at, local.date(), local.weekday(), local.hour * 60 + local.minute)


def _inferred(failures: list[Mark], successes: list[Mark], near: int) -> list[WeeklySlot]:
    slots: list[WeeklySlot] = []
    for weekday in range(7):
        marks = sorted((m for m in failures if m.weekday == weekday), key=lambda m: m.minute)
        i = 0
        while i < len(marks):
            group = [m for m in marks[i:] if m.minute - marks[i].minute <= near]
            i += len(group)
            if len({m.day for m in group}) < 2:
                continue
            margin = near // 2
            lo = max(0, (group[0].minute - margin) // 15 * 15)
            # the slot is half-open, so it reaches past the last failed minute even when the
            # margin is 0 (planner_near_minutes of 1); otherwise it could be empty
            hi = min(1440, -(-(group[-1].minute + max(margin, 1)) // 15) * 15)
            last = max(m.at for m in group)
            if any(s.weekday == weekday and lo <= s.minute < hi and s.at > last for s in successes):
                continue  # they answered in that slot since: it was not a standing meeting
            centre = sum(m.minute for m in group) // len(group)
            centre = (centre + 2) // 5 * 5
            count = len(group)
            words = translate(_COUNT_WORDS[count]) if count in _COUNT_WORDS else str(count)
            label = _("{words} failed calls near {at}").format(words=words, at=hm(centre))
            slots.append(WeeklySlot(weekday, Window(lo, hi), label))
    return slots


def _in_slots(mark: Mark, slots: tuple[WeeklySlot, ...] | list[WeeklySlot]) -> bool:
    return any(
        s.applies(mark.weekday) and s.window.start <= mark.minute < s.window.end for s in slots
    )


def learn(
    history: tuple[Attempt, ...] | list[Attempt],
    tz: ZoneInfo,
    settings: PlannerSettings,
    known_busy: tuple[WeeklySlot, ...] = (),
) -> Learned:
    """Digest ``history`` (any order) as seen in the callee's zone ``tz``."""
    ordered = sorted(history, key=lambda a: (a.at, a.outcome))
    failures = [_mark(a, tz) for a in ordered if a.outcome in FAILED]
    successes = [_mark(a, tz) for a in ordered if a.outcome in SUCCEEDED]
    inferred = _inferred(failures, successes, settings.near_minutes)

    normal = settings.normal_hours
    last_ok = max((s.at for s in successes if _within(s.minute, normal)), default=None)
    unexplained = {
        f.day
        for f in failures
        if _within(f.minute, normal)
        and not _in_slots(f, known_busy)
        and not _in_slots(f, inferred)
        and (last_ok is None or f.at > last_ok)
    }
    offpeak_first = len(unexplained) >= settings.offpeak_after
    note = (
        _("off-peak first: calls in normal hours failed on {count} different days").format(
            count=len(unexplained)
        )
        if offpeak_first
        else ""
    )

    streak = 0
    for attempt in reversed(ordered):
        if attempt.outcome in ANSWERED:
            break
        if attempt.outcome in FAILED:
            streak += 1

    stopped_at: datetime | None = None
    for attempt in ordered:
        if attempt.outcome == "not-interested":
            stopped_at = attempt.at
        elif attempt.outcome in ANSWERED:
            stopped_at = None  # they engaged again after refusing

    return Learned(
        failures=tuple(failures),
        successes=tuple(successes),
        inferred_busy=tuple(inferred),
        offpeak_first=offpeak_first,
        offpeak_note=note,
        unanswered_streak=streak,
        last_attempt=ordered[-1].at if ordered else None,
        stopped_at=stopped_at,
        refusals=tuple(a.at for a in ordered if a.outcome == "not-interested"),
    )


def _within(minute: int, windows: tuple[Window, ...]) -> bool:
    return any(w.start <= minute < w.end for w in windows)


def _closeness(past: int, minute: int, near: int) -> float:
    """1 at the same time of day, falling linearly to 0 at ``near`` minutes away."""
    distance = abs(past - minute)
    return 0.0 if distance >= near else 1.0 - distance / near


@dataclass(frozen=True)
class TimeScore:
    """How good a time of day looks from the history: lower is better.

    ``penalty`` is the part due to earlier failures alone, so the reasons can say when a time
    was passed over because of them.
    """

    score: float
    penalty: float
    notes: tuple[str, ...]


def time_score(
    learned: Learned, weekday: int, minute: int, near: int, *, nudges: bool
) -> TimeScore:
    """Score a call at ``minute`` on ``weekday`` (callee-local) against the history.

    Failures add a penalty, successes a bonus; ``nudges`` adds the small late-afternoon bonus.
    """
    penalty = 0.0
    for f in learned.failures:
        weight = SAME_DAY_FAILURE if f.weekday == weekday else OTHER_DAY_FAILURE
        penalty += weight * _closeness(f.minute, minute, near)
    score = penalty
    notes: list[str] = []
    best: Mark | None = None
    best_closeness = 0.0
    for s in learned.successes:
        closeness = _closeness(s.minute, minute, near)
        if closeness > 0:
            score += (SAME_DAY_SUCCESS if s.weekday == weekday else OTHER_DAY_SUCCESS) * closeness
            if closeness > best_closeness:
                best, best_closeness = s, closeness
    if best is not None:
        notes.append(_("near an earlier successful call at {at}").format(at=hm(best.minute)))
    if nudges and LATE_AFTERNOON.start <= minute < LATE_AFTERNOON.end:
        score += LATE_AFTERNOON_BONUS
        notes.append(_("late afternoon: slightly better odds (call studies)"))
    return TimeScore(score, penalty, tuple(notes))
