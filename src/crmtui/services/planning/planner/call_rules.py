"""The rules applied to one candidate call time, for one callee.

A :class:`CallContext` gathers what is known about a callee (zones, legal rule, what the history
teaches) and judges a start time in four stages — hours, calendar, caps, occupation — recording
how far the time got and why it stopped. The search in :mod:`.slots` walks a grid of times
through it; the furthest stage reached on a day explains why that day has no call.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from crmtui.clock import zone
from crmtui.i18n import _
from crmtui.l10n import daily
from crmtui.l10n import weekday as day_name
from crmtui.services.planning.planner.explain import (
    STAGE_CALENDAR,
    STAGE_CAPS,
    STAGE_HOURS,
    STAGE_OCCUPIED,
    STAGE_OK,
    Point,
    ceil_to_step,
    fmt_day,
    fmt_hours,
    local_minutes,
)
from crmtui.services.planning.planner.learning import ANSWERED, Learned, learn, time_score
from crmtui.services.planning.planner.legal import LegalRule, legal_rule
from crmtui.services.planning.planner.model import Attempt, Callee, PlannerSettings
from crmtui.services.planning.planner.results import NoSlot
from crmtui.services.planning.planner.windows import (
    Interval,
    Window,
    intersect_windows,
    merge_windows,
)
from crmtui.services.planning.planner.workdays import (
    holiday_name,
    is_working_day,
    non_working_reason,
)
from crmtui.services.planning.planner.zones import normalize_phone, resolve_zone

__all__ = ["CallContext", "ceil_to_step", "usable_phones"]


def usable_phones(
    phones: tuple[str, ...], attempts: Sequence[Attempt], region: str | None
) -> tuple[tuple[str, ...], bool]:
    """The phones not known to be wrong, and whether a wrong number was logged without saying
    which phone it was (then no phone can be trusted until someone answers again)."""
    wrong: set[str] = set()
    unknown = False
    for a in sorted(attempts, key=lambda a: (a.at, a.outcome)):
        number = normalize_phone(a.phone, region) if a.phone else None
        if a.outcome == "wrong-number":
            if number:
                wrong.add(number)
            else:
                unknown = True
        elif a.outcome in ANSWERED:
            unknown = False  # someone answered since: the number on file works
            if number:
                wrong.discard(number)
    usable = tuple(p for p in phones if normalize_phone(p, region) not in wrong)
    return usable, unknown


class CallContext:
    """Everything needed to judge call times for one callee; built once per search."""

    def __init__(
        self,
        callee: Callee,
        history: Sequence[Attempt],
        settings: PlannerSettings,
        busy_sales: Sequence[Interval] = (),
        *,
        urgent: bool = True,
    ) -> None:
        self.callee = callee
        self.settings = settings
        self.urgent = urgent
        self.sales_zone = zone(settings.zone)
        self.attempts = tuple(sorted(history, key=lambda a: (a.at, a.outcome)))
        self.busy_sales = tuple(busy_sales)
        region = callee.country or settings.country
        self.phones, self.wrong_unknown = usable_phones(callee.phones, self.attempts, region)
        self.resolved = resolve_zone(callee.zone, self.phones, callee.country, settings.country)
        self.zones: tuple[ZoneInfo, ...] = self.resolved.infos()
        self.primary = self.zones[0] if self.zones else ZoneInfo("UTC")
        self.country = self.resolved.country
        self.rule: LegalRule = legal_rule(self.country, callee.kind)
        self.learned: Learned = learn(self.attempts, self.primary, settings, callee.busy)
        self.call = timedelta(minutes=settings.call_minutes)

    # -- the callee as a whole --------------------------------------------------------------

    def blocked(self) -> NoSlot | None:
        """A reason not to call this callee at all, or None."""
        learned, s = self.learned, self.settings
        if learned.stopped_at is not None:
            when = fmt_day(learned.stopped_at.astimezone(self.sales_zone).date())
            return NoSlot(
                "stopped",
                _("they said they are not interested ({when}); calls stopped").format(when=when),
                _("call again only after they get in touch; log that contact first"),
            )
        if learned.unanswered_streak >= s.nurture_after:
            return NoSlot(
                "nurture",
                _("{count} unanswered calls in a row: moved to the nurture list").format(
                    count=learned.unanswered_streak
                ),
                _("keep in touch by message, email or letter; a reply puts them back on calls"),
            )
        if not self.callee.phones:
            return NoSlot("no-phone", _("no phone number on file"), _("add a phone number"))
        if not self.phones or self.wrong_unknown:
            return NoSlot(
                "wrong-number",
                _("the last call reached a wrong number"),
                _("check the number and correct it on the card"),
            )
        if not self.zones:
            why = self.resolved.note or _("their time zone is unknown")
            return NoSlot(
                "unknown-zone",
                _("{why}; cannot tell their local time").format(why=why),
                _("set their time zone on the card, or store the number with its country code"),
            )
        return None

    # -- one start time ---------------------------------------------------------------------

    def in_calling_hours(self, t: datetime) -> bool:
        """True when a call starting at ``t`` fits the salesperson's own calling hours."""
        _local, m0, m1 = local_minutes(t, t + self.call, self.sales_zone)
        return any(w.contains(m0, m1) for w in self.settings.calling_hours)

    def tier(self, weekday: int, m0: int, m1: int, primary: bool) -> tuple[int, str, str] | None:
        """Rank (0 best), name and window of the callee's hours that hold ``[m0, m1)``."""
        s = self.settings
        normal = next((w for w in s.normal_hours if w.contains(m0, m1)), None)
        if normal is None and self.resolved.ambiguous:
            return None  # with several possible zones only normal hours in all of them will do
        if primary:
            for p in self.callee.preferred:
                if p.applies(weekday) and p.window.contains(m0, m1):
                    day = daily(lower=True) if p.weekday is None else day_name(p.weekday)
                    text = _("their preferred window {day} {window}")
                    return 0, "preferred", text.format(day=day, window=p.window)
        if normal is not None:
            text = _("normal hours {window}").format(window=normal)
            return (2 if self.learned.offpeak_first else 1), "normal", text
        off = next((w for w in s.off_peak if w.contains(m0, m1)), None)
        if off is not None:
            text = _("off-peak window {window}").format(window=off)
            return (1 if self.learned.offpeak_first else 2), "off-peak", text
        return None

    def evaluate(self, t: datetime) -> Point:
        """Judge a call starting at ``t`` (aware UTC); the point says how far it got and why."""
        end = t + self.call
        ranked: tuple[int, str, str] | None = None
        for i, tz in enumerate(self.zones):
            local, m0, m1 = local_minutes(t, end, tz)
            legal = self.rule.windows(local.weekday())
            if not legal:
                return Point(t, STAGE_HOURS, [("legal-day", self.rule.describe(local.weekday()))])
            if not any(w.contains(m0, m1) for w in legal):
                return Point(t, STAGE_HOURS, [("no-overlap", "")])
            found = self.tier(local.weekday(), m0, m1, primary=i == 0)
            if found is None:
                return Point(t, STAGE_HOURS, [("no-overlap", "")])
            ranked = ranked or found

        codes = self._calendar(t)
        if codes:
            return Point(t, STAGE_CALENDAR, codes)
        codes = self._caps(t)
        if codes:
            return Point(t, STAGE_CAPS, codes)
        codes = self._occupied(t, end)
        if codes:
            return Point(t, STAGE_OCCUPIED, codes)

        assert ranked is not None
        local, m0, _m1 = local_minutes(t, end, self.primary)
        ts = time_score(
            self.learned, local.weekday(), m0, self.settings.near_minutes, nudges=not self.urgent
        )
        rank, tier, window = ranked
        return Point(t, STAGE_OK, [], rank, tier, window, ts.score, ts.penalty, ts.notes)

    def _calendar(self, t: datetime) -> list[tuple[str, str]]:
        c = self.callee
        for tz in self.zones:
            day = t.astimezone(tz).date()
            name = holiday_name(day, self.country, c.subdivision)
            if name:
                text = _("{day} is {name} in {country}") if self.country else _("{day} is {name}")
                return [("holiday", text.format(day=fmt_day(day), name=name, country=self.country))]
            if not is_working_day(day, self.country, c.subdivision):
                if not (c.kind == "consumer" and self.settings.consumer_weekends):
                    text = _("{day} is not a working day for them").format(day=fmt_day(day))
                    return [("closed", text)]
        own = t.astimezone(self.sales_zone).date()
        if self.settings.own_workdays_only and not is_working_day(own, self.settings.country):
            why = non_working_reason(own, self.settings.country)
            text = _("{day} is your day off ({why})").format(day=fmt_day(own), why=why)
            return [("your-day-off", text)]
        return []

    def _caps(self, t: datetime) -> list[tuple[str, str]]:
        s, rule = self.settings, self.rule
        day = t.astimezone(self.primary).date()
        same_day = sum(1 for a in self.attempts if a.at.astimezone(self.primary).date() == day)
        if same_day >= s.max_calls_per_day:
            cap = s.max_calls_per_day
            text = _("{count} attempts on {day} already (cap {cap} a day)")
            return [("cap", text.format(count=same_day, day=fmt_day(day), cap=cap))]
        if rule.max_attempts is not None:
            since = t - timedelta(days=rule.per_days)
            recent = sum(1 for a in self.attempts if since < a.at <= t)
            if recent >= rule.max_attempts:
                return [
                    (
                        "legal-cap",
                        _("{count} attempts in {days} days: the most allowed ({rule})").format(
                            count=recent, days=rule.per_days, rule=rule.name()
                        ),
                    )
                ]
        if rule.quiet_days_after_refusal is not None:
            quiet = timedelta(days=rule.quiet_days_after_refusal)
            for refused in self.learned.refusals:
                if refused <= t < refused + quiet:
                    return [
                        (
                            "refusal",
                            _("they refused on {day}: no calls for {days} days ({rule})").format(
                                day=fmt_day(refused.astimezone(self.primary).date()),
                                days=rule.quiet_days_after_refusal,
                                rule=rule.name(),
                            ),
                        )
                    ]
        return []

    def _occupied(self, t: datetime, end: datetime) -> list[tuple[str, str]]:
        c, codes = self.callee, []
        local, m0, m1 = local_minutes(t, end, self.primary)
        wd = local.weekday()
        for slot in c.busy:
            if slot.applies(wd) and slot.window.overlaps(m0, m1):
                codes.append(("busy", slot.describe()))
        for slot in self.learned.inferred_busy:
            if slot.applies(wd) and slot.window.overlaps(m0, m1):
                codes.append(("busy", slot.label))
        for slot in c.do_not_call:
            if slot.applies(wd) and slot.window.overlaps(m0, m1):
                day = daily(lower=True) if slot.weekday is None else day_name(slot.weekday)
                text = _("{day} {window} is in their do-not-call time")
                codes.append(("do-not-call", text.format(day=day, window=slot.window)))
        for period in c.do_not_call_periods:
            if period.overlaps(t, end):
                until = fmt_day(period.end.astimezone(self.primary).date())
                text = period.label or _("do not call them until {day}").format(day=until)
                codes.append(("do-not-call", text))
        gap = self.settings.min_gap
        for a in self.attempts:
            if abs(t - a.at) < gap:
                at = a.at.astimezone(self.primary).strftime("%H:%M")
                hours = fmt_hours(self.settings.min_hours_between_calls)
                text = _("at least {hours} after the call at {at}")
                codes.append(("gap", text.format(hours=hours, at=at)))
        for busy in self.busy_sales:
            if busy.overlaps(t, end):
                at = busy.start.astimezone(self.sales_zone).strftime("%H:%M")
                what = busy.label or _("another action")
                codes.append(("your-busy", _("you have {what} at {at}").format(what=what, at=at)))
        return codes

    # -- descriptions -----------------------------------------------------------------------

    def their_hours(self, weekday: int) -> tuple[Window, ...]:
        """The callee's acceptable hours on ``weekday`` (local): legal ∩ (preferred ∪ normal ∪
        off-peak); only legal ∩ normal when the number may be in several zones."""
        s = self.settings
        legal = self.rule.windows(weekday)
        mine = list(s.normal_hours)
        if not self.resolved.ambiguous:
            mine += list(s.off_peak)
            mine += [p.window for p in self.callee.preferred if p.applies(weekday)]
        return intersect_windows(legal, merge_windows(mine))
