"""Input types of the call planner: windows, callees, call history, settings and candidates.

Everything here is a plain frozen dataclass so that the database layer can build them from rows
and the tests can build them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, get_args

from crmtui.i18n import N_, translate
from crmtui.services.planning.planner.windows import Interval, WeeklySlot, Window, parse_windows

if TYPE_CHECKING:
    from crmtui.config import Config

CalleeKind = Literal["business", "consumer"]
Outcome = Literal[
    "reached",
    "no-answer",
    "busy",
    "voicemail",
    "appointment",
    "call-back",
    "not-interested",
    "wrong-number",
]
# The same values as crmtui.db.constants.OUTCOMES, spelled out once more for the type checker.
OUTCOMES: tuple[str, ...] = get_args(Outcome)


@dataclass(frozen=True)
class Callee:
    """Whom to call: a customer and, when known, the contact person at it.

    ``zone`` is the IANA zone from the contact's or customer's record (None = infer it from the
    phone number). ``busy``, ``preferred`` and ``do_not_call`` are in the callee's local time.
    """

    customer_id: int
    customer_name: str
    contact_name: str | None = None
    phones: tuple[str, ...] = ()
    zone: str | None = None
    country: str | None = None
    subdivision: str | None = None
    kind: CalleeKind = "business"
    busy: tuple[WeeklySlot, ...] = ()
    preferred: tuple[WeeklySlot, ...] = ()
    do_not_call: tuple[WeeklySlot, ...] = ()
    do_not_call_periods: tuple[Interval, ...] = ()
    contact_id: int | None = None

    @property
    def display(self) -> str:
        """``"Contact (Customer)"`` or just the customer's name."""
        if self.contact_name:
            return f"{self.contact_name} ({self.customer_name})"
        return self.customer_name


@dataclass(frozen=True)
class Attempt:
    """One logged call: when (aware) and how it ended; ``phone`` = the number dialled, if known."""

    at: datetime
    outcome: Outcome
    phone: str | None = None

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("Attempt.at must be an aware datetime")
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown call outcome {self.outcome!r}")


@dataclass(frozen=True)
class PlannerSettings:
    """The planner's knobs; build it from the user's config with :meth:`from_config`."""

    zone: str
    country: str | None = "CN"
    calling_hours: tuple[Window, ...] = (Window(540, 1080),)
    normal_hours: tuple[Window, ...] = (Window(540, 1020),)
    off_peak: tuple[Window, ...] = (Window(480, 540), Window(720, 780), Window(1020, 1110))
    max_calls_per_day: int = 2
    min_hours_between_calls: int = 2
    nurture_after: int = 6
    call_minutes: int = 15
    horizon_days: int = 14
    step_minutes: int = 15
    near_minutes: int = 60
    offpeak_after: int = 3
    own_workdays_only: bool = True
    consumer_weekends: bool = False
    cadence_a: int = 14
    cadence_b: int = 30
    cadence_c: int = 90

    @property
    def min_gap(self) -> timedelta:
        """Shortest time allowed between two attempts on the same customer."""
        return timedelta(hours=self.min_hours_between_calls)

    @classmethod
    def from_config(cls, cfg: Config, zone: str | None = None) -> PlannerSettings:
        """Read the planner's settings from a crmtui Config.

        The salesperson's zone is ``zone``, else the config's ``timezone``, else ``CRM_TZ`` or the
        system zone (through :func:`crmtui.clock.user_zone`).
        """
        from crmtui import clock

        def _get(key: str) -> Any:
            return getattr(cfg, key)

        name = zone or _get("timezone") or clock.user_zone().key
        return cls(
            zone=name,
            country=_get("country"),
            calling_hours=parse_windows(_get("calling_hours")),
            normal_hours=parse_windows(_get("normal_hours")),
            off_peak=parse_windows(_get("off_peak")),
            max_calls_per_day=int(_get("max_calls_per_day")),
            min_hours_between_calls=int(_get("min_hours_between_calls")),
            nurture_after=int(_get("nurture_after")),
            call_minutes=int(_get("call_minutes")),
            horizon_days=int(_get("planner_horizon_days")),
            step_minutes=int(_get("planner_step_minutes")),
            near_minutes=int(_get("planner_near_minutes")),
            offpeak_after=int(_get("planner_offpeak_after")),
            own_workdays_only=bool(_get("planner_own_workdays_only")),
            consumer_weekends=bool(_get("planner_consumer_weekends")),
            cadence_a=int(_get("cadence_a")),
            cadence_b=int(_get("cadence_b")),
            cadence_c=int(_get("cadence_c")),
        )


