"""The follow-up call planner (电话跟进): who to call today, at what time, and why.

Pure rules over plain dataclasses — no database, no Textual, no Typer, and no clock: the caller
passes ``now``. The database layer turns rows into :class:`Callee`, :class:`Attempt` and
:class:`Candidate`; ``crm plan`` and the planner screen render the :class:`DayPlan`.

Main entry points:

- :func:`next_slot` — the next acceptable call time for one callee, or why there is none;
- :func:`slot_on_day` — the best time on one day of the salesperson;
- :func:`build_day_plan` — the ordered calls of a day, the calls that do not fit (why, and what
  would make them fit), the nurture list and the non-call tasks;
- :mod:`.touches` — when keep-in-touch and care touches fall due;
- :data:`LEGAL_HOURS` — the table of legal calling hours, meant to be extended.
"""

from crmtui.services.common.months import add_months
from crmtui.services.planning.planner.learning import Learned, learn
from crmtui.services.planning.planner.legal import DEFAULT_RULE, LEGAL_HOURS, LegalRule, legal_rule
from crmtui.services.planning.planner.model import (
    KINDS,
    OUTCOMES,
    Attempt,
    Callee,
    Candidate,
    KindInfo,
    PlannerSettings,
)
from crmtui.services.planning.planner.plan import build_day_plan
from crmtui.services.planning.planner.results import (
    DayPlan,
    NoSlot,
    NurtureItem,
    PlanItem,
    Slot,
    Task,
    Unplaced,
)
from crmtui.services.planning.planner.slot_search import next_slot, slot_on_day
from crmtui.services.planning.planner.touches import (
    birthday_call_date,
    birthday_card_date,
    cadence_days,
    complaint_follow_up_date,
    credit_review_date,
    dissatisfied_call_date,
    keep_in_touch_date,
    keep_in_touch_due,
    payment_overdue_date,
    payment_reminder_date,
    satisfaction_call_date,
    service_reminder_date,
    thank_you_date,
)
from crmtui.services.planning.planner.windows import Interval, WeeklySlot, Window, parse_windows
from crmtui.services.planning.planner.workdays import (
    holiday_name,
    is_makeup_workday,
    is_working_day,
    next_working_day,
)
from crmtui.services.planning.planner.zones import ResolvedZone, resolve_zone, zone_country

__all__ = [
    "DEFAULT_RULE",
    "KINDS",
    "LEGAL_HOURS",
    "OUTCOMES",
    "Attempt",
    "Callee",
    "Candidate",
    "DayPlan",
    "Interval",
    "KindInfo",
    "Learned",
    "LegalRule",
    "NoSlot",
    "NurtureItem",
    "PlanItem",
    "PlannerSettings",
    "ResolvedZone",
    "Slot",
    "Task",
    "Unplaced",
    "WeeklySlot",
    "Window",
    "add_months",
    "birthday_call_date",
    "birthday_card_date",
    "build_day_plan",
    "cadence_days",
    "complaint_follow_up_date",
    "credit_review_date",
    "dissatisfied_call_date",
    "holiday_name",
    "is_makeup_workday",
    "is_working_day",
    "keep_in_touch_date",
    "keep_in_touch_due",
    "learn",
    "legal_rule",
    "next_slot",
    "next_working_day",
    "parse_windows",
    "resolve_zone",
    "payment_overdue_date",
    "payment_reminder_date",
    "satisfaction_call_date",
    "service_reminder_date",
    "slot_on_day",
    "thank_you_date",
    "zone_country",
]