CandidateKind = Literal[
    "new-lead",
    "follow-up",
    "complaint",
    "dissatisfied",
    "satisfaction",
    "service",
    "birthday",
    "keep-in-touch",
    "thank-you",
    "birthday-card",
    "credit-review",
    "payment-reminder",
    "payment-overdue",
    "first-order",
]


@dataclass(frozen=True)
class KindInfo:
    """How a kind of candidate is handled: default priority (0 first), channel, goal, urgency."""

    priority: int
    channel: Literal["call", "letter", "card", "task"]
    goal: str
    urgent: bool

    def goal_text(self) -> str:
        """The goal in the user's language."""
        return translate(self.goal)


# Sales calls are kept short and aimed at an appointment (sales training); new leads come first
# because speed to a new lead matters far more than the hour of the call (call studies).
KINDS: dict[str, KindInfo] = {
    # goals are msgids, shown with ``KindInfo.goal_text()`` in the user's language
    "new-lead": KindInfo(
        0, "call", N_("qualify the new lead and book an appointment (3 min)"), True
    ),
    "follow-up": KindInfo(1, "call", N_("follow up and agree the next step"), True),
    "complaint": KindInfo(2, "call", N_("follow up on their complaint"), True),
    "satisfaction": KindInfo(
        3, "call", N_("ask whether they are satisfied with the delivery"), False
    ),
    # after the sale: an unhappy customer is called back first, a service reminder is care
    "dissatisfied": KindInfo(
        1, "call", N_("call back: they are not satisfied; listen and put it right"), True
    ),
    "service": KindInfo(4, "call", N_("remind them of the service due and book a date"), False),
    "birthday": KindInfo(3, "call", N_("wish them a happy birthday"), False),
    "keep-in-touch": KindInfo(
        5, "call", N_("keep in touch and look for a reason to meet (3 min)"), False
    ),
    "thank-you": KindInfo(2, "letter", N_("send a thank-you letter for the deal"), False),
    "birthday-card": KindInfo(4, "card", N_("send a birthday card (birthday in 7 days)"), False),
    "credit-review": KindInfo(6, "task", N_("re-rate their credit (every 6 months)"), False),
    # Money coming in: a friendly reminder before the due date, a firm call once it is late.
    "payment-reminder": KindInfo(3, "call", N_("remind them of a payment falling due"), False),
    "payment-overdue": KindInfo(
        2, "call", N_("ask for the overdue payment and agree a date"), True
    ),
    "first-order": KindInfo(
        2, "letter", N_("send a thank-you letter for their first order"), False
    ),
}


@dataclass(frozen=True)
class Candidate:
    """A reason to contact a callee, with the call history of that customer.

    ``due`` is the day the touch is due; ``due_at`` optionally pins a follow-up to a time (aware).
    ``goal`` overrides the kind's default goal; ``note`` adds a reason in words ("no touch for
    31 days"); ``ref`` lets the caller map the plan item back to its activity or record.
    """

    callee: Callee
    kind: CandidateKind
    due: date
    history: tuple[Attempt, ...] = ()
    due_at: datetime | None = None
    goal: str | None = None
    note: str = ""
    ref: int | None = None
    priority: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown candidate kind {self.kind!r}")
        if self.due_at is not None and self.due_at.tzinfo is None:
            raise ValueError("Candidate.due_at must be an aware datetime")

    @property
    def info(self) -> KindInfo:
        """The handling rules of this candidate's kind."""
        return KINDS[self.kind]

    @property
    def rank(self) -> int:
        """Effective priority: the explicit one, else the kind's default."""
        return self.info.priority if self.priority is None else self.priority

    @property
    def effective_goal(self) -> str:
        """The goal to show: the explicit one, else the kind's default."""
        return self.goal or self.info.goal_text()
